// /flaky, /flaky/upload and /flaky/count: requests that fail a scripted number of times per key,
// for retry tests (see test_server.hpp).
#include <boost/json.hpp>

#include "azcore/testserver/test_server.hpp"
#include "routes.hpp"
#include "sha256.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string body_sha256(const Request& request) {
    if (!request.body_sha256.empty()) return request.body_sha256;  // /flaky/upload: hashed while read
    Sha256 sha;
    sha.update(request.body);
    return sha.hex_digest();
}

std::uint64_t body_length(const Request& request) {
    return request.body_sha256.empty() ? request.body.size() : request.body_length;
}

}  // namespace

asio::awaitable<bool> flaky_route(Connection& connection, const Request& request) {
    const auto key = request.arg("key");
    if (!key || key->empty()) co_return co_await bad_request(connection, request, "missing key");
    const auto fail = number_arg(request, "fail", 1);
    if (!fail) co_return co_await bad_request(connection, request, "bad fail");
    const std::string mode = request.arg("mode").value_or("status");
    if (mode != "status" && mode != "reset" && mode != "close" && mode != "hang")
        co_return co_await bad_request(connection, request, "mode must be status, reset, close or hang");
    const auto status = number_arg(request, "status", 503);
    if (!status || *status < 100 || *status > 999) co_return co_await bad_request(connection, request, "bad status");
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request.args) {
        if (name != "header") continue;
        auto colon = value.find(':');
        if (colon == std::string::npos || colon == 0) co_return co_await bad_request(connection, request, "header must be Name:Value");
        headers.emplace_back(value.substr(0, colon), trim(std::string_view(value).substr(colon + 1)));
    }

    ServerState& state = connection.state();
    const std::size_t n = state.flaky_hit(*key, FlakyTry{request.method, body_length(request), body_sha256(request)});
    const std::string try_header = std::to_string(n);
    if (n > *fail) {
        json::object out = request.path == "/flaky/upload" ? upload_json(request) : echo_json(request);
        out["flaky_try"] = n;
        Reply reply = json_reply(200, out);
        reply.headers.emplace_back("X-Flaky-Try", try_header);
        co_return co_await connection.send(request, std::move(reply));
    }

    state.flaky_mark_failed(*key, n);
    if (mode == "reset") {
        connection.reset();
        co_return false;
    }
    if (mode == "close") {
        co_await connection.close();
        co_return false;
    }
    if (mode == "hang") {
        co_await connection.wait_for_peer_close();
        co_return false;
    }
    std::string message = "scripted failure " + try_header + " of " + std::to_string(*fail);
    Reply reply = error_reply(static_cast<unsigned>(*status), "Flaky", message);
    for (auto& header : headers) reply.headers.push_back(std::move(header));
    reply.headers.emplace_back("X-Flaky-Try", try_header);
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> flaky_count_route(Connection& connection, const Request& request) {
    const ServerState& state = connection.state();
    json::object out;
    if (auto key = request.arg("key")) {
        std::vector<FlakyTry> tries = state.flaky_tries(*key);
        json::array list;
        std::size_t failed = 0;
        for (const FlakyTry& attempt : tries) {
            failed += attempt.failed ? 1 : 0;
            list.push_back(json::object{{"method", attempt.method},
                                        {"length", attempt.length},
                                        {"sha256", attempt.sha256},
                                        {"failed", attempt.failed}});
        }
        out["key"] = *key;
        out["count"] = tries.size();
        out["failed"] = failed;
        out["tries"] = std::move(list);
    } else {
        json::object keys;
        std::size_t total = 0;
        for (const auto& [name, count] : state.flaky_counts()) {
            keys[name] = count;
            total += count;
        }
        out["keys"] = std::move(keys);
        out["total"] = total;
    }
    Reply reply = json_reply(200, out);  // not inside co_await: GCC 12 mishandles it
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
