// LROPoller's own behaviour: polling on a background thread, done(), wait(timeout), done
// callbacks, stopping on destruction, continuation tokens across clients.
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/polling/no_polling.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/json.hpp>
#include "unit/polling/polling_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace azcore::polling {
namespace {

using Json = boost::json::value;
using rest::HttpRequest;
using transport::MockResponse;
using transport::MockTransport;
using transport::RecordedRequest;
using Outcome = MockTransport::Outcome;


/// A gate the service's status answers wait on, so that a test sees the poller mid-way.
class Gate {
public:
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    void pass() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
};

TEST(LROPoller, PollsOnABackgroundThreadUntilDoneAndThenRunsTheDoneCallbacks) {
    Gate gate;
    std::atomic<int> polls = 0;
    auto transport = std::make_shared<MockTransport>([&](const RecordedRequest& request) -> Outcome {
        if (request.method == "POST") return reply(202, "", {{"Operation-Location", base_url + "/operations/op"}});
        gate.pass();
        return ++polls < 2 ? reply(200, R"({"status": "Running"})") : reply(200, R"({"status": "Succeeded", "n": 1})");
    });
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    std::shared_ptr<rest::HttpResponse> initial = client.send_request(HttpRequest("POST", "/jobs"));

    LROPoller<Json> poller(client, initial, json_body, std::make_shared<LROBasePolling>());
    std::vector<std::string> seen_by_callback;
    std::mutex seen_mutex;
    poller.add_done_callback([&](PollingMethod& method) {
        std::lock_guard lock(seen_mutex);
        seen_by_callback.push_back(method.status());
    });

    EXPECT_FALSE(poller.done());
    EXPECT_EQ(poller.status(), "InProgress");
    poller.wait(0.05);  // times out: the service is held
    EXPECT_FALSE(poller.done());

    gate.open();
    EXPECT_EQ(poller.result(), boost::json::parse(R"({"status": "Succeeded", "n": 1})"));
    EXPECT_TRUE(poller.done());
    EXPECT_EQ(poller.status(), "Succeeded");
    {
        std::lock_guard lock(seen_mutex);
        EXPECT_EQ(seen_by_callback, (std::vector<std::string>{"Succeeded"}));
    }
    int late_calls = 0;
    poller.add_done_callback([&](PollingMethod&) { ++late_calls; });
    EXPECT_EQ(late_calls, 1) << "a callback added after the end runs at once";
    EXPECT_EQ(transport->sleeps(), (std::vector<double>{30}));
}

TEST(LROPoller, AFinishedOperationStartsNoThreadAndIsDoneAtOnce) {
    auto transport = std::make_shared<MockTransport>(std::vector<Outcome>{reply(200, R"({"id": 1})")});
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    LROPoller<Json> poller(client, client.send_request(HttpRequest("PUT", "/x")), json_body, std::make_shared<LROBasePolling>());
    EXPECT_TRUE(poller.done());
    int calls = 0;
    poller.add_done_callback([&](PollingMethod&) { ++calls; });
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(poller.result(), boost::json::parse(R"({"id": 1})"));
}

// Python returns None from result() when the final response has no body; LROPoller<void> returns.
TEST(LROPoller, AVoidOperationWhoseFinalResponseHasNoBodyHasAResult) {
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest& request) -> Outcome {
        if (request.method == "DELETE") return reply(202, "", {{"Location", base_url + "/operations/op"}});
        return reply(204);
    });
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    LROPoller<void> poller(client, client.send_request(HttpRequest("DELETE", "/x")),
                           [](const pipeline::PipelineResponse&) {}, std::make_shared<LROBasePolling>());
    poller.result();
    EXPECT_TRUE(poller.done());
    EXPECT_EQ(poller.status(), "Succeeded");
    EXPECT_EQ(transport->requests().size(), 2u);
}

