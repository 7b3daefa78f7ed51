// HTTP/2 against nginx, through AsyncCurlTransport and through the Beast transports with http2 on:
// many concurrent requests multiplexed on one connection, the connection pool reporting the
// connections nginx saw and the requests waiting, bodies both ways, GOAWAY, a stream's own read
// timeout, a proxy's tunnel, HTTP/1.1 when the server does not offer HTTP/2, and the test server's
// faults through nginx (a stream reset inside the body, gzip, a 503 retried, a body that stalls).
#include <azcore/async_pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/async_beast_transport.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/beast_transport.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_response.hpp>

#include "support/nginx_server.hpp"
#include "support/expect_throws.hpp"
#include "support/peer_process.hpp"

#include <azcore/testserver/test_server.hpp>

#include <azcore/exceptions.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

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


// AsyncBeastTransport with http2 on, against base_url (HTTP/2) or http1_url.
struct BeastHttp2 {
    explicit BeastHttp2(const test::NginxServer& nginx, const std::string& url, bool http2 = true)
        : BeastHttp2(url, {.connection_verify = nginx.cert_file(), .http2 = http2}) {}
    /// pipeline unset: the default policies (retry and all).
    BeastHttp2(const std::string& url, transport::ConnectionConfiguration config,
               std::optional<Configuration> pipeline = Configuration{})
        : transport(std::make_shared<transport::AsyncBeastTransport>(context.get_executor(), std::move(config))),
          client(url, context.get_executor(), {.transport = transport, .config = std::move(pipeline)}) {}

    /// Sends count GETs of path at once; returns (http_version, body) of each.
    std::vector<std::pair<std::string, std::string>> get_all(const std::string& path, int count) {
        std::vector<std::pair<std::string, std::string>> seen;
        for (int i = 0; i < count; ++i) {
            boost::asio::co_spawn(
                context,
                [&]() -> net::awaitable<void> {
                    auto response = co_await client.send_request(rest::HttpRequest("GET", path));
                    seen.emplace_back(response->http_version(), response->text());
                },
                [&](std::exception_ptr error) { failed(error); });
        }
        context.run();
        context.restart();
        return seen;
    }
    /// The distinct bodies of count GETs of /conn at once: the connections nginx used. Each
    /// answer is HTTP/2.
    std::set<std::string> connections_of(int count) {
        std::set<std::string> connections;
        for (const auto& [version, body] : get_all("/conn", count)) {
            EXPECT_EQ(version, "2");
            connections.insert(body);
        }
        return connections;
    }

    boost::asio::io_context context;
    std::shared_ptr<transport::AsyncBeastTransport> transport;
    AsyncPipelineClient client;
    int failures = 0;
    std::string last_failure;
    /// Streams path's body in 64 KiB reads until it ends or fails with E: the bytes that came, and
    /// E's message ("" when it did not fail).
    template <class E>
    std::pair<std::size_t, std::string> stream_until_failure(const std::string& path) {
        std::size_t received = 0;
        std::string failure;
        boost::asio::co_spawn(
            context,
            [&]() -> net::awaitable<void> {
                auto response = co_await client.send_request(rest::HttpRequest("GET", path), {.stream = true});
                try {
                    auto chunks = response->iter_raw(64 * 1024);
                    while (auto chunk = co_await chunks.next()) received += chunk->size();
                } catch (const E& error) {
                    failure = error.message();
                }
            },
            [&](std::exception_ptr error) { failed(error); });
        context.run();
        context.restart();
        return {received, failure};
    }
    /// Counts a coroutine's failure, keeping its message.
    void failed(std::exception_ptr error) {
        if (!error) return;
        ++failures;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            last_failure = e.what();
        }
    }
};

