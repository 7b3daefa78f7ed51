#include <boost/json.hpp>

#include "azcore/testserver/test_server.hpp"
#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;

namespace {
/// Bound on bytes a route generates, so a typo cannot exhaust memory.
constexpr std::uint64_t max_sent_bytes = 256ull << 20;
}  // namespace
using std::chrono::milliseconds;

asio::awaitable<bool> delay_route(Connection& connection, const Request& request) {
    auto ms = to_number(*path_tail(request.path, "/delay/"));
    if (!ms || *ms > 3'600'000) co_return co_await bad_request(connection, request, "bad delay");
    bool waited = co_await connection.sleep(milliseconds(*ms));
    if (!waited) co_return false;
    Reply reply = json_reply(200, {{"delay_ms", *ms}});  // not inside co_await: GCC 12 mishandles it
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> drip_route(Connection& connection, const Request& request) {
    auto bytes = number_arg(request, "bytes", 10);
    auto interval = number_arg(request, "interval_ms", 100);
    if (!bytes || *bytes > (1u << 20)) co_return co_await bad_request(connection, request, "bad bytes");
    if (!interval || *interval > 3'600'000) co_return co_await bad_request(connection, request, "bad interval_ms");
    const bool keep_alive = request.keep_alive;
    Reply head{.headers = {{"Content-Type", "application/octet-stream"}}, .declared_length = *bytes};
    bool ok = co_await connection.write(serialize_head(head, keep_alive));
    if (!ok) co_return false;
    const std::string data = generated_bytes(*bytes);
    for (char byte : data) {
        ok = co_await connection.sleep(milliseconds(*interval));
        if (!ok) co_return false;
        ok = co_await connection.write(std::string_view(&byte, 1));
        if (!ok) co_return false;
    }
    co_return keep_alive;
}

asio::awaitable<bool> stall_route(Connection& connection, const Request& request) {
    auto bytes = number_arg(request, "bytes", 1000);
    auto after = number_arg(request, "after", 0);
    auto pause = number_arg(request, "pause_ms", 0);
    if (!bytes) co_return co_await bad_request(connection, request, "bad bytes");
    if (!after || *after >= *bytes || *after > max_sent_bytes)
        co_return co_await bad_request(connection, request, "after must be < bytes");
    if (!pause || *pause > 60'000) co_return co_await bad_request(connection, request, "bad pause_ms");
    Reply head{.headers = {{"Content-Type", "application/octet-stream"}}, .declared_length = *bytes};
    // Built in statements of their own: GCC 12 mishandles temporaries inside co_await.
    std::string head_bytes = serialize_head(head, request.keep_alive);
    std::string body = generated_bytes(*after);
    bool ok = co_await write_head_then_body(connection, std::move(head_bytes), std::move(body), milliseconds(*pause));
    if (!ok) co_return false;
    co_await connection.wait_for_peer_close();
    co_return false;
}

asio::awaitable<bool> hold_route(Connection& connection, const Request& request) {
    ServerState& state = connection.state();
    if (state.begin_hold(connection.id())) {
        while (state.is_held(connection.id())) {
            bool woken = co_await connection.wait_for_wake();
            if (!woken) {
                state.end_hold(connection.id());
                co_return false;
            }
        }
    }
    Reply reply = json_reply(200, {{"held", true}});  // not inside co_await: GCC 12 mishandles it
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
