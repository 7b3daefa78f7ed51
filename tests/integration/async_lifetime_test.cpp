// The async face's lifetime and thread rules (docs/design/api.md, "Async: cancellation, threads and
// lifetimes"): what may outlive an io_context, which thread may close a response, and a client
// destroyed on its own thread. The async face only: the sync face has no io_context.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_beast_transport.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include "support/run_mode.hpp"
#include "support/test_transport.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <gtest/gtest.h>

#include <future>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>

namespace azcore {
namespace {

using rest::AsyncHttpResponse;
using rest::HttpRequest;
using namespace std::chrono_literals;

/// The async transport of the suite's run (curl's, or under the label beast Beast's) on executor.
PipelineClientOptions transport_on(const net::any_io_executor& executor) {
    if (test::test_transport() == test::TestTransport::Curl) return {.transport = std::make_shared<transport::AsyncCurlTransport>(executor)};
    return {.transport = std::make_shared<transport::AsyncBeastTransport>(executor)};
}

constexpr std::string_view after_destruction =
    ": the io_context it runs on was destroyed; a transport and its responses cannot be used after it";
/// What using a transport_on() transport after its io_context says.
const std::string destroyed_context_message =
    std::string(test::test_transport() == test::TestTransport::Curl ? "AsyncCurlTransport" : "AsyncBeastTransport") +
    std::string(after_destruction);
/// The same for the default transport (a client without an executor makes its own).
const std::string default_destroyed_context_message = "AsyncBeastTransport" + std::string(after_destruction);

std::string logic_error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const std::logic_error& error) {
        return error.what();
    }
    return "(no std::logic_error)";
}

net::awaitable<std::shared_ptr<AsyncHttpResponse>> send_streamed(AsyncPipelineClient& client, std::string path) {
    HttpRequest request("GET", std::move(path));
    co_return co_await client.send_request(std::move(request), {.stream = true});
}

// A streamed response and its client kept past the io_context they ran on (the body still
// arriving, one byte a second): reading, or sending again, is a clear std::logic_error; destroying
// them afterwards touches nothing of the destroyed context (ASan/UBSan clean in CI's sanitizer run).
TEST(AsyncLifetimeTest, AResponseAndAClientThatOutliveTheirIoContextThrowOnUseAndAreFreedSafely) {
    testserver::TestServer server;
    std::unique_ptr<AsyncPipelineClient> client;
    std::shared_ptr<AsyncHttpResponse> response;
    {
        boost::asio::io_context context;
        client = std::make_unique<AsyncPipelineClient>(server.base_url(), context.get_executor(), transport_on(context.get_executor()));
        response = test::run_awaitable(context, send_streamed(*client, "/drip?bytes=100&interval_ms=1000"));
        ASSERT_EQ(response->status_code(), 200);
    }
    boost::asio::io_context caller;
    EXPECT_EQ(logic_error_of([&] { test::run_awaitable(caller, response->read()); }), destroyed_context_message);
    EXPECT_EQ(logic_error_of([&] { test::run_awaitable(caller, send_streamed(*client, "/echo")); }), destroyed_context_message);
    response.reset();
    client.reset();
}

// A client without an executor takes its io_context and thread with it: a streamed response it
// returned may be kept, and reading it is then the same clear error.
TEST(AsyncLifetimeTest, AResponseMayOutliveAClientThatRanOnItsOwnThread) {
    testserver::TestServer server;
    auto client = std::make_unique<AsyncPipelineClient>(server.base_url());
    boost::asio::io_context caller;
    auto response = test::run_awaitable(caller, send_streamed(*client, "/drip?bytes=100&interval_ms=1000"));
    ASSERT_EQ(response->status_code(), 200);
    client.reset();
    EXPECT_EQ(logic_error_of([&] { test::run_awaitable(caller, response->read()); }), default_destroyed_context_message);
    response.reset();
}

