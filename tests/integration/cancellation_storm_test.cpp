// Cancellation at random points of many async requests, with every cancellation type: each ends
// in operation_aborted (or completes, if its cancellation came too late), and afterwards the
// transport is as good as new: nothing in flight, no socket left watched, every later request
// served promptly, the server's connections closed when the transport closes its idle ones.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include "support/async_outcome.hpp"
#include "support/process_stats.hpp"
#include "support/dual_client.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;
using namespace std::chrono_literals;

bool is_operation_aborted(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const boost::system::system_error& e) {
        return e.code() == boost::asio::error::operation_aborted;
    } catch (...) {
        return false;
    }
}

// curl closes a connection attempt it abandons without CLOSESOCKETFUNCTION, and the next socket
// often gets the same descriptor number. Each pair: a request whose connection attempt hangs,
// cancelled after 0-4 steps of the event loop (before it starts, once it is added, while it
// connects), then an ordinary request; connection_timeout and read_timeout of 2 s turn a stall
// of the ordinary request into a failure.
TEST(CancellationStormTest, TwoHundredConnectsCancelledAtRandomPointsDoNotStallTheNextRequests) {
    constexpr int pairs = 200;
    TestServer server;
    FullBacklogListener listener;
    boost::asio::io_context io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(
        io.get_executor(), transport::ConnectionConfiguration{.connection_timeout = 2, .read_timeout = 2});
    AsyncPipelineClient client(server.base_url(), io.get_executor(), {.transport = transport, .config = Configuration{}});
    const std::string hanging = "http://127.0.0.1:" + std::to_string(listener.port()) + "/echo";

    std::mt19937 random(20261203);
    std::vector<boost::asio::cancellation_signal> signals(pairs);
    std::vector<Cancelled> cancelled(pairs);
    std::vector<Fetched> next(pairs);
    int not_aborted = 0, stalled = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int pair = 0; pair < pairs; ++pair) {
        HttpRequest request("GET", hanging);
        boost::asio::co_spawn(io, client.send_request(std::move(request)),
                              boost::asio::bind_cancellation_slot(signals[pair].slot(),
                                                                  cancelled[pair].handler<std::shared_ptr<rest::AsyncHttpResponse>>()));
        io.restart();
        for (auto steps = random() % 5; steps > 0; --steps) io.poll_one();
        signals[pair].emit(boost::asio::cancellation_type::terminal);
        ASSERT_TRUE(run_io_until(io, [&] { return cancelled[pair].done; }, 2s)) << "pair " << pair << ": the cancellation did not end the request";
        not_aborted += !is_operation_aborted(cancelled[pair].error);

        spawn_get(io, client, "/echo", next[pair]);
        const bool done = run_io_until(io, [&] { return next[pair].done; }, 3s);
        if (!done || next[pair].error || next[pair].status_code != 200) ++stalled;
        ASSERT_TRUE(done) << "pair " << pair << ": the ordinary request did not end";  // its frame must not outlive next
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(not_aborted, 0);
    EXPECT_EQ(stalled, 0) << "ordinary requests that failed or stalled after a cancelled connection attempt";
    // With stale watches curl only progressed on its own timers: 87 s for the 200 pairs (0.8 s without).
    EXPECT_LT(elapsed, 30s) << "the pairs took " << std::chrono::duration<double>(elapsed).count() << " s";
    EXPECT_EQ(transport->in_flight(), 0u);
    // No wait is left on any socket: with nothing in flight the io_context runs out of work.
    io.restart();
    io.run_for(1s);
    EXPECT_TRUE(io.stopped()) << "handlers or waits still pending with nothing in flight";
}

/// A name /etc/hosts gives 127.0.0.1, other than localhost (which curl resolves itself): curl
/// resolves it on its resolver thread, reading only that file. Empty when there is none.
std::string loopback_alias() {
    std::ifstream hosts("/etc/hosts");
    std::string line;
    while (std::getline(hosts, line)) {
        std::istringstream fields(line.substr(0, line.find('#')));
        std::string address, name;
        if (!(fields >> address) || address != "127.0.0.1") continue;
        while (fields >> name)
            if (name != "localhost" && !name.ends_with(".localhost")) return name;
    }
    return {};
}

