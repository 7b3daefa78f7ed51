// AsyncCurlTransport: what only the async face promises. No thread but the io_context's;
// cancellation is operation_aborted and closes the connection at once; a deadline racing a timer
// ends the request and leaves nothing behind; a streamed response dropped mid-body closes its
// connection. (What both faces share is in parity_test.cpp.)
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
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;

std::size_t thread_count() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
    return count;
}

/// An io_context with an AsyncCurlTransport and an AsyncPipelineClient on it; the test thread runs it.
struct AsyncSetup {
    explicit AsyncSetup(const std::string& base_url, transport::ConnectionConfiguration config = {})
        : transport(std::make_shared<transport::AsyncCurlTransport>(io.get_executor(), std::move(config))),
          client(std::make_unique<AsyncPipelineClient>(base_url, io.get_executor(), PipelineClientOptions{.transport = transport, .config = Configuration{}})) {}
    boost::asio::io_context io;
    std::shared_ptr<transport::AsyncCurlTransport> transport;
    std::unique_ptr<AsyncPipelineClient> client;
};

// ------------------------------------------------------------------------------------------

TEST(AsyncCurlTransportTest, RunsTwoHundredConcurrentRequestsWithoutStartingAThread) {
    TestServer server;  // its threads exist before the count is taken
    const std::size_t threads_before = thread_count();
    AsyncSetup setup(server.base_url());
    std::vector<Fetched> fetched(200);
    for (Fetched& into : fetched) spawn_get(setup.io, *setup.client, "/hold", into);

    std::size_t most_threads = threads_before;
    auto count_threads = [&] { most_threads = std::max(most_threads, thread_count()); };
    bool all_held = run_io_until(setup.io, [&] {
        count_threads();
        return server.held_now() == fetched.size();
    }, 20s);
    server.release_held();
    bool all_done = run_io_until(setup.io, [&] {
        count_threads();
        return std::all_of(fetched.begin(), fetched.end(), [](const Fetched& f) { return f.done; });
    }, 20s);

    EXPECT_TRUE(all_held) << "held at once: " << server.held_peak();
    ASSERT_TRUE(all_done);
    EXPECT_EQ(most_threads, threads_before) << "threads were started while requests were in flight";
    std::size_t ok = 0;
    for (const Fetched& f : fetched) ok += !f.error && f.status_code == 200 && f.body == R"({"held":true})";
    EXPECT_EQ(ok, fetched.size());
}

// 64 coroutines sending 10 GETs each, one after the other: every request after a coroutine's first
// finds an idle connection in the transport's cache. curl's default cache (4 x the transfers added
// when a connection is released) closed some, and at 64 at once against nginx 212 connections were
// opened; the transport keeps up to 1,024 idle.
TEST(AsyncCurlTransportTest, SixtyFourConcurrentSequencesOpenNoMoreThanSixtyFourConnections) {
    TestServer server;
    AsyncSetup setup(server.base_url());
    constexpr int workers = 64, per_worker = 10;
    int ok = 0, finished = 0;
    auto worker = [&]() -> boost::asio::awaitable<void> {
        for (int i = 0; i < per_worker; ++i) {
            auto response = co_await setup.client->send_request(HttpRequest("GET", "/bytes/100"));
            ok += response->status_code() == 200;
        }
    };
    for (int w = 0; w < workers; ++w)
        boost::asio::co_spawn(setup.io, worker(), [&](std::exception_ptr) { ++finished; });

    ASSERT_TRUE(run_io_until(setup.io, [&] { return finished == workers; }, 30s));
    EXPECT_EQ(ok, workers * per_worker);
    EXPECT_LE(server.connections_accepted(), static_cast<std::size_t>(workers));
}

// Each cancellation type cancels: Asio's coroutines let only terminal through by default, azcore's
// accept all three.
class AsyncCancellationTypeTest : public ::testing::TestWithParam<boost::asio::cancellation_type> {};

INSTANTIATE_TEST_SUITE_P(EachType, AsyncCancellationTypeTest, ::testing::ValuesIn(cancellation_types),
                         [](const auto& info) { return cancellation_type_name(info.param); });

