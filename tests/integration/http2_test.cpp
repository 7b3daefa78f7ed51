// HTTP/2 through AsyncCurlTransport against nginx: many concurrent requests multiplexed, and the
// connection pool reporting the connections nginx saw.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include "support/nginx_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <set>

namespace azcore {
namespace {

TEST(Http2Test, HundredConcurrentRequestsShareAtMostTwoConnections) {
    test::NginxServer nginx;
    boost::asio::io_context context;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(
        context.get_executor(), transport::ConnectionConfiguration{.connection_verify = nginx.cert_file()});
    AsyncPipelineClient client(nginx.base_url(), context.get_executor(), {.transport = transport, .config = Configuration{}});

    std::vector<std::string> versions;
    std::set<std::string> connections;
    int failures = 0;
    for (int i = 0; i < 100; ++i) {
        boost::asio::co_spawn(
            context,
            [&]() -> net::awaitable<void> {
                rest::HttpRequest request("GET", "/conn");
                auto response = co_await client.send_request(std::move(request));
                versions.push_back(response->http_version());
                connections.insert(response->text());
            },
            [&](std::exception_ptr error) { failures += error ? 1 : 0; });
    }
    context.run();
    EXPECT_EQ(failures, 0);
    ASSERT_EQ(versions.size(), 100u);
    for (const auto& version : versions) EXPECT_EQ(version, "2");
    EXPECT_LE(connections.size(), 2u);

    // The pool saw the same: the connections nginx named, each kept open and idle.
    const transport::ConnectionPoolStats stats = transport->connection_pool();
    ASSERT_EQ(stats.hosts.size(), 1u);
    const transport::HostConnections& host = stats.hosts[0];
    EXPECT_EQ(host.host, nginx.base_url());
    EXPECT_EQ(host.opened_total, connections.size());
    EXPECT_EQ(host.open, connections.size());
    EXPECT_EQ(host.idle, connections.size());
    EXPECT_EQ(host.in_use, 0u);
    EXPECT_EQ(host.requests_total, 100u);
}

}  // namespace
}  // namespace azcore
