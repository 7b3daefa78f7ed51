// AsyncPipelineClient end to end on AsyncCurlTransport: the executor models it supports.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace azcore {
namespace {

using rest::HttpRequest;

// Runs an awaitable to completion on context (reusable across calls).
template <class T>
T run_on(boost::asio::io_context& context, net::awaitable<T> awaitable) {
    std::exception_ptr failure;
    std::optional<T> result;
    boost::asio::co_spawn(context, std::move(awaitable), [&](std::exception_ptr error, T value) {
        failure = error;
        if (!error) result.emplace(std::move(value));
    });
    context.restart();
    context.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
}

TEST(AsyncPipelineClientTest, SendsOnTheCallersIoContextAndKeepsTheConnection) {
    testserver::TestServer server;
    boost::asio::io_context context;
    AsyncPipelineClient client(server.base_url(), context.get_executor());
    auto run = [&]() -> net::awaitable<std::vector<int>> {
        std::vector<int> statuses;
        for (int i = 0; i < 3; ++i) {
            // (g++ 12 miscompiles initializer lists inside co_await expressions: build the request first.)
            HttpRequest request("GET", "/echo?i=" + std::to_string(i));
            auto response = co_await client.send_request(std::move(request));
            statuses.push_back(response->status_code());
            EXPECT_EQ(response->json().at("args").at("i").at(0).as_string(), std::to_string(i));
        }
        co_return statuses;
    };
    EXPECT_EQ(run_on(context, run()), (std::vector<int>{200, 200, 200}));
    EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(AsyncPipelineClientTest, StreamsADownloadAsTheCoroutineReads) {
    testserver::TestServer server;
    boost::asio::io_context context;
    AsyncPipelineClient client(server.base_url(), context.get_executor());
    const std::size_t size = 4 * 1024 * 1024 + 5;
    auto run = [&]() -> net::awaitable<std::string> {
        auto response = co_await client.send_request(HttpRequest("GET", "/bytes/" + std::to_string(size)), {.stream = true});
        std::string all;
        auto chunks = response->iter_bytes(65536);
        while (auto chunk = co_await chunks.next()) {
            EXPECT_LE(chunk->size(), 65536u);
            all += as_string_view(*chunk);
        }
        co_return all;
    };
    EXPECT_EQ(run_on(context, run()), testserver::generated_bytes(size));
}

TEST(AsyncPipelineClientTest, MapsTransportFailuresLikeTheSyncFace) {
    testserver::TestServer server;
    boost::asio::io_context context;
    AsyncPipelineClient client(server.base_url(), context.get_executor());
    auto send = [&](std::string path) { return run_on(context, client.send_request(HttpRequest("GET", path))); };
    EXPECT_THROW(send("/reset/before-status"), exceptions::ServiceResponseError);
    EXPECT_THROW(send("/short?declared=1000&actual=10"), exceptions::IncompleteReadError);
    EXPECT_THROW(send("/encoding/corrupt/gzip"), exceptions::DecodeError);
}

TEST(AsyncPipelineClientTest, AClientWithoutAnExecutorRunsOnItsOwnThread) {
    testserver::TestServer server;
    AsyncPipelineClient client(server.base_url());
    // Awaited from a coroutine on another io_context: the work hops to the client's thread and back.
    auto status = test::run_awaitable([&]() -> net::awaitable<int> {
        auto response = co_await client.send_request(HttpRequest("GET", "/echo"));
        co_return response->status_code();
    }());
    EXPECT_EQ(status, 200);
}

net::awaitable<int> status_of_a_get(const AsyncPipelineClient* client) {
    HttpRequest request("GET", "/echo");
    std::shared_ptr<rest::AsyncHttpResponse> response = co_await client->send_request(std::move(request));
    co_return response->status_code();
}

// The hop to the client's thread and back leaves nothing of the caller's io_context behind: a
// caller may stop and destroy it as soon as send_request has completed (co_spawn's own hop kept a
// work-tracking copy of the caller's executor on the client's thread a little longer: a crash in
// about one run out of five).
TEST(AsyncPipelineClientTest, ACallerMayDestroyItsIoContextAsSoonAsTheResponseArrived) {
    testserver::TestServer server;
    AsyncPipelineClient client(server.base_url());
    for (int run = 0; run < 30; ++run) {
        int status = 0;
        std::exception_ptr failure;
        {
            boost::asio::io_context caller;
            boost::asio::co_spawn(caller, status_of_a_get(&client), [&](std::exception_ptr error, int got) {
                failure = error;
                status = got;
                caller.stop();
            });
            caller.run();
        }
        ASSERT_FALSE(failure != nullptr) << "run " << run;
        EXPECT_EQ(status, 200) << "run " << run;
    }
}

}  // namespace
}  // namespace azcore