// /hold keeps the request without reading from the connection, so the server notices a closed
// connection only once it answers: release_held() then shows whether the client closed it.
TEST_P(AsyncCancellationTypeTest, CancellingAHeldRequestThrowsOperationAbortedAndClosesItsConnection) {
    TestServer server;
    AsyncSetup setup(server.base_url());
    boost::asio::cancellation_signal signal;
    Cancelled cancelled;
    HttpRequest request("GET", "/hold");
    boost::asio::co_spawn(setup.io, setup.client->send_request(std::move(request)),
                          boost::asio::bind_cancellation_slot(signal.slot(), cancelled.handler<std::shared_ptr<rest::AsyncHttpResponse>>()));
    ASSERT_TRUE(run_io_until(setup.io, [&] { return server.held_now() == 1; }, 5s));
    const std::size_t closed_before = server.connections_closed();

    signal.emit(GetParam());
    const auto cancelled_at = std::chrono::steady_clock::now();
    ASSERT_TRUE(run_io_until(setup.io, [&] { return cancelled.done; }, 2s)) << "the cancelled request did not end";
    EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 100ms) << "cancellation took effect late";
    expect_operation_aborted(cancelled.error);

    server.release_held();
    EXPECT_TRUE(run_io_until(setup.io, [&] { return server.connections_closed() > closed_before; }, 100ms))
        << "the server still had the connection 100 ms after release: the client did not close it";
}

// /stall sends the headers and part of the body, then reads until the client closes: the
// server sees the close as soon as the client makes it.
TEST_P(AsyncCancellationTypeTest, CancellingARequestInsideTheBodyClosesItsConnectionAtOnce) {
    TestServer server;
    AsyncSetup setup(server.base_url());
    boost::asio::cancellation_signal signal;
    Cancelled cancelled;
    HttpRequest request("GET", "/stall?bytes=100000&after=10");
    boost::asio::co_spawn(setup.io, setup.client->send_request(std::move(request)),
                          boost::asio::bind_cancellation_slot(signal.slot(), cancelled.handler<std::shared_ptr<rest::AsyncHttpResponse>>()));
    ASSERT_TRUE(run_io_until(setup.io, [&] { return server.requests().size() == 1; }, 5s));
    run_io_until(setup.io, [] { return false; }, 50ms);  // let the head and the first bytes arrive
    ASSERT_FALSE(cancelled.done);
    const std::size_t closed_before = server.connections_closed();

    signal.emit(GetParam());
    ASSERT_TRUE(run_io_until(setup.io, [&] { return cancelled.done; }, 2s)) << "the cancelled request did not end";
    expect_operation_aborted(cancelled.error);
    EXPECT_TRUE(run_io_until(setup.io, [&] { return server.connections_closed() > closed_before; }, 100ms))
        << "the server did not see the connection close within 100 ms of the cancellation";
}

// Sends a GET that cannot progress, cancels it with type after 50 ms, and expects it to end at once.
void expect_a_stuck_request_cancelled_at_once(AsyncSetup& setup, boost::asio::cancellation_type type) {
    boost::asio::cancellation_signal signal;
    Cancelled cancelled;
    HttpRequest request("GET", "/echo");
    boost::asio::co_spawn(setup.io, setup.client->send_request(std::move(request)),
                          boost::asio::bind_cancellation_slot(signal.slot(), cancelled.handler<std::shared_ptr<rest::AsyncHttpResponse>>()));
    run_io_until(setup.io, [] { return false; }, 50ms);
    ASSERT_FALSE(cancelled.done) << what_of(cancelled.error);

    signal.emit(type);
    const auto cancelled_at = std::chrono::steady_clock::now();
    ASSERT_TRUE(run_io_until(setup.io, [&] { return cancelled.done; }, 2s)) << "the cancelled request did not end";
    EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 100ms) << "cancellation took effect late";
    expect_operation_aborted(cancelled.error);
    EXPECT_EQ(setup.transport->in_flight(), 0u);
}

TEST_P(AsyncCancellationTypeTest, CancellingARequestStillConnectingEndsItAtOnce) {
    FullBacklogListener listener;  // the connection attempt hangs in SYN_SENT
    AsyncSetup setup("http://127.0.0.1:" + std::to_string(listener.port()));
    expect_a_stuck_request_cancelled_at_once(setup, GetParam());
}

TEST_P(AsyncCancellationTypeTest, CancellingATlsHandshakeEndsItAtOnce) {
    SilentListener listener;  // connected; the TLS handshake waits for a server hello that never comes
    AsyncSetup setup("https://127.0.0.1:" + std::to_string(listener.port()));
    expect_a_stuck_request_cancelled_at_once(setup, GetParam());
}