// The sync face: BeastTransport with http2 on carries a thread's requests in turn on one HTTP/2
// connection.
struct SyncBeastHttp2 {
    /// pipeline unset: the default policies (retry and all).
    explicit SyncBeastHttp2(const test::NginxServer& nginx, const std::string& url, std::optional<Configuration> pipeline = Configuration{},
                            double read_timeout = 300)
        : transport(std::make_shared<transport::BeastTransport>(
              transport::ConnectionConfiguration{.read_timeout = read_timeout, .connection_verify = nginx.cert_file(), .http2 = true})),
          client(url, {.transport = transport, .config = std::move(pipeline)}) {}
    std::shared_ptr<transport::BeastTransport> transport;
    PipelineClient client;

    /// Streams path's body in 64 KiB reads, expecting exactly E with expected as its message;
    /// returns the bytes that came.
    template <class E>
    std::size_t stream_until_failure(const std::string& path, const std::string& expected) {
        auto response = client.send_request(rest::HttpRequest("GET", path), {.stream = true});
        std::size_t received = 0;
        test::expect_throws_exactly<E>(
            [&] {
                for (const BytesView chunk : response->iter_raw(64 * 1024)) received += chunk.size();
            },
            expected);
        return received;
    }
};

TEST(Http2Test, BeastHundredConcurrentRequestsShareOneConnection) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx, nginx.base_url());
    // Once every request has started: the first opening the connection (active), the others
    // waiting to learn whether it speaks HTTP/2 (queued).
    std::optional<transport::HostConnections> during;
    boost::asio::post(beast.context, [&] {
        boost::asio::post(beast.context, [&] { during = beast.transport->connection_pool().hosts.at(0); });
    });
    const auto seen = beast.get_all("/conn", 100);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    ASSERT_EQ(seen.size(), 100u);
    ASSERT_TRUE(during.has_value());
    EXPECT_EQ(during->queued, 99u);
    EXPECT_EQ(during->active_requests, 1u);
    std::set<std::string> connections;
    for (const auto& [version, body] : seen) {
        EXPECT_EQ(version, "2");
        connections.insert(body);
    }
    EXPECT_EQ(connections.size(), 1u);  // the others waited for the first connection's protocol

    const transport::ConnectionPoolStats stats = beast.transport->connection_pool();
    ASSERT_EQ(stats.hosts.size(), 1u);
    const transport::HostConnections& host = stats.hosts[0];
    EXPECT_EQ(host.host, nginx.base_url());
    EXPECT_EQ(host.opened_total, 1u);
    EXPECT_EQ(host.open, 1u);
    EXPECT_EQ(host.idle, 1u);
    EXPECT_EQ(host.in_use, 0u);
    EXPECT_EQ(host.active_requests, 0u);
    EXPECT_EQ(host.requests_total, 100u);

    // The next requests go on the same connection; close() closes it once idle.
    const auto again = beast.get_all("/conn", 3);
    ASSERT_EQ(again.size(), 3u);
    for (const auto& [version, body] : again) EXPECT_EQ(body, *connections.begin());
    beast.transport->close();
    beast.context.run();
    beast.context.restart();
    EXPECT_EQ(beast.transport->connection_pool().hosts[0].open, 0u);
    // A request after close() opens a new connection.
    const auto after = beast.get_all("/conn", 1);
    ASSERT_EQ(after.size(), 1u);
    EXPECT_NE(after[0].second, *connections.begin());
    EXPECT_EQ(beast.transport->connection_pool().hosts[0].opened_total, 2u);
}

