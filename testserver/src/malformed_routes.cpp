#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;

// Two Content-Length fields that disagree (RFC 9112 §6.3: a client must treat it as an
// unrecoverable error); 10 body bytes follow, so either length "works" if one is picked.
// Coroutine parameters must be named: GCC 12 miscompiles unnamed ones.
asio::awaitable<bool> conflicting_length_route(Connection& connection, [[maybe_unused]] const Request& request) {
    bool written = co_await connection.write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nContent-Length: 10\r\n\r\nhelloworld");
    if (written) co_await connection.close();
    co_return false;
}

// A chunked body whose first chunk-size line is not hexadecimal.
asio::awaitable<bool> bad_chunk_route(Connection& connection, [[maybe_unused]] const Request& request) {
    bool written = co_await connection.write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
    if (written) co_await connection.close();
    co_return false;
}

// A 302 to itself, forever.
asio::awaitable<bool> redirect_loop_route(Connection& connection, const Request& request) {
    Reply reply{.status = 302, .headers = {{"Location", "/redirect-loop"}}};
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