// The same with requests still waiting for their headers when the context goes (their coroutines
// are destroyed with it), on a strand (whose executor refers to a service of the context).
TEST(AsyncLifetimeTest, AStrandTransportWithRequestsInFlightOutlivesItsIoContextSafely) {
    testserver::TestServer server;
    std::unique_ptr<AsyncPipelineClient> client;
    {
        boost::asio::io_context context;
        const net::any_io_executor strand = boost::asio::make_strand(context);
        client = std::make_unique<AsyncPipelineClient>(server.base_url(), strand, transport_on(strand));
        for (int i = 0; i < 8; ++i)
            boost::asio::co_spawn(context, send_streamed(*client, "/delay/10000"), boost::asio::detached);
        context.run_for(300ms);
        EXPECT_GE(server.connections_accepted(), 1u);
    }
    boost::asio::io_context caller;
    EXPECT_EQ(logic_error_of([&] { test::run_awaitable(caller, send_streamed(*client, "/echo")); }), destroyed_context_message);
    client.reset();
}

static_assert(std::is_nothrow_move_constructible_v<AsyncPipelineClient>);
static_assert(std::is_nothrow_move_assignable_v<AsyncPipelineClient>);

/// The status of a GET of path sent by client on the client's own executor, or nullopt when no
/// answer came within 30 s (the client's io_context is not running).
std::optional<int> status_on_clients_executor(AsyncPipelineClient& client, std::string path) {
    auto status = std::make_shared<std::promise<int>>();
    auto done = status->get_future();
    boost::asio::co_spawn(
        client.get_executor(),
        [&client, path = std::move(path), status]() -> net::awaitable<void> {
            HttpRequest request("GET", path);
            auto response = co_await client.send_request(std::move(request));
            status->set_value(response->status_code());
        },
        [status](std::exception_ptr error) {
            if (error) status->set_exception(error);
        });
    if (done.wait_for(30s) != std::future_status::ready) return std::nullopt;
    return done.get();
}

// A client moved to another keeps its registration with the io_context: the moved-to client sends,
// the moved-from one is destroyed harmlessly, and when the context goes the moved-to client lets
// go of it (its executor is empty, sending is the transport's clear error) and is freed safely.
TEST(AsyncLifetimeTest, AMovedClientSendsAndOutlivesItsIoContextSafely) {
    testserver::TestServer server;
    std::optional<AsyncPipelineClient> moved_to;
    {
        boost::asio::io_context context;
        std::optional<AsyncPipelineClient> moved_from(std::in_place, server.base_url(), context.get_executor(),
                                                      transport_on(context.get_executor()));
        moved_to.emplace(std::move(*moved_from));
        moved_from.reset();
        auto response = test::run_awaitable(context, send_streamed(*moved_to, "/echo"));
        EXPECT_EQ(response->status_code(), 200);
        EXPECT_TRUE(moved_to->get_executor());
    }
    EXPECT_FALSE(moved_to->get_executor());
    boost::asio::io_context caller;
    EXPECT_EQ(logic_error_of([&] { test::run_awaitable(caller, send_streamed(*moved_to, "/echo")); }), destroyed_context_message);
    moved_to.reset();
}

// A client without an executor hands its io_context and thread over when moved: destroying the
// moved-from client stops neither; destroying the moved-to one takes them with it.
TEST(AsyncLifetimeTest, AMovedClientWithoutAnExecutorKeepsItsThread) {
    testserver::TestServer server;
    std::optional<AsyncPipelineClient> moved_from(std::in_place, server.base_url());
    AsyncPipelineClient moved_to(std::move(*moved_from));
    moved_from.reset();
    EXPECT_EQ(status_on_clients_executor(moved_to, "/echo"), 200);
}