// max_connections counts the connections requests are on (an idle HTTP/1.1 connection holds no
// slot). An HTTP/2 connection holds its slot while open: once no request is on it, it is closed
// for a request to another host that would wait, instead of keeping it waiting until the server
// closes the idle connection (nginx: minutes).
TEST(Http2Test, BeastClosesAnIdleHttp2ConnectionForARequestUnderMaxConnections) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx.base_url(), {.connection_verify = nginx.cert_file(), .max_connections = 1, .http2 = true});
    const auto first = beast.get_all("/small", 1);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].first, "2");
    std::optional<std::string> version;
    boost::asio::co_spawn(
        beast.context,
        [&]() -> net::awaitable<void> {
            auto response = co_await beast.client.send_request(rest::HttpRequest("GET", nginx.http1_url() + "/small"));
            version = response->http_version();
        },
        [&](std::exception_ptr error) { beast.failed(error); });
    beast.context.run_for(std::chrono::seconds(20));
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    ASSERT_TRUE(version.has_value()) << "the request still waits for the idle HTTP/2 connection's slot";
    EXPECT_EQ(*version, "1.1");
    // The HTTP/2 connection was closed; the HTTP/1.1 one stays, idle.
    std::size_t open = 0;
    for (const transport::HostConnections& host : beast.transport->connection_pool().hosts) open += host.open;
    EXPECT_EQ(open, 1u);
}

TEST(Http2Test, BeastSpeaksHttp11WhenHttp2IsOff) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx, nginx.base_url(), false);
    const auto seen = beast.get_all("/small", 4);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    ASSERT_EQ(seen.size(), 4u);
    for (const auto& [version, body] : seen) {
        EXPECT_EQ(version, "1.1");
        EXPECT_EQ(body, R"({"ok":true})");
    }
}

TEST(Http2Test, BeastFallsBackToHttp11WhenTheServerDoesNotOfferIt) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx, nginx.http1_url());
    const auto first = beast.get_all("/small", 8);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    ASSERT_EQ(first.size(), 8u);
    for (const auto& [version, body] : first) {
        EXPECT_EQ(version, "1.1");
        EXPECT_EQ(body, R"({"ok":true})");
    }
    // Once known, requests go in parallel on HTTP/1.1 connections, kept alive.
    const auto second = beast.get_all("/small", 8);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_EQ(second.size(), 8u);
    const transport::HostConnections host = beast.transport->connection_pool().hosts.at(0);
    EXPECT_EQ(host.requests_total, 16u);
    EXPECT_GE(host.opened_total, 1u);
    EXPECT_EQ(host.in_use, 0u);
}

TEST(Http2Test, BeastFailsEveryWaiterWhenTheFirstConnectionCannotBeMade) {
    test::NginxServer nginx;  // for its certificate; nothing listens on the port below
    const std::string nowhere = "https://127.0.0.1:" + std::to_string(test::free_loopback_port());
    BeastHttp2 beast(nginx, nowhere);
    std::vector<std::string> messages;
    for (int i = 0; i < 5; ++i) {
        boost::asio::co_spawn(
            beast.context,
            [&]() -> net::awaitable<void> {
                try {
                    co_await beast.client.send_request(rest::HttpRequest("GET", "/small"));
                } catch (const exceptions::ServiceRequestError& error) {
                    messages.push_back(error.message());
                }
            },
            [&](std::exception_ptr error) { beast.failed(error); });
    }
    beast.context.run();
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    ASSERT_EQ(messages.size(), 5u);  // each tried (and failed) on its own; none waits for ever
    for (const auto& message : messages) EXPECT_TRUE(message.starts_with("Failed to connect to 127.0.0.1 port")) << message;
    const transport::HostConnections host = beast.transport->connection_pool().hosts.at(0);
    EXPECT_EQ(host.open, 0u);
    EXPECT_EQ(host.active_requests, 0u);
}

