#include <boost/json.hpp>

#include "azcore/testserver/test_server.hpp"
#include "compression.hpp"
#include "compression_bomb.hpp"
#include "routes.hpp"

#include <algorithm>

namespace azcore::testserver::detail {

namespace asio = boost::asio;

namespace {
constexpr std::uint64_t max_generated_bytes = 1ull << 30;
constexpr std::uint64_t max_bomb_bytes = 16ull << 30;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}
}  // namespace

asio::awaitable<bool> status_route(Connection& connection, const Request& request) {
    auto code = to_number(*path_tail(request.path, "/status/"));
    if (!code || *code < 100 || *code > 999) co_return co_await bad_request(connection, request, "bad status code");
    Reply reply{.status = static_cast<unsigned>(*code), .reason = request.arg("reason").value_or("")};
    for (const auto& [name, value] : request.args) {
        if (name != "header") continue;
        auto colon = value.find(':');
        if (colon == std::string::npos || colon == 0) {
            co_return co_await bad_request(connection, request, "header must be Name:Value");
        }
        reply.headers.emplace_back(value.substr(0, colon), trim(std::string_view(value).substr(colon + 1)));
    }
    reply.body = request.arg("body").value_or("");
    if (auto type = request.arg("content_type")) {
        reply.headers.emplace_back("Content-Type", *type);
    } else if (!reply.body.empty()) {
        reply.headers.emplace_back("Content-Type", "text/plain");
    }
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> bytes_route(Connection& connection, const Request& request) {
    auto n = to_number(*path_tail(request.path, "/bytes/"));
    auto chunk_size = number_arg(request, "chunk_size", 4096);
    if (!n || *n > max_generated_bytes) co_return co_await bad_request(connection, request, "bad byte count");
    if (!chunk_size || *chunk_size == 0) co_return co_await bad_request(connection, request, "bad chunk_size");
    Reply reply{.headers = {{"Content-Type", "application/octet-stream"}},
                .body = generated_bytes(*n),
                .chunked = request.arg("chunked") == "1",
                .chunk_size = *chunk_size};
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> encoding_route(Connection& connection, const Request& request) {
    std::string_view coding = *path_tail(request.path, "/encoding/");
    auto size = number_arg(request, "size", 100000);
    if (!size || *size > max_generated_bytes) co_return co_await bad_request(connection, request, "bad size");
    auto body = compress(generated_text(*size), coding);
    if (!body) co_return co_await bad_request(connection, request, "unknown coding");
    Reply reply{.headers = {{"Content-Type", "text/plain; charset=utf-8"}},
                .body = std::move(*body),
                .chunked = request.arg("chunked") == "1"};
    if (coding != "identity") reply.headers.emplace_back("Content-Encoding", coding);
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> bomb_route(Connection& connection, const Request& request) {
    // /bomb/gzip,br: a bomb of the first coding, then each next one applied to the result.
    std::string_view codings = *path_tail(request.path, "/bomb/");
    auto size = number_arg(request, "size", max_generated_bytes);
    if (!size || *size > max_bomb_bytes) co_return co_await bad_request(connection, request, "bad size");
    std::optional<std::string> body;
    std::string content_encoding;
    for (std::size_t start = 0; start <= codings.size();) {
        std::size_t comma = std::min(codings.find(',', start), codings.size());
        std::string_view coding = trim(codings.substr(start, comma - start));
        start = comma + 1;
        body = body ? compress(*body, coding) : zeros_bomb(coding, *size);
        if (!body || coding == "identity") co_return co_await bad_request(connection, request, "unknown coding");
        content_encoding += (content_encoding.empty() ? "" : ", ") + std::string(coding);
    }
    Reply reply{.headers = {{"Content-Type", "application/octet-stream"}, {"Content-Encoding", content_encoding}},
                .body = std::move(*body)};
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> corrupt_encoding_route(Connection& connection, const Request& request) {
    std::string_view coding = *path_tail(request.path, "/encoding/corrupt/");
    auto body = corrupt_payload(coding);
    if (!body) co_return co_await bad_request(connection, request, "unknown coding");
    Reply reply{.headers = {{"Content-Type", "text/plain; charset=utf-8"}, {"Content-Encoding", std::string(coding)}},
                .body = std::move(*body)};
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> redirect_route(Connection& connection, const Request& request) {
    auto to = request.arg("to");
    auto status = number_arg(request, "status", 302);
    if (!to) co_return co_await bad_request(connection, request, "missing to");
    if (!status || *status < 300 || *status > 399) co_return co_await bad_request(connection, request, "bad status");
    Reply reply{.status = static_cast<unsigned>(*status), .headers = {{"Location", *to}}};
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> huge_headers_route(Connection& connection, const Request& request) {
    auto kb = number_arg(request, "kb", 64);
    if (!kb || *kb > 64 * 1024) co_return co_await bad_request(connection, request, "bad kb");
    Reply reply = json_reply(200, {{"kb", *kb}});
    reply.headers.emplace_back("X-Huge", std::string(*kb * 1024, 'h'));
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