TEST(LROPoller, DestroyingAnUnfinishedPollerStopsItsThread) {
    auto transport = std::make_shared<MockTransport>([](const RecordedRequest& request) -> Outcome {
        if (request.method == "PUT") return reply(201, "", {{"Operation-Location", base_url + "/operations/op"}});
        return reply(200, R"({"status": "Running"})");
    });
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    const auto start = std::chrono::steady_clock::now();
    {
        LROPoller<Json> poller(client, client.send_request(HttpRequest("PUT", "/x")), json_body,
                               std::make_shared<LROBasePolling>());
        EXPECT_FALSE(poller.done());
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    const std::size_t sent = transport->requests().size();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(transport->requests().size(), sent) << "nothing is sent once the poller is gone";
}

TEST(LROPoller, ResumesFromAContinuationTokenWithANewClient) {
    auto first = std::make_shared<MockTransport>(std::vector<Outcome>{
        reply(202, R"({"status": "Running"})", {{"Operation-Location", base_url + "/operations/op"}}),
        std::make_exception_ptr(exceptions::ServiceRequestError("the first process goes away"))});
    std::string token;
    std::string request_id;
    {
        PipelineClient client(base_url, {.transport = first, .config = Configuration{}});
        LROPoller<Json> poller(client, client.send_request(HttpRequest("PUT", "/widgets/w1")), json_body,
                               std::make_shared<LROBasePolling>());
        token = poller.continuation_token();
        EXPECT_THROW(poller.wait(), exceptions::ServiceRequestError);
        request_id = first->requests().at(0).headers.get("x-ms-client-request-id").value_or("");
    }
    ASSERT_FALSE(request_id.empty());

    auto second = std::make_shared<MockTransport>(std::vector<Outcome>{
        reply(200, R"({"status": "Running"})"), reply(200, R"({"status": "Succeeded"})"), reply(200, R"({"id": "w1"})")});
    PipelineClient client(base_url, {.transport = second, .config = Configuration{}});
    auto poller = LROPoller<Json>::from_continuation_token(std::make_shared<LROBasePolling>(), token, client, json_body);
    EXPECT_EQ(poller.result(), boost::json::parse(R"({"id": "w1"})"));
    auto requests = second->requests();
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].url, base_url + "/operations/op");
    EXPECT_EQ(requests[2].url, base_url + "/widgets/w1") << "the final GET of a PUT is the original URL, from the token";
    for (const auto& request : requests) EXPECT_EQ(request.headers.get("x-ms-client-request-id"), request_id);
    EXPECT_EQ(second->sleeps(), (std::vector<double>{30}));
}

TEST(LROPoller, AnErrorCarriesTheContinuationToken) {
    auto transport = std::make_shared<MockTransport>(std::vector<Outcome>{
        reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}),
        std::make_exception_ptr(exceptions::ServiceResponseError("connection reset"))});
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    LROPoller<Json> poller(client, client.send_request(HttpRequest("POST", "/jobs")), json_body,
                           std::make_shared<LROBasePolling>());
    try {
        poller.result();
        FAIL() << "expected ServiceResponseError";
    } catch (const exceptions::ServiceResponseError& error) {
        EXPECT_EQ(error.continuation_token(), poller.continuation_token());
    }
    EXPECT_TRUE(poller.done());
}

TEST(LROPoller, NoPollingResumesFromItsTokenWithoutAClient) {
    auto transport = std::make_shared<MockTransport>(std::vector<Outcome>{reply(200, R"({"id": 7})")});
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    LROPoller<Json> poller(client, client.send_request(HttpRequest("PUT", "/x")), json_body, std::make_shared<NoPolling>());
    EXPECT_EQ(poller.result(), boost::json::parse(R"({"id": 7})"));
    auto resumed = LROPoller<Json>::from_continuation_token(std::make_shared<NoPolling>(), poller.continuation_token(),
                                                            PollingClient(), json_body);
    EXPECT_EQ(resumed.result(), boost::json::parse(R"({"id": 7})"));
}

}  // namespace
}  // namespace azcore::polling