// Requests beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS (256 on this nginx) wait on the
// connection: the pool counts them queued, not active, until they go out. Here none is answered
// (/stall) and each times out after a second.
TEST(Http2Test, BeastCountsRequestsBeyondTheServersStreamLimitAsQueued) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx.base_url(), {.read_timeout = 1, .connection_verify = nginx.cert_file(), .http2 = true});
    std::optional<transport::HostConnections> during;
    boost::asio::steady_timer later(beast.context, std::chrono::milliseconds(500));
    later.async_wait([&](boost::system::error_code) { during = beast.transport->connection_pool().hosts.at(0); });
    const auto seen = beast.get_all("/stall", 300);
    EXPECT_TRUE(seen.empty());
    EXPECT_EQ(beast.failures, 300);
    EXPECT_TRUE(beast.last_failure.find("1 seconds") != std::string::npos) << beast.last_failure;
    ASSERT_TRUE(during.has_value());
    EXPECT_EQ(during->open, 1u);
    EXPECT_EQ(during->in_use, 1u);
    EXPECT_EQ(during->active_requests, 256u);
    EXPECT_EQ(during->queued, 44u);
    const transport::HostConnections after = beast.transport->connection_pool().hosts.at(0);
    EXPECT_EQ(after.active_requests, 0u);
    EXPECT_EQ(after.queued, 0u);
    EXPECT_EQ(after.requests_total, 300u);
}

// nginx resets the stream inside the body when its upstream closes before the Content-Length it
// announced: IncompleteReadError after the bytes that came, and the connection carries the next
// request. Both faces.
TEST(Http2Test, BeastStreamResetInsideTheBodyIsAnIncompleteRead) {
    test::NginxServer nginx;
    const std::string cut = "/fault/short?declared=1000000&actual=100000";
    const std::string expected = "The server reset the HTTP/2 stream inside the response body (INTERNAL_ERROR)";
    BeastHttp2 beast(nginx, nginx.base_url());
    const auto [received, failure] = beast.stream_until_failure<exceptions::IncompleteReadError>(cut);
    EXPECT_EQ(failure, expected);
    EXPECT_LE(received, 100000u);
    const auto after = beast.get_all("/small", 1);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].second, R"({"ok":true})");
    EXPECT_EQ(beast.transport->connection_pool().hosts.at(0).opened_total, 1u);

    SyncBeastHttp2 sync(nginx, nginx.base_url());
    EXPECT_LE(sync.stream_until_failure<exceptions::IncompleteReadError>(cut, expected), 100000u);
    EXPECT_EQ(sync.client.send_request(rest::HttpRequest("GET", "/small"))->text(), R"({"ok":true})");
    EXPECT_EQ(sync.transport->connection_pool().hosts.at(0).opened_total, 1u);
}

// The test server's behaviour through nginx over HTTP/2 (`/fault/`), each in both faces: a gzip
// body decoded, a 503 retried by the default policies, a body that stops half way
// failing with the read timeout.
TEST(Http2Test, BeastDecodesAGzipBodyOverHttp2) {
    test::NginxServer nginx;
    const std::string path = "/fault/encoding/gzip?size=100000";
    const std::string expected = testserver::generated_text(100000);
    BeastHttp2 beast(nginx, nginx.base_url());
    std::string decoded;
    std::string encoding;
    boost::asio::co_spawn(
        beast.context,
        [&]() -> net::awaitable<void> {
            auto response = co_await beast.client.send_request(rest::HttpRequest("GET", path), {.stream = true});
            encoding = response->headers().get("Content-Encoding").value_or("");
            auto chunks = response->iter_bytes(64 * 1024);
            while (auto chunk = co_await chunks.next()) decoded.append(chunk->begin(), chunk->end());
        },
        [&](std::exception_ptr error) { beast.failed(error); });
    beast.context.run();
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_EQ(encoding, "gzip");
    EXPECT_TRUE(decoded == expected) << decoded.size() << " bytes";

    SyncBeastHttp2 sync(nginx, nginx.base_url());
    auto response = sync.client.send_request(rest::HttpRequest("GET", path));
    EXPECT_EQ(response->http_version(), "2");
    EXPECT_TRUE(response->text() == expected);
}

