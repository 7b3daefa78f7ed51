// CONNECT host:port: a forward proxy's tunnel (TestServerOptions::tunnel), to loopback only.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <charconv>

#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;

asio::awaitable<bool> tunnel_route(Connection& connection, const Request& request) {
    const std::string_view target = request.target;
    const std::size_t colon = target.rfind(':');
    std::uint16_t port = 0;
    if (colon == std::string_view::npos ||
        std::from_chars(target.data() + colon + 1, target.data() + target.size(), port).ec != std::errc{} || port == 0)
        co_return co_await bad_request(connection, request, "CONNECT needs host:port");
    std::string host(target.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host == "localhost") host = "127.0.0.1";
    boost::system::error_code ec;
    const asio::ip::address address = asio::ip::make_address(host, ec);
    if (ec || !address.is_loopback())
        co_return co_await connection.send(request, error_reply(403, "Forbidden", "the tunnel goes to loopback addresses only"));

    asio::ip::tcp::socket upstream(co_await asio::this_coro::executor);
    auto [connect_ec] = co_await upstream.async_connect({address, port}, asio::as_tuple(asio::use_awaitable));
    if (connect_ec)
        co_return co_await connection.send(request, error_reply(502, "BadGateway", "the tunnel's connection failed: " + connect_ec.message()));
    upstream.set_option(asio::ip::tcp::no_delay(true), ec);
    if (!co_await connection.write("HTTP/1.1 200 Connection established\r\n\r\n")) co_return false;
    co_await connection.relay(upstream);
    co_return false;
}

}  // namespace azcore::testserver::detail