// The resolve phase: requests to a host name, each cancelled after 0-4 steps of the event loop
// (before it starts, once curl has started its resolver thread and watches that thread's socket
// pair, or once the name is resolved), each followed by an ordinary request to the same name. The
// resolver's sockets go away with the transfer, and nothing stalls.
TEST(CancellationStormTest, RequestsCancelledWhileTheirHostNameResolvesLeaveNothingBehind) {
    const std::string alias = loopback_alias();
    if (alias.empty()) GTEST_SKIP() << "/etc/hosts names 127.0.0.1 only as localhost, which curl resolves without a resolver thread";
    constexpr int pairs = 200;
    TestServer server;
    boost::asio::io_context io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(
        io.get_executor(), transport::ConnectionConfiguration{.connection_timeout = 2, .read_timeout = 2});
    const std::string base = "http://" + alias + ":" + std::to_string(server.port());
    AsyncPipelineClient client(base, io.get_executor(), {.transport = transport, .config = Configuration{}});
    const std::size_t fds_before = open_fds();

    std::mt19937 random(20261204);
    std::vector<boost::asio::cancellation_signal> signals(pairs);
    std::vector<Cancelled> cancelled(pairs);
    std::vector<Fetched> next(pairs);
    int not_aborted = 0, stalled = 0;
    for (int pair = 0; pair < pairs; ++pair) {
        HttpRequest request("GET", "/delay/50");
        boost::asio::co_spawn(io, client.send_request(std::move(request)),
                              boost::asio::bind_cancellation_slot(signals[pair].slot(),
                                                                  cancelled[pair].handler<std::shared_ptr<rest::AsyncHttpResponse>>()));
        io.restart();
        for (auto steps = random() % 5; steps > 0; --steps) io.poll_one();
        signals[pair].emit(cancellation_types[random() % 3]);
        ASSERT_TRUE(run_io_until(io, [&] { return cancelled[pair].done; }, 2s)) << "pair " << pair << ": the cancellation did not end the request";
        not_aborted += !is_operation_aborted(cancelled[pair].error);

        spawn_get(io, client, "/echo", next[pair]);
        const bool done = run_io_until(io, [&] { return next[pair].done; }, 3s);
        if (!done || next[pair].error || next[pair].status_code != 200) ++stalled;
        ASSERT_TRUE(done) << "pair " << pair << ": the ordinary request did not end";
    }
    EXPECT_EQ(not_aborted, 0);
    EXPECT_EQ(stalled, 0) << "ordinary requests that failed or stalled after a request cancelled while resolving";
    EXPECT_EQ(transport->in_flight(), 0u);
    transport->close();  // runs on the transport's thread: this one, once it runs the io_context
    io.restart();
    io.poll();
    EXPECT_TRUE(server.wait_until([&] { return server.open_connections() == 0; }, 5s));
    EXPECT_EQ(open_fds(), fds_before) << "file descriptors were left open";
    io.restart();
    io.run_for(1s);
    EXPECT_TRUE(io.stopped()) << "handlers or waits still pending with nothing in flight";
}

// ------------------------------------------------------------------------------------------
// The storm.

/// Sends a GET and reads its body (streamed or not) to the end.
net::awaitable<void> get_and_read(const AsyncPipelineClient* client, std::string url, bool stream) {
    HttpRequest request("GET", std::move(url));
    SendRequestOptions options{.stream = stream};  // not a braced temporary inside co_await (g++ 12)
    std::shared_ptr<rest::AsyncHttpResponse> response = co_await client->send_request(std::move(request), options);
    if (!stream) co_return;
    rest::AsyncByteChunks chunks = response->iter_raw(4096);
    while (co_await chunks.next()) {
    }
}

/// One request of the storm and the timer that cancels it.
struct StormRequest {
    explicit StormRequest(boost::asio::io_context& io) : timer(io) {}
    boost::asio::cancellation_signal signal;
    boost::asio::steady_timer timer;
    bool done = false;
};

struct StormCounts {
    std::size_t started = 0, finished = 0, uncancelled = 0, aborted = 0, completed = 0, failed = 0;
    std::string first_failure;
};

std::size_t storm_size() {
    const char* configured = std::getenv("AZCORE_STORM_REQUESTS");
    return configured ? std::stoul(configured) : 10'000;
}