TEST(Http2Test, BeastRetriesA503OverHttp2) {
    test::NginxServer nginx;
    auto path = [](const std::string& key) { return "/fault/flaky?key=" + key + "&fail=1&status=503"; };
    BeastHttp2 beast(nginx.base_url(), {.connection_verify = nginx.cert_file(), .http2 = true}, std::nullopt);
    std::string tries;
    boost::asio::co_spawn(
        beast.context,
        [&]() -> net::awaitable<void> {
            auto response = co_await beast.client.send_request(rest::HttpRequest("GET", path("async")));
            tries = std::to_string(response->status_code()) + " " + response->headers().get("X-Flaky-Try").value_or("");
        },
        [&](std::exception_ptr error) { beast.failed(error); });
    beast.context.run();
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_EQ(tries, "200 2");
    EXPECT_EQ(beast.transport->connection_pool().hosts.at(0).opened_total, 1u);

    SyncBeastHttp2 sync(nginx, nginx.base_url(), std::nullopt);
    auto response = sync.client.send_request(rest::HttpRequest("GET", path("sync")));
    EXPECT_EQ(response->status_code(), 200);
    EXPECT_EQ(response->headers().get("X-Flaky-Try").value_or(""), "2");
    EXPECT_EQ(response->http_version(), "2");
}

TEST(Http2Test, BeastReadTimeoutInsideTheBodyOverHttp2) {
    test::NginxServer nginx;
    const std::string path = "/fault/stall?bytes=100000&after=30000";
    const std::string expected = "No data received for 0.5 seconds (read_timeout) while receiving the response body";
    BeastHttp2 beast(nginx.base_url(), {.read_timeout = 0.5, .connection_verify = nginx.cert_file(), .http2 = true});
    const auto [received, failure] = beast.stream_until_failure<exceptions::ServiceResponseTimeoutError>(path);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_EQ(failure, expected);
    EXPECT_EQ(received, 30000u);

    SyncBeastHttp2 sync(nginx, nginx.base_url(), Configuration{}, 0.5);
    EXPECT_EQ(sync.stream_until_failure<exceptions::ServiceResponseTimeoutError>(path, expected), 30000u);
}

// A request's own timer: its read timeout fails it alone (the stream is reset), and the
// connection carries the next request. Both faces.
TEST(Http2Test, BeastReadTimeoutFailsOneStreamAndKeepsTheConnection) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx, nginx.base_url());
    std::string timed_out;
    std::string after;
    boost::asio::co_spawn(
        beast.context,
        [&]() -> net::awaitable<void> {
            SendRequestOptions options{.kwargs = {{"read_timeout", 0.3}}};
            try {
                co_await beast.client.send_request(rest::HttpRequest("GET", "/stall"), std::move(options));
            } catch (const exceptions::ServiceResponseTimeoutError& error) {
                timed_out = error.message();
            }
            auto response = co_await beast.client.send_request(rest::HttpRequest("GET", "/small"));
            after = response->http_version() + " " + response->text();
        },
        [&](std::exception_ptr error) { beast.failed(error); });
    beast.context.run();
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_TRUE(timed_out.find("0.3 seconds") != std::string::npos) << timed_out;
    EXPECT_EQ(after, R"(2 {"ok":true})");
    EXPECT_EQ(beast.transport->connection_pool().hosts.at(0).opened_total, 1u);

    test::NginxServer other;
    SyncBeastHttp2 sync(other, other.base_url());
    try {
        sync.client.send_request(rest::HttpRequest("GET", "/stall"), {.kwargs = {{"read_timeout", 0.3}}});
        ADD_FAILURE() << "no timeout";
    } catch (const exceptions::ServiceResponseTimeoutError& error) {
        EXPECT_TRUE(std::string(error.message()).find("0.3 seconds") != std::string::npos) << error.message();
    }
    EXPECT_EQ(sync.client.send_request(rest::HttpRequest("GET", "/small"))->text(), R"({"ok":true})");
}

