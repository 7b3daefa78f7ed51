// /resumable/{n}?key=K&cuts=M (1)&cut=C (n/2)&mode=…&coding=C&cut_mode=close|reset (close)&pace_ms=P (0)
//   &content_range=V
// generated_bytes(n) with ETag "v1", honouring `Range: bytes=N-` (206 + Content-Range) and If-Match
// (412): the first M requests carrying key K stop after C bytes of their body (FIN, or RST).
// mode: etag (as said), changed (from the second request the body is generated_text(n) with ETag
// "v2"), changed-etag (the same, If-Match ignored), no-etag, ignore-range (always 200), wrong-start /
// wrong-total (the Content-Range's start / total off by one). coding: the body sent with that
// Content-Encoding (ranges count encoded bytes). content_range: a 206's Content-Range is V as given
// (empty: none), whatever the mode, as a broken or hostile server may send it. pace_ms: the body
// sent 64 KiB at a time, P ms apart.
// For resumable download tests.
#include "azcore/testserver/test_server.hpp"
#include "compression.hpp"
#include "routes.hpp"

#include <algorithm>

namespace azcore::testserver::detail {

namespace asio = boost::asio;

namespace {
constexpr std::uint64_t max_resumable_bytes = 512ull << 20;
constexpr std::chrono::milliseconds settle{10};

/// N from "bytes=N-", the only form the route serves.
std::optional<std::uint64_t> range_start(const Request& request) {
    auto range = request.header("Range");
    if (!range || !range->starts_with("bytes=") || !range->ends_with("-")) return std::nullopt;
    return to_number(std::string_view(*range).substr(6, range->size() - 7));
}
}  // namespace

asio::awaitable<bool> resumable_route(Connection& connection, const Request& request) {
    auto size = to_number(*path_tail(request.path, "/resumable/"));
    if (!size || *size > max_resumable_bytes) co_return co_await bad_request(connection, request, "bad size");
    const auto key = request.arg("key");
    if (!key || key->empty()) co_return co_await bad_request(connection, request, "missing key");
    const auto cuts = number_arg(request, "cuts", 1);
    const auto cut = number_arg(request, "cut", *size / 2);
    if (!cuts || !cut) co_return co_await bad_request(connection, request, "bad cuts or cut");
    const std::string mode = request.arg("mode").value_or("etag");
    if (mode != "etag" && mode != "changed" && mode != "changed-etag" && mode != "no-etag" && mode != "ignore-range" &&
        mode != "wrong-start" && mode != "wrong-total")
        co_return co_await bad_request(connection, request,
                                       "mode must be etag, changed, changed-etag, no-etag, ignore-range, wrong-start or wrong-total");
    const bool reset = request.arg("cut_mode") == "reset";
    const auto pace_arg = number_arg(request, "pace_ms", 0);
    if (!pace_arg || *pace_arg > 10'000) co_return co_await bad_request(connection, request, "bad pace_ms");
    const std::uint64_t pace = *pace_arg;
    const std::size_t piece = 65536;

    const std::size_t n = connection.state().flaky_hit(*key, FlakyTry{request.method, 0, ""});
    const bool changed = (mode == "changed" || mode == "changed-etag") && n > 1;
    std::string body = changed ? generated_text(*size) : generated_bytes(*size);
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/octet-stream"}};
    if (auto coding = request.arg("coding")) {
        auto encoded = compress(body, *coding);
        if (!encoded) co_return co_await bad_request(connection, request, "unknown coding");
        body = std::move(*encoded);
        headers.emplace_back("Content-Encoding", *coding);
    }
    const std::string etag = changed ? "\"v2\"" : "\"v1\"";
    if (mode != "no-etag") headers.emplace_back("ETag", etag);

    auto if_match = request.header("If-Match");
    if (if_match && *if_match != etag && mode != "changed-etag") {
        Reply reply = error_reply(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
        co_return co_await connection.send(request, std::move(reply));
    }
    std::uint64_t start = 0;
    unsigned status = 200;
    if (auto from = range_start(request); from && mode != "ignore-range") {
        if (*from >= body.size()) {
            Reply reply = error_reply(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");
            co_return co_await connection.send(request, std::move(reply));
        }
        start = *from;
        status = 206;
        const std::uint64_t shown_start = mode == "wrong-start" ? start + 1 : start;
        const std::uint64_t shown_total = mode == "wrong-total" ? body.size() + 1 : body.size();
        std::string content_range = request.arg("content_range")
                                        .value_or("bytes " + std::to_string(shown_start) + "-" +
                                                  std::to_string(body.size() - 1) + "/" + std::to_string(shown_total));
        if (!content_range.empty()) headers.emplace_back("Content-Range", std::move(content_range));
    }
    std::string rest = body.substr(start);
    const bool whole = n > *cuts || *cut >= rest.size();
    if (whole && !pace) {
        Reply reply{.status = status, .headers = std::move(headers), .body = std::move(rest)};
        co_return co_await connection.send(request, std::move(reply));
    }
    // Paced: the head, then the body a piece at a time with a pause before each.
    const std::size_t end = whole ? rest.size() : *cut;
    Reply head{.status = status, .headers = std::move(headers), .declared_length = rest.size()};
    // Named, not a temporary inside co_await: GCC 12 destroys such temporaries twice.
    std::string first = serialize_head(head, true);
    if (!pace) first += std::string_view(rest).substr(0, end);
    bool written = co_await connection.write(first);
    for (std::size_t at = 0; written && pace && at < end; at += piece) {
        written = co_await connection.sleep(std::chrono::milliseconds(pace));
        const std::string_view next_piece = std::string_view(rest).substr(at, std::min<std::size_t>(piece, end - at));
        if (written) written = co_await connection.write(next_piece);
    }
    if (!written) co_return false;
    if (whole) co_return true;
    co_await connection.sleep(settle);
    if (reset) connection.reset();
    else co_await connection.close();
    co_return false;
}

}  // namespace azcore::testserver::detail
