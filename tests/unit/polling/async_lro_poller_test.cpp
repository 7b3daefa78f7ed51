// AsyncLROPoller's own behaviour: cancellation through the awaiting coroutine's slot, many
// pollers at once on one thread, done() and done callbacks.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <boost/system/system_error.hpp>
#include "support/async_outcome.hpp"
#include "unit/polling/polling_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace azcore::polling {
namespace {

using Json = boost::json::value;
using rest::HttpRequest;
using transport::MockResponse;
using transport::MockTransport;
using transport::RecordedRequest;
using Outcome = MockTransport::Outcome;



class AsyncLROPollerCancellation : public ::testing::TestWithParam<net::cancellation_type> {};

INSTANTIATE_TEST_SUITE_P(EachType, AsyncLROPollerCancellation, ::testing::ValuesIn(test::cancellation_types),
                         [](const auto& info) { return test::cancellation_type_name(info.param); });

TEST_P(AsyncLROPollerCancellation, CancellationDuringTheWaitStopsPollingAtOnce) {
    auto transport = std::make_shared<TimerTransport>(std::vector<Outcome>{
        reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}), reply(200, R"({"status": "Running"})"),
        reply(200, R"({"status": "Succeeded"})")});
    net::io_context io;
    AsyncPipelineClient client(base_url, io.get_executor(), {.transport = transport, .config = Configuration{}});
    PipelineClient sync_client(base_url, {.transport = transport, .config = Configuration{}});
    AsyncLROPoller<Json> poller(client, sync_client.send_request(HttpRequest("PUT", "/x")), json_body,
                                std::make_shared<AsyncLROBasePolling>(LROBasePollingOptions{.timeout = 3600}));

    net::cancellation_signal cancel;
    bool finished = false;
    std::exception_ptr failure;
    net::co_spawn(io, poller.result(), net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error, Json) {
                      failure = error;
                      finished = true;
                  }));
    while (transport->sleeping == 0 && io.run_one() > 0) {
    }
    ASSERT_EQ(transport->sleeping, 1) << "the poller never started waiting";

    const auto start = std::chrono::steady_clock::now();
    cancel.emit(GetParam());
    io.run_for(std::chrono::seconds(5));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));

    ASSERT_TRUE(finished);
    ASSERT_TRUE(failure);
    try {
        std::rethrow_exception(failure);
    } catch (const boost::system::system_error& error) {
        EXPECT_EQ(error.code(), net::error::operation_aborted);
    } catch (...) {
        ADD_FAILURE() << "expected operation_aborted";
    }
    EXPECT_EQ(transport->requests().size(), 2u) << "the initial request and one poll, nothing after the cancellation";
    EXPECT_FALSE(poller.done());
    EXPECT_EQ(poller.status(), "Running");
}

TEST(AsyncLROPoller, ManyPollersRunAtOnceOnOneThread) {
    constexpr int operations = 20;
    std::mutex mutex;
    std::map<std::string, int> polls;
    auto transport = std::make_shared<TimerTransport>([&](const RecordedRequest& request) -> Outcome {
        std::string id = request.url.substr(request.url.rfind('/') + 1);
        if (request.method == "POST") return reply(202, "", {{"Operation-Location", base_url + "/operations/" + id}});
        std::lock_guard lock(mutex);
        if (++polls[id] < 3) return reply(200, R"({"status": "Running"})");
        return reply(200, R"({"status": "Succeeded", "id": ")" + id + R"("})");
    });
    net::io_context io;
    AsyncPipelineClient client(base_url, io.get_executor(), {.transport = transport, .config = Configuration{}});
    PipelineClient sync_client(base_url, {.transport = transport, .config = Configuration{}});

    std::vector<std::unique_ptr<AsyncLROPoller<Json>>> pollers;
    std::vector<std::string> results(operations);
    int completed = 0;
    for (int i = 0; i < operations; ++i) {
        pollers.push_back(std::make_unique<AsyncLROPoller<Json>>(
            client, sync_client.send_request(HttpRequest("POST", "/jobs/" + std::to_string(i))), json_body,
            std::make_shared<AsyncLROBasePolling>(LROBasePollingOptions{.timeout = 0.01})));
        net::co_spawn(io, pollers.back()->result(), [&, i](std::exception_ptr error, Json result) {
            if (!error) results[static_cast<std::size_t>(i)] = std::string(result.at("id").as_string());
            ++completed;
        });
    }
    io.run_for(std::chrono::seconds(10));

    ASSERT_EQ(completed, operations);
    for (int i = 0; i < operations; ++i) EXPECT_EQ(results[static_cast<std::size_t>(i)], std::to_string(i));
    EXPECT_GT(transport->most_sleeping_at_once, 1) << "the pollers waited side by side";
    for (const auto& poller : pollers) EXPECT_TRUE(poller->done());
}

TEST(AsyncLROPoller, DoneCallbacksRunWhenTheWaitCompletes) {
    auto transport = std::make_shared<MockTransport>(std::vector<Outcome>{
        reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}), reply(200, R"({"status": "Succeeded"})")});
    net::io_context io;
    AsyncPipelineClient client(base_url, io.get_executor(), {.transport = transport, .config = Configuration{}});
    PipelineClient sync_client(base_url, {.transport = transport, .config = Configuration{}});
    AsyncLROPoller<Json> poller(client, sync_client.send_request(HttpRequest("DELETE", "/x")), json_body,
                                std::make_shared<AsyncLROBasePolling>());
    std::vector<std::string> seen;
    poller.add_done_callback([&](PollingMethod& method) { seen.push_back(method.status()); });
    EXPECT_FALSE(poller.done());
    EXPECT_TRUE(seen.empty());

    bool finished = false;
    net::co_spawn(io, poller.wait(), [&](std::exception_ptr error) {
        EXPECT_FALSE(error);
        finished = true;
    });
    io.run();
    ASSERT_TRUE(finished);
    EXPECT_TRUE(poller.done());
    EXPECT_EQ(seen, (std::vector<std::string>{"Succeeded"}));
    poller.add_done_callback([&](PollingMethod&) { seen.push_back("late"); });
    EXPECT_EQ(seen, (std::vector<std::string>{"Succeeded", "late"}));
    EXPECT_TRUE(transport->sleeps().empty());
}

}  // namespace
}  // namespace azcore::polling