// A server that ends each connection after 20 requests (GOAWAY): the connection leaves the pool,
// the next requests go on a new one, and the requests it refused (never processed) are sent again
// by the retry policy. With Python's default policies, as a generated client has them.
TEST(Http2Test, BeastMovesToANewConnectionAfterGoaway) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx.goaway_url(), {.connection_verify = nginx.cert_file(), .http2 = true}, std::nullopt);
    const std::set<std::string> connections = beast.connections_of(60);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_GE(connections.size(), 3u);  // at most 20 requests on each
    const transport::HostConnections host = beast.transport->connection_pool().hosts.at(0);
    EXPECT_EQ(host.opened_total, connections.size());
    EXPECT_EQ(host.active_requests, 0u);
    EXPECT_LE(host.open, 1u);
}

TEST(Http2Test, BeastStreamsABigBodyPacedByItsReader) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx, nginx.base_url());
    std::string received;
    std::string version;
    std::size_t reads = 0;
    boost::asio::co_spawn(
        beast.context,
        [&]() -> net::awaitable<void> {
            rest::HttpRequest request("GET", "/big");
            auto response = co_await beast.client.send_request(std::move(request), {.stream = true});
            version = response->http_version();
            auto chunks = response->iter_raw(64 * 1024);
            while (auto chunk = co_await chunks.next()) {
                received.append(chunk->begin(), chunk->end());
                ++reads;
            }
        },
        [&](std::exception_ptr error) { beast.failed(error); });
    beast.context.run();
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_EQ(version, "2");
    EXPECT_EQ(received.size(), test::NginxServer::big_body().size());
    EXPECT_TRUE(received == test::NginxServer::big_body());
    EXPECT_GE(reads, 16u);
}

TEST(Http2Test, BeastSendsRequestBodies) {
    test::NginxServer nginx;
    BeastHttp2 beast(nginx, nginx.base_url());
    std::vector<int> statuses;
    for (const std::size_t size : {std::size_t(0), std::size_t(10), std::size_t(300 * 1024)}) {
        boost::asio::co_spawn(
            beast.context,
            [&, size]() -> net::awaitable<void> {
                rest::HttpRequest request("POST", "/small", {.content = Bytes(size, std::uint8_t{'x'})});
                auto response = co_await beast.client.send_request(std::move(request));
                statuses.push_back(response->status_code());
                EXPECT_EQ(response->http_version(), "2");
            },
            [&](std::exception_ptr error) { beast.failed(error); });
    }
    beast.context.run();
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    EXPECT_EQ(statuses, (std::vector<int>{200, 200, 200}));
}


TEST(Http2Test, SyncBeastCarriesRequestsInTurnOnOneConnection) {
    test::NginxServer nginx;
    SyncBeastHttp2 beast(nginx, nginx.base_url());
    std::set<std::string> connections;
    for (int i = 0; i < 5; ++i) {
        auto response = beast.client.send_request(rest::HttpRequest("GET", "/conn"));
        EXPECT_EQ(response->status_code(), 200);
        EXPECT_EQ(response->http_version(), "2");
        EXPECT_EQ(response->reason(), "");
        connections.insert(response->text());
    }
    EXPECT_EQ(connections.size(), 1u);
    const transport::HostConnections host = beast.transport->connection_pool().hosts.at(0);
    EXPECT_EQ(host.opened_total, 1u);
    EXPECT_EQ(host.open, 1u);
    EXPECT_EQ(host.idle, 1u);
    EXPECT_EQ(host.requests_total, 5u);
}

TEST(Http2Test, SyncBeastStreamsABigBodyAndSendsBodies) {
    test::NginxServer nginx;
    SyncBeastHttp2 beast(nginx, nginx.base_url());
    auto response = beast.client.send_request(rest::HttpRequest("GET", "/big"), {.stream = true});
    EXPECT_EQ(response->http_version(), "2");
    std::string received;
    for (const BytesView chunk : response->iter_raw(64 * 1024)) received.append(chunk.begin(), chunk.end());
    EXPECT_TRUE(received == test::NginxServer::big_body());
    response.reset();
    for (const std::size_t size : {std::size_t(0), std::size_t(10), std::size_t(300 * 1024)}) {
        auto posted = beast.client.send_request(rest::HttpRequest("POST", "/small", {.content = Bytes(size, std::uint8_t{'x'})}));
        EXPECT_EQ(posted->status_code(), 200);
        EXPECT_EQ(posted->text(), R"({"ok":true})");
    }
    EXPECT_EQ(beast.transport->connection_pool().hosts.at(0).opened_total, 1u);
}