TEST(CancellationStormTest, TenThousandRequestsCancelledAtRandomPointsLeaveTheTransportAsGoodAsNew) {
    const std::size_t total = storm_size();
    constexpr std::size_t at_once = 300;
    TestServer server({.threads = 2});
    FullBacklogListener listener;
    boost::asio::io_context io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(io.get_executor());
    AsyncPipelineClient client(server.base_url(), io.get_executor(), {.transport = transport, .config = Configuration{}});
    const std::size_t fds_before = open_fds();
    const std::string hanging = "http://127.0.0.1:" + std::to_string(listener.port()) + "/echo";

    std::mt19937 random(12);
    StormCounts counts;
    // A route and whether to stream: connecting forever (5%), held without an answer (15%), a
    // delayed answer, a dripping body, a body of up to 200 kB.
    auto pick = [&](bool& stream, bool& answered) -> std::string {
        stream = false;
        answered = true;
        switch (random() % 20) {
            case 0: answered = false; return hanging;
            case 1: case 2: case 3: answered = false; return "/hold";
            case 4: case 5: case 6: case 7: case 8: return "/delay/" + std::to_string(random() % 30);
            case 9: case 10: case 11: case 12: stream = true; return "/drip?bytes=20&interval_ms=2";
            default: stream = random() % 2 == 0; return "/bytes/" + std::to_string(1 + random() % 200'000);
        }
    };
    std::function<void()> launch = [&] {
        if (counts.started == total) return;
        ++counts.started;
        auto state = std::make_shared<StormRequest>(io);
        bool stream = false, answered = true;
        std::string url = pick(stream, answered);
        // One answered request in five is not cancelled: those must complete amid the storm.
        const bool cancel = !answered || random() % 5 != 0;
        counts.uncancelled += !cancel;
        boost::asio::co_spawn(io, get_and_read(&client, std::move(url), stream),
                              boost::asio::bind_cancellation_slot(state->signal.slot(), [&, state](std::exception_ptr error) {
                                  state->done = true;
                                  state->timer.cancel();
                                  ++counts.finished;
                                  if (!error) ++counts.completed;
                                  else if (is_operation_aborted(error)) ++counts.aborted;
                                  else if (++counts.failed == 1) counts.first_failure = what_of(error);
                                  launch();
                              }));
        if (!cancel) return;
        const auto type = cancellation_types[random() % 3];
        state->timer.expires_after(std::chrono::microseconds(random() % 60'000));
        state->timer.async_wait([state, type](boost::system::error_code error) {
            if (!error && !state->done) state->signal.emit(type);
        });
    };

    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < at_once; ++i) launch();
    const auto deadline = start + 120s;  // the watchdog: a stall fails the test instead of hanging it
    while (counts.finished < total && std::chrono::steady_clock::now() < deadline) io.run_for(100ms);
    const auto storm_time = std::chrono::steady_clock::now() - start;
    ASSERT_EQ(counts.finished, total) << "the storm stalled: " << counts.finished << " of " << total << " ended within 120 s";
    EXPECT_EQ(counts.failed, 0u) << counts.first_failure;
    EXPECT_GE(counts.completed, counts.uncancelled);
    EXPECT_EQ(counts.aborted + counts.completed, total);
    EXPECT_EQ(transport->in_flight(), 0u);
    server.release_held();  // a held request notices that the client closed its connection once it answers

    // Then 200 ordinary requests at once, all served promptly.
    std::vector<Fetched> ordinary(200);
    for (std::size_t i = 0; i < ordinary.size(); ++i) spawn_get(io, client, "/bytes/" + std::to_string(1000 + i), ordinary[i]);
    const bool ordinary_done = run_io_until(io, [&] {
        return std::all_of(ordinary.begin(), ordinary.end(), [](const Fetched& f) { return f.done; });
    }, 10s);
    ASSERT_TRUE(ordinary_done) << "ordinary requests after the storm did not all end within 10 s";
    std::size_t ok = 0;
    for (std::size_t i = 0; i < ordinary.size(); ++i)
        ok += !ordinary[i].error && ordinary[i].status_code == 200 && ordinary[i].body == testserver::generated_bytes(1000 + i);
    EXPECT_EQ(ok, ordinary.size());
    EXPECT_EQ(transport->in_flight(), 0u);

    // Closing the idle connections closes every connection the server has, and every descriptor.
    transport->close();  // runs on the transport's thread: this one, once it runs the io_context
    io.restart();
    io.poll();
    EXPECT_TRUE(server.wait_until([&] { return server.open_connections() == 0; }, 5s))
        << server.open_connections() << " connections still open at the server";
    EXPECT_EQ(open_fds(), fds_before) << "file descriptors were left open";
    io.restart();
    io.run_for(1s);
    EXPECT_TRUE(io.stopped()) << "handlers or waits still pending with nothing in flight";
    std::printf("[ storm    ] %zu requests (%zu cancelled, %zu completed) in %.1f s, %zu at once\n", total, counts.aborted,
                counts.completed, std::chrono::duration<double>(storm_time).count(), at_once);
}

}  // namespace
}  // namespace azcore::test
