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

}  // namespace
}  // namespace azcore