// Through an http proxy's tunnel (CONNECT, then TLS with ALPN inside it): HTTP/2 as without the
// proxy, every request on the one tunnel.
TEST(Http2Test, BeastSpeaksHttp2ThroughAProxyTunnel) {
    test::NginxServer nginx;
    testserver::TestServer tunnel({.tunnel = true});
    BeastHttp2 beast(nginx.base_url(),
                     {.connection_verify = nginx.cert_file(), .proxies = {{"https", tunnel.base_url()}}, .http2 = true});
    EXPECT_EQ(beast.connections_of(20).size(), 1u);
    EXPECT_EQ(beast.failures, 0) << beast.last_failure;
    const auto connects = tunnel.requests();
    ASSERT_EQ(connects.size(), 1u);
    EXPECT_EQ(connects[0].method, "CONNECT");
    EXPECT_EQ(connects[0].target, nginx.base_url().substr(std::string("https://").size()));
}

TEST(Http2Test, SyncBeastSpeaksHttp2ThroughAProxyTunnel) {
    test::NginxServer nginx;
    testserver::TestServer tunnel({.tunnel = true});
    auto transport = std::make_shared<transport::BeastTransport>(
        transport::ConnectionConfiguration{.connection_verify = nginx.cert_file(), .proxies = {{"https", tunnel.base_url()}}, .http2 = true});
    PipelineClient client(nginx.base_url(), {.transport = transport, .config = Configuration{}});
    for (int i = 0; i < 3; ++i) {
        auto response = client.send_request(rest::HttpRequest("GET", "/small"));
        EXPECT_EQ(response->http_version(), "2");
        EXPECT_EQ(response->text(), R"({"ok":true})");
    }
    const auto connects = tunnel.requests();
    ASSERT_EQ(connects.size(), 1u);
    EXPECT_EQ(connects[0].method, "CONNECT");
}

// A server that ends each connection after 20 requests (GOAWAY), the sync face: 60 requests in
// turn all succeed, on a new connection after each GOAWAY, with Python's default policies.
TEST(Http2Test, SyncBeastMovesToANewConnectionAfterGoaway) {
    test::NginxServer nginx;
    auto transport = std::make_shared<transport::BeastTransport>(
        transport::ConnectionConfiguration{.connection_verify = nginx.cert_file(), .http2 = true});
    PipelineClient client(nginx.goaway_url(), {.transport = transport});
    std::set<std::string> connections;
    for (int i = 0; i < 60; ++i) {
        auto response = client.send_request(rest::HttpRequest("GET", "/conn"));
        EXPECT_EQ(response->http_version(), "2");
        connections.insert(response->text());
    }
    EXPECT_EQ(connections.size(), 3u);  // 20 requests on each
    const transport::HostConnections host = transport->connection_pool().hosts.at(0);
    EXPECT_EQ(host.opened_total, 3u);
    EXPECT_EQ(host.requests_total, 60u);
    EXPECT_LE(host.open, 1u);
}

TEST(Http2Test, SyncBeastFallsBackToHttp11WhenTheServerDoesNotOfferIt) {
    test::NginxServer nginx;
    SyncBeastHttp2 beast(nginx, nginx.http1_url());
    for (int i = 0; i < 2; ++i) {
        auto response = beast.client.send_request(rest::HttpRequest("GET", "/small"));
        EXPECT_EQ(response->http_version(), "1.1");
        EXPECT_EQ(response->text(), R"({"ok":true})");
    }
    EXPECT_EQ(beast.transport->connection_pool().hosts.at(0).opened_total, 1u);
}

}  // namespace
}  // namespace azcore
