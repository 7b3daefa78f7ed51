// connection_pool(): per host, the connections a curl transport holds (open, in use, idle), the
// requests on them and those queued for one, checked against what the test server saw, in both
// faces.
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace azcore {
namespace {

using rest::HttpRequest;
using test::RunMode;
using testserver::TestServer;
using transport::HostConnections;

class ConnectionPoolTest : public ::testing::TestWithParam<RunMode> {
protected:
    static transport::ConnectionConfiguration config(std::size_t per_host = 0) {
        return {.read_timeout = 10, .max_connections_per_host = per_host, .use_env_settings = false};
    }

    /// The entry of server's host (a test fails when it is missing).
    static HostConnections entry(const test::DualClient& client, const TestServer& server) {
        const transport::ConnectionPoolStats stats = client.connection_pool();
        const HostConnections* host = stats.find(server.base_url());
        EXPECT_NE(host, nullptr) << "no entry for " << server.base_url();
        return host != nullptr ? *host : HostConnections{};
    }

    /// Every count of host, for one comparison with a readable failure.
    static std::string counts(const HostConnections& host) {
        return "open=" + std::to_string(host.open) + " in_use=" + std::to_string(host.in_use) +
               " idle=" + std::to_string(host.idle) + " active_requests=" + std::to_string(host.active_requests) +
               " queued=" + std::to_string(host.queued) + " opened_total=" + std::to_string(host.opened_total) +
               " requests_total=" + std::to_string(host.requests_total);
    }

    /// Polls pred for up to 5 s.
    static bool eventually(const std::function<bool()>& pred) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!pred()) {
            if (std::chrono::steady_clock::now() > until) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }
};

TEST_P(ConnectionPoolTest, AnUnusedTransportHasNoHosts) {
    TestServer server;
    test::DualClient client(server.base_url(), GetParam(), config());
    EXPECT_TRUE(client.connection_pool().hosts.empty());
}

TEST_P(ConnectionPoolTest, SequentialRequestsShareOneConnectionThatStaysIdle) {
    TestServer server;
    test::DualClient client(server.base_url(), GetParam(), config());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(client.send(HttpRequest("GET", "/echo")).status_code, 200);

    const HostConnections host = entry(client, server);
    EXPECT_EQ(host.host, server.base_url());
    EXPECT_EQ(counts(host), "open=1 in_use=0 idle=1 active_requests=0 queued=0 opened_total=1 requests_total=3");
    EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST_P(ConnectionPoolTest, HeldRequestsAreInUseAndTheRestQueueBehindTheCap) {
    TestServer server;
    test::DualClient client(server.base_url(), GetParam(), config(2));
    HostConnections during;
    std::vector<HttpRequest> requests;
    for (int i = 0; i < 4; ++i) requests.emplace_back("GET", "/hold");
    const auto outcomes = client.send_all(std::move(requests), [&] {
        // Two requests on the two connections the cap allows, two waiting for one of them.
        const bool settled = eventually([&] {
            const transport::ConnectionPoolStats stats = client.connection_pool();
            if (const HostConnections* host = stats.find(server.base_url())) during = *host;
            return server.held_now() == 2 && during.in_use == 2 && during.queued == 2;
        });
        EXPECT_TRUE(settled) << "held " << server.held_now() << ", in use " << during.in_use << ", queued " << during.queued;
        server.release_held();
    });
    for (const auto& outcome : outcomes) ASSERT_TRUE(outcome.result) << "a request failed";

    EXPECT_EQ(counts(during), "open=2 in_use=2 idle=0 active_requests=2 queued=2 opened_total=0 requests_total=0");
    EXPECT_EQ(counts(entry(client, server)), "open=2 in_use=0 idle=2 active_requests=0 queued=0 opened_total=2 requests_total=4");
    EXPECT_EQ(server.connections_accepted(), 2u);
}

TEST_P(ConnectionPoolTest, AConnectionTheServerClosesIsNoLongerOpen) {
    TestServer server;
    test::DualClient client(server.base_url(), GetParam(), config());
    HttpRequest request("GET", "/echo");
    request.headers.set("Connection", "close");
    EXPECT_EQ(client.send(std::move(request)).status_code, 200);
    EXPECT_EQ(client.send(HttpRequest("GET", "/echo")).status_code, 200);

    const HostConnections host = entry(client, server);
    EXPECT_EQ(host.open, 1u) << "the first connection closed; the second is kept";
    EXPECT_EQ(host.idle, 1u);
    EXPECT_EQ(host.opened_total, 2u);
    EXPECT_EQ(host.requests_total, 2u);
    EXPECT_EQ(server.connections_accepted(), 2u);
}

TEST_P(ConnectionPoolTest, EachHostHasItsOwnEntry) {
    TestServer first;
    TestServer second;
    test::DualClient client(first.base_url(), GetParam(), config());
    EXPECT_EQ(client.send(HttpRequest("GET", "/echo")).status_code, 200);
    EXPECT_EQ(client.send(HttpRequest("GET", second.base_url() + "/echo")).status_code, 200);
    EXPECT_EQ(client.send(HttpRequest("GET", second.base_url() + "/echo")).status_code, 200);

    const transport::ConnectionPoolStats stats = client.connection_pool();
    ASSERT_EQ(stats.hosts.size(), 2u);
    const HostConnections* a = stats.find(first.base_url());
    const HostConnections* b = stats.find(second.base_url());
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(counts(*a), "open=1 in_use=0 idle=1 active_requests=0 queued=0 opened_total=1 requests_total=1");
    EXPECT_EQ(counts(*b), "open=1 in_use=0 idle=1 active_requests=0 queued=0 opened_total=1 requests_total=2");
}

// The README's "Connection pool" example.
TEST(ConnectionPoolReadmeExample, TwoRequestsShareOneConnection) {
    TestServer server;
    const std::string base_url = server.base_url();
    auto transport = std::make_shared<azcore::transport::CurlTransport>();
    azcore::PipelineClient client(base_url, {.transport = transport});
    client.send_request(azcore::rest::HttpRequest("GET", "/echo"));
    client.send_request(azcore::rest::HttpRequest("GET", "/echo"));

    const azcore::transport::ConnectionPoolStats pool = transport->connection_pool();
    const azcore::transport::HostConnections* host = pool.find(base_url);  // "http://127.0.0.1:PORT"
    ASSERT_NE(host, nullptr);
    EXPECT_EQ(host->open, 1u);
    EXPECT_EQ(host->idle, 1u);
    EXPECT_EQ(host->in_use, 0u);
    EXPECT_EQ(host->queued, 0u);
    EXPECT_EQ(host->opened_total, 1u);
    EXPECT_EQ(host->requests_total, 2u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, ConnectionPoolTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore
