#include "azcore/testserver/test_server.hpp"
#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;

namespace {
/// Bound on bytes a route generates, so a typo cannot exhaust memory.
constexpr std::uint64_t max_sent_bytes = 256ull << 20;
/// Lets written bytes reach the peer before an abort discards what is still unsent.
constexpr std::chrono::milliseconds settle{10};
}  // namespace

asio::awaitable<bool> reset_route(Connection& connection, const Request& request) {
    std::string_view when = *path_tail(request.path, "/reset/");
    if (when == "mid-headers") {
        bool written = co_await connection.write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Par");
        if (!written) co_return false;
        co_await connection.sleep(settle);
    } else if (when == "mid-body") {
        Reply head{.headers = {{"Content-Type", "application/octet-stream"}}, .declared_length = 1000};
        bool written = co_await connection.write(serialize_head(head, true) + generated_bytes(100));
        if (!written) co_return false;
        co_await connection.sleep(settle);
    } else if (when != "before-status") {
        co_return co_await not_found_route(connection, request);
    }
    connection.reset();
    co_return false;
}

asio::awaitable<bool> close_route(Connection& connection, const Request& request) {
    if (request.path != "/close/before-status") co_return co_await not_found_route(connection, request);
    co_await connection.close();
    co_return false;
}

asio::awaitable<bool> short_route(Connection& connection, const Request& request) {
    auto declared = number_arg(request, "declared", 100);
    auto actual = number_arg(request, "actual", declared.value_or(100) / 2);
    if (!declared) co_return co_await bad_request(connection, request, "bad declared");
    if (!actual || *actual >= *declared || *actual > max_sent_bytes) {
        co_return co_await bad_request(connection, request, "actual must be < declared");
    }
    Reply head{.headers = {{"Content-Type", "application/octet-stream"}}, .declared_length = *declared};
    bool written = co_await connection.write(serialize_head(head, true) + generated_bytes(*actual));
    if (written) co_await connection.close();
    co_return false;
}

asio::awaitable<bool> chunked_cut_route(Connection& connection, const Request& request) {
    auto bytes = number_arg(request, "bytes", 100);
    if (!bytes || *bytes > max_sent_bytes) co_return co_await bad_request(connection, request, "bad bytes");
    Reply head{.headers = {{"Content-Type", "application/octet-stream"}}, .chunked = true};
    // One chunk announced larger than what follows.
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", static_cast<std::size_t>(*bytes + 1024));
    bool written = co_await connection.write(serialize_head(head, true) + size_line + generated_bytes(*bytes));
    if (written) co_await connection.close();
    co_return false;
}

// Coroutine parameters must be named: GCC 12 miscompiles unnamed ones.
asio::awaitable<bool> invalid_status_route(Connection& connection, [[maybe_unused]] const Request& request) {
    bool written = co_await connection.write("HTTP/1.1 abc Broken\r\n\r\n");
    if (written) co_await connection.close();
    co_return false;
}

}  // namespace azcore::testserver::detail