// Reads a streamed body to its end; the response is kept in *response, outside the coroutine.
net::awaitable<void> read_streamed_body(const AsyncPipelineClient* client, std::string url,
                                        std::shared_ptr<rest::AsyncHttpResponse>* response) {
    HttpRequest request("GET", std::move(url));
    *response = co_await client->send_request(std::move(request), {.stream = true});
    rest::AsyncByteChunks chunks = (*response)->iter_raw(1024);
    for (;;) {
        std::optional<BytesView> chunk = co_await chunks.next();
        if (!chunk) co_return;
    }
}

TEST_P(AsyncCancellationTypeTest, CancellingAStreamedReadThrowsOperationAbortedAndClosesTheConnectionAtOnce) {
    TestServer server;
    AsyncSetup setup(server.base_url());
    boost::asio::cancellation_signal signal;
    Cancelled cancelled;
    std::shared_ptr<rest::AsyncHttpResponse> response;
    boost::asio::co_spawn(setup.io, read_streamed_body(setup.client.get(), "/stall?bytes=100000&after=10", &response),
                          boost::asio::bind_cancellation_slot(signal.slot(), cancelled.handler<>()));
    ASSERT_TRUE(run_io_until(setup.io, [&] { return response != nullptr; }, 5s));
    run_io_until(setup.io, [] { return false; }, 50ms);  // the first bytes are read; the read waits for more
    ASSERT_FALSE(cancelled.done) << what_of(cancelled.error);
    const std::size_t closed_before = server.connections_closed();

    signal.emit(GetParam());
    ASSERT_TRUE(run_io_until(setup.io, [&] { return cancelled.done; }, 2s)) << "the cancelled read did not end";
    expect_operation_aborted(cancelled.error);
    // The response object still exists: the cancellation itself released the connection.
    EXPECT_TRUE(run_io_until(setup.io, [&] { return server.connections_closed() > closed_before; }, 100ms))
        << "the server did not see the connection close within 100 ms of cancelling the read";
}

// A GET that reports whether it resumed on the thread that started it.
net::awaitable<bool> resumes_on_the_calling_thread(const AsyncPipelineClient* client) {
    const std::thread::id caller = std::this_thread::get_id();
    HttpRequest request("GET", "/echo");
    std::shared_ptr<rest::AsyncHttpResponse> response = co_await client->send_request(std::move(request));
    const bool same_thread = std::this_thread::get_id() == caller;
    BytesView body = co_await response->read();
    co_return same_thread && std::this_thread::get_id() == caller && response->status_code() == 200 && !body.empty();
}

// Runs an io_context on a thread of its own until destroyed.
class IoThread {
public:
    explicit IoThread(boost::asio::io_context& io) : io_(io), work_(io.get_executor()), thread_([this] { io_.run(); }) {}
    ~IoThread() {
        io_.stop();
        thread_.join();
    }
    IoThread(const IoThread&) = delete;
    IoThread& operator=(const IoThread&) = delete;

private:
    boost::asio::io_context& io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::thread thread_;
};

TEST(AsyncCurlTransportTest, CoroutinesOnAnotherExecutorHopToTheTransportAndBack) {
    TestServer server;
    // Declared first, destroyed last: after the transport's thread has stopped.
    std::vector<std::optional<bool>> resumed(20);
    std::exception_ptr failure;
    boost::asio::io_context caller_io;
    boost::asio::io_context transport_io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(transport_io.get_executor());
    AsyncPipelineClient client(server.base_url(), transport_io.get_executor(), {.transport = transport, .config = Configuration{}});
    IoThread transport_thread(transport_io);

    for (auto& slot : resumed) {
        boost::asio::co_spawn(caller_io, resumes_on_the_calling_thread(&client),
                              [&slot, &failure](std::exception_ptr error, bool ok) {
                                  if (error) failure = error;
                                  slot = !error && ok;
                              });
    }
    auto all_done = [&] { return std::all_of(resumed.begin(), resumed.end(), [](const auto& r) { return r.has_value(); }); };
    ASSERT_TRUE(run_io_until(caller_io, all_done, 10s));
    EXPECT_FALSE(failure != nullptr) << what_of(failure);
    EXPECT_TRUE(std::all_of(resumed.begin(), resumed.end(), [](const auto& r) { return *r; }))
        << "a coroutine resumed on the transport's thread, or a request failed";
}

