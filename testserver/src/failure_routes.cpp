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

// A status line at once, then one header line every interval_ms: a server trickling its headers.
asio::awaitable<bool> drip_headers_route(Connection& connection, const Request& request) {
    auto lines = number_arg(request, "lines", 10);
    auto interval = number_arg(request, "interval_ms", 100);
    if (!lines || *lines > 10'000) co_return co_await bad_request(connection, request, "bad lines");
    if (!interval || *interval > 3'600'000) co_return co_await bad_request(connection, request, "bad interval_ms");
    bool ok = co_await connection.write("HTTP/1.1 200 OK\r\n");
    for (std::uint64_t i = 0; ok && i < *lines; ++i) {
        ok = co_await connection.sleep(std::chrono::milliseconds(*interval));
        const std::string line = "X-Drip-" + std::to_string(i) + ": d\r\n";
        if (ok) ok = co_await connection.write(line);
    }
    if (ok) ok = co_await connection.write("Content-Length: 0\r\n\r\n");
    co_return ok && request.keep_alive;
}

// One header line of mb MiB, written a MiB at a time (never held whole), then the connection closes.
asio::awaitable<bool> huge_header_line_route(Connection& connection, const Request& request) {
    auto mb = number_arg(request, "mb", 100);
    if (!mb || *mb > 1024) co_return co_await bad_request(connection, request, "bad mb");
    bool ok = co_await connection.write("HTTP/1.1 200 OK\r\nX-Huge: ");
    const std::string block(1 << 20, 'h');
    for (std::uint64_t i = 0; ok && i < *mb; ++i) ok = co_await connection.write(block);
    if (ok) ok = co_await connection.write("\r\nContent-Length: 0\r\n\r\n");
    if (ok) co_await connection.close();
    co_return false;
}

}  // namespace azcore::testserver::detail