// Move assignment lets go of what the client held (its transport on the old context, its own
// io_context and thread) and takes the other's: the old context may then be destroyed first.
TEST(AsyncLifetimeTest, AMoveAssignedClientLetsGoOfItsOldContextAndUsesTheNewOne) {
    testserver::TestServer server;
    boost::asio::io_context context;
    AsyncPipelineClient client(server.base_url());  // its own io_context and thread
    {
        AsyncPipelineClient other(server.base_url(), context.get_executor());
        client = std::move(other);
    }
    EXPECT_EQ(client.get_executor(), net::any_io_executor(context.get_executor()));
    auto response = test::run_awaitable(context, send_streamed(client, "/echo"));
    EXPECT_EQ(response->status_code(), 200);
    response.reset();

    std::optional<boost::asio::io_context> old_context(std::in_place);
    AsyncPipelineClient on_old(server.base_url(), old_context->get_executor());
    on_old = std::move(client);
    old_context.reset();
    EXPECT_EQ(on_old.get_executor(), net::any_io_executor(context.get_executor()));
    response = test::run_awaitable(context, send_streamed(on_old, "/echo"));
    EXPECT_EQ(response->status_code(), 200);
}

// An io_context run by a thread of its own, as a client created without an executor has.
class IoThread {
public:
    IoThread() : work_(boost::asio::make_work_guard(context_)), thread_([this] { context_.run(); }) {}
    ~IoThread() {
        work_.reset();
        thread_.join();
    }
    boost::asio::io_context& context() { return context_; }

private:
    boost::asio::io_context context_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
    std::thread thread_;
};

// Streamed responses closed (and destroyed) on the caller's thread while the transport's thread
// is busy with other requests: the transfer is handed to the transport's thread, which removes it
// (before, curl's multi handle was used from both threads: TSan reports it, ASan sees the damage).
TEST(AsyncLifetimeTest, StreamedResponsesClosedOnTheCallersThreadAreRemovedOnTheTransportsThread) {
    testserver::TestServer server;
    IoThread io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(io.context().get_executor());
    AsyncPipelineClient client(server.base_url(), io.context().get_executor(), {.transport = transport});
    boost::asio::io_context caller;
    int closed = 0;
    int plain = 0;
    auto close_streams = [&]() -> net::awaitable<void> {
        for (int i = 0; i < 100; ++i) {
            auto response = co_await send_streamed(client, "/bytes/1000000");
            auto chunks = response->iter_bytes(4096);
            auto first = co_await chunks.next();
            EXPECT_TRUE(first.has_value());
            response->close();  // and destroyed at the end of the iteration, after its chunk iterator
            ++closed;
        }
    };
    auto plain_requests = [&]() -> net::awaitable<void> {
        for (int i = 0; i < 200; ++i) {
            HttpRequest request("GET", "/echo");
            auto response = co_await client.send_request(std::move(request));
            EXPECT_EQ(response->status_code(), 200);
            ++plain;
        }
    };
    boost::asio::co_spawn(caller, close_streams(), [](std::exception_ptr error) { if (error) std::rethrow_exception(error); });
    boost::asio::co_spawn(caller, plain_requests(), [](std::exception_ptr error) { if (error) std::rethrow_exception(error); });
    caller.run();
    EXPECT_EQ(closed, 100);
    EXPECT_EQ(plain, 200);
    std::promise<std::size_t> in_flight;
    boost::asio::post(io.context(), [&] { in_flight.set_value(transport->in_flight()); });
    EXPECT_EQ(in_flight.get_future().get(), 0u);
}

// A coroutine on a client's own thread may destroy that client: the thread is stopped and left to
// finish (it cannot join itself), and destroys its io_context once run() has returned.
TEST(AsyncLifetimeTest, AClientWithoutAnExecutorMayBeDestroyedOnItsOwnThread) {
    testserver::TestServer server;
    auto client = std::make_unique<AsyncPipelineClient>(server.base_url());
    std::promise<int> status;
    boost::asio::co_spawn(
        client->get_executor(),
        [&]() -> net::awaitable<void> {
            HttpRequest request("GET", "/echo");
            auto response = co_await client->send_request(std::move(request));
            const int code = response->status_code();
            response.reset();
            client.reset();
            status.set_value(code);
        },
        boost::asio::detached);
    auto done = status.get_future();
    ASSERT_EQ(done.wait_for(30s), std::future_status::ready);
    EXPECT_EQ(done.get(), 200);
    EXPECT_EQ(client, nullptr);
}

}  // namespace
}  // namespace azcore