// A request raced against a timer: true when the timer won.
net::awaitable<bool> deadline_won(const AsyncPipelineClient* client, std::string url, std::chrono::milliseconds deadline) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, deadline);
    HttpRequest request("GET", std::move(url));
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send = client->send_request(std::move(request));
    net::awaitable<void> wait = timer.async_wait(boost::asio::use_awaitable);
    std::variant<std::shared_ptr<rest::AsyncHttpResponse>, std::monostate> outcome = co_await (std::move(send) || std::move(wait));
    co_return outcome.index() == 1;
}

TEST(AsyncCurlTransportTest, ADeadlineRacingTheRequestEndsItAndLeavesNothingBehind) {
    TestServer server;
    const std::size_t fds_before = open_fds();
    std::optional<bool> timer_won;
    std::exception_ptr failure;
    const auto start = std::chrono::steady_clock::now();
    {
        AsyncSetup setup(server.base_url());
        boost::asio::co_spawn(setup.io, deadline_won(setup.client.get(), "/stall?bytes=100000&after=10", 100ms),
                              [&](std::exception_ptr error, bool won) {
                                  failure = error;
                                  if (!error) timer_won = won;
                              });
        ASSERT_TRUE(run_io_until(setup.io, [&] { return timer_won || failure; }, 5s));
        EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
        EXPECT_TRUE(run_io_until(setup.io, [&] { return server.connections_closed() == server.connections_accepted(); }, 100ms))
            << "the server did not see the connection close within 100 ms of the deadline";

        // Nothing left once the client and transport are gone: no pending operation, no descriptor.
        setup.client.reset();
        setup.transport.reset();
        setup.io.restart();
        setup.io.run_for(1s);
        EXPECT_TRUE(setup.io.stopped()) << "work is still pending on the io_context after the transport was destroyed";
    }
    ASSERT_FALSE(failure != nullptr) << "the race ended with " << what_of(failure);
    EXPECT_EQ(timer_won, true);
    ASSERT_TRUE(server.wait_until([&] { return server.open_connections() == 0; }, 1s));
    // At most as many as before: a descriptor the process held only for a moment when the first
    // count was taken may be gone (seen once in 15 runs under ASan: 11 after, 12 before); one the
    // transfer left behind is one more.
    EXPECT_LE(open_fds(), fds_before) << "file descriptors were left open";
}

net::awaitable<void> read_one_chunk_then_drop(const AsyncPipelineClient* client, TestServer* server, std::size_t* closed_before) {
    HttpRequest request("GET", "/bytes/50000000");
    std::shared_ptr<rest::AsyncHttpResponse> response = co_await client->send_request(std::move(request), {.stream = true});
    {
        rest::AsyncByteChunks chunks = response->iter_raw(1024);
        std::optional<BytesView> first = co_await chunks.next();
        if (!first || first->empty()) throw std::runtime_error("no first chunk");
    }
    *closed_before = server->connections_closed();
    response.reset();
}

TEST(AsyncCurlTransportTest, AStreamedResponseDroppedInsideTheBodyClosesItsConnection) {
    TestServer server;
    AsyncSetup setup(server.base_url());
    std::size_t closed_before = 0;
    bool done = false;
    std::exception_ptr failure;
    boost::asio::co_spawn(setup.io, read_one_chunk_then_drop(setup.client.get(), &server, &closed_before),
                          [&](std::exception_ptr error) {
                              failure = error;
                              done = true;
                          });
    ASSERT_TRUE(run_io_until(setup.io, [&] { return done; }, 5s));
    ASSERT_FALSE(failure != nullptr) << what_of(failure);
    EXPECT_TRUE(run_io_until(setup.io, [&] { return server.connections_closed() > closed_before; }, 100ms))
        << "the server did not see the connection close within 100 ms of dropping the response";

    // The next request gets a working connection.
    Fetched next;
    spawn_get(setup.io, *setup.client, "/echo", next);
    ASSERT_TRUE(run_io_until(setup.io, [&] { return next.done; }, 5s));
    EXPECT_FALSE(next.error != nullptr) << what_of(next.error);
    EXPECT_EQ(next.status_code, 200);
}

}  // namespace
}  // namespace azcore::test
