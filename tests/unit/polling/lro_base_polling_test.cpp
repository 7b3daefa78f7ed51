// LROBasePolling through LROPoller (sync) and AsyncLROPoller (async) against scripted services on
// MockTransport: which requests are sent, which waits are asked for, what the result is, and which
// error the caller gets.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/mgmt/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/exceptions.hpp>
#include <azcore/polling/long_running_operation.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/polling/no_polling.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/settings.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>
#include "unit/polling/polling_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#if defined(__GNUC__) && !defined(__clang__)
// g++ 12 reports the exception_ptr alternative of a copied MockTransport::Outcome as maybe
// uninitialised (a false positive of -Wmaybe-uninitialized on std::variant).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace azcore::polling {
namespace {

using Json = boost::json::value;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using Outcome = MockTransport::Outcome;

/// reply(), labelled application/json when it has a body.
MockResponse json_reply(int status, const std::string& body = {}, CaseInsensitiveDict headers = {}) {
    if (!body.empty()) headers.set("Content-Type", "application/json");
    return reply(status, body, std::move(headers));
}

MockResponse status_reply(const std::string& status, CaseInsensitiveDict headers = {}) {
    return json_reply(200, R"({"status": ")" + status + R"("})", std::move(headers));
}

template <class E>
const E* inner_as(const exceptions::AzureError& error) {
    try {
        if (error.inner_exception()) std::rethrow_exception(error.inner_exception());
    } catch (const E& inner) {
        return &inner;  // the exception object lives as long as the exception_ptr of `error`
    } catch (...) {
    }
    return nullptr;
}

class LROBasePollingTest : public ::testing::TestWithParam<RunMode> {
protected:
    void script(std::vector<Outcome> outcomes) { transport_ = std::make_shared<MockTransport>(std::move(outcomes)); }

    /// Sends the initial request through the mode's client, then waits for the result with the
    /// mode's poller.
    Json start_and_wait(HttpRequest initial, LROBasePollingOptions options = {}, SendRequestOptions send = {}) {
        return start_and_wait(std::move(initial), std::make_shared<LROBasePolling>(std::move(options)), std::move(send));
    }
    Json start_and_wait(HttpRequest initial, std::shared_ptr<PollingMethod> method, SendRequestOptions send = {}) {
        method_ = method;
        if (GetParam() == RunMode::Sync) {
            PipelineClient client(base_url, {.transport = transport_, .config = Configuration{}});
            std::shared_ptr<rest::HttpResponse> response = client.send_request(std::move(initial), std::move(send));
            LROPoller<Json> poller(client, response, json_body, method);
            return poller.result();
        }
        return test::run_awaitable(async_start_and_wait(transport_, std::move(initial), method, std::move(send)));
    }
    static net::awaitable<Json> async_start_and_wait(std::shared_ptr<MockTransport> transport, HttpRequest initial,
                                                     std::shared_ptr<PollingMethod> method, SendRequestOptions send) {
        auto executor = co_await net::this_coro::executor;
        PipelineClientOptions options{.transport = transport, .config = Configuration{}};
        AsyncPipelineClient client(base_url, executor, std::move(options));
        std::shared_ptr<rest::AsyncHttpResponse> response = co_await client.send_request(std::move(initial), std::move(send));
        AsyncLROPoller<Json> poller(client, response, json_body, method);
        Json result = co_await poller.result();
        co_return result;
    }

    /// "METHOD url" of every request sent.
    std::vector<std::string> sent() const {
        std::vector<std::string> out;
        for (const auto& request : transport_->requests()) out.push_back(request.method + " " + request.url);
        return out;
    }
    std::vector<double> sleeps() const { return transport_->sleeps(); }

    std::shared_ptr<MockTransport> transport_;
    std::shared_ptr<PollingMethod> method_;
};

TEST_P(LROBasePollingTest, OperationLocationOnPutPollsUntilSucceededThenGetsTheOriginalUri) {
    script({json_reply(201, R"({"id": "w1"})", {{"Operation-Location", base_url + "/operations/op1"}}),
            status_reply("Running"), status_reply("Succeeded"), json_reply(200, R"({"id": "w1", "name": "widget"})")});
    Json result = start_and_wait(HttpRequest("PUT", "/widgets/w1"));

    EXPECT_EQ(result, boost::json::parse(R"({"id": "w1", "name": "widget"})"));
    EXPECT_EQ(sent(), (std::vector<std::string>{"PUT " + base_url + "/widgets/w1", "GET " + base_url + "/operations/op1",
                                                "GET " + base_url + "/operations/op1", "GET " + base_url + "/widgets/w1"}));
    EXPECT_EQ(sleeps(), (std::vector<double>{30})) << "no wait before the first poll, then the default 30 s";
    EXPECT_EQ(method_->status(), "Succeeded");
    EXPECT_TRUE(method_->finished());
}

TEST_P(LROBasePollingTest, EveryStatusRequestCarriesTheInitialClientRequestId) {
    script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op1"}}), status_reply("Running"),
            status_reply("Succeeded")});
    start_and_wait(HttpRequest("DELETE", "/widgets/w1"));
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 3u);
    std::optional<std::string> id = requests[0].headers.get("x-ms-client-request-id");
    ASSERT_TRUE(id);
    for (const auto& request : requests) EXPECT_EQ(request.headers.get("x-ms-client-request-id"), id);
}

TEST_P(LROBasePollingTest, TheLastResponsesRetryAfterSetsTheWaitElseThePollingInterval) {
    script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op2"}, {"Retry-After", "100"}}),
            status_reply("InProgress", {{"Retry-After", "2"}}), status_reply("InProgress", {{"retry-after-ms", "500"}}),
            status_reply("InProgress", {{"Retry-After", "0"}}), status_reply("InProgress", {{"Retry-After", "soon"}}),
            json_reply(200, R"({"status": "Succeeded", "result": 42})")});
    Json result = start_and_wait(HttpRequest("POST", "/jobs"), LROBasePollingOptions{.timeout = 10});

    EXPECT_EQ(sleeps(), (std::vector<double>{2, 0.5, 10, 10}));
    EXPECT_EQ(result, boost::json::parse(R"({"status": "Succeeded", "result": 42})"))
        << "a POST without Location has no final GET: the status body is the result";
    EXPECT_EQ(transport_->requests().size(), 6u);
}

TEST_P(LROBasePollingTest, TheFinalStateViaChoosesTheFinalGet) {
    struct Case {
        std::string name;
        std::string method;
        std::string final_state_via;
        CaseInsensitiveDict headers;
        std::string status_body;
        std::optional<std::string> final_get;
    };
    const std::string op = base_url + "/operations/op";
    const std::string done = R"({"status": "Succeeded"})";
    std::vector<Case> cases = {
        {"location on POST", "POST", "location", {{"Operation-Location", op}, {"Location", base_url + "/results/r1"}}, done,
         base_url + "/results/r1"},
        {"relative location on POST", "POST", "location", {{"Operation-Location", op}, {"Location", "/results/r2"}}, done,
         base_url + "/results/r2"},
        {"operation-location on POST", "POST", "operation-location",
         {{"Operation-Location", op}, {"Location", base_url + "/results/r1"}}, done, std::nullopt},
        {"original-uri on POST", "POST", "original-uri", {{"Operation-Location", op}}, done, base_url + "/jobs"},
        {"default on POST with Location", "POST", "", {{"Operation-Location", op}, {"Location", base_url + "/results/r3"}},
         done, base_url + "/results/r3"},
        {"default on POST, resourceLocation", "POST", "", {{"Operation-Location", op}},
         R"({"status": "Succeeded", "resourceLocation": ")" + base_url + R"(/things/t1"})", base_url + "/things/t1"},
        {"default on PATCH", "PATCH", "", {{"Operation-Location", op}}, done, base_url + "/jobs"},
        {"location on PUT without Location", "PUT", "location", {{"Operation-Location", op}}, done, base_url + "/jobs"},
        {"azure-async-operation on PUT", "PUT", "azure-async-operation", {{"Operation-Location", op}}, done,
         base_url + "/jobs"},
        {"default on DELETE", "DELETE", "", {{"Operation-Location", op}}, done, std::nullopt},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        std::vector<Outcome> outcomes = {json_reply(202, "", c.headers), json_reply(200, c.status_body)};
        if (c.final_get) outcomes.push_back(json_reply(200, R"({"final": true})"));
        script(std::move(outcomes));
        Json result = start_and_wait(HttpRequest(c.method, "/jobs"),
                                     LROBasePollingOptions{.lro_options = {.final_state_via = c.final_state_via}});
        std::vector<std::string> expected = {c.method + " " + base_url + "/jobs", "GET " + op};
        if (c.final_get) expected.push_back("GET " + *c.final_get);
        EXPECT_EQ(sent(), expected);
        EXPECT_EQ(result, c.final_get ? boost::json::parse(R"({"final": true})") : boost::json::parse(c.status_body));
    }
}

TEST_P(LROBasePollingTest, AzureAsyncOperationHeaderIsPolledWhenAskedFor) {
    script({json_reply(202, "", {{"Azure-AsyncOperation", base_url + "/asyncops/a1"}, {"Location", base_url + "/results/r1"}}),
            status_reply("InProgress"), json_reply(200, R"({"status": "Succeeded", "properties": {"x": 1}})")});
    LroOptions lro{.final_state_via = "azure-async-operation"};
    Json result = start_and_wait(
        HttpRequest("POST", "/jobs"),
        LROBasePollingOptions{.lro_algorithms = {std::make_shared<OperationResourcePolling>("azure-asyncoperation", lro),
                                                 std::make_shared<LocationPolling>(), std::make_shared<StatusCheckPolling>()}});
    EXPECT_EQ(sent(), (std::vector<std::string>{"POST " + base_url + "/jobs", "GET " + base_url + "/asyncops/a1",
                                                "GET " + base_url + "/asyncops/a1"}));
    EXPECT_EQ(result, boost::json::parse(R"({"status": "Succeeded", "properties": {"x": 1}})"));
}

TEST_P(LROBasePollingTest, LocationPollingFollowsTheLocationWhileItAnswers202) {
    script({json_reply(202, "", {{"Location", "/status/s1"}}), json_reply(202, "", {{"Location", base_url + "/status/s2"}}),
            json_reply(200, R"({"id": "done"})")});
    Json result = start_and_wait(HttpRequest("POST", "/jobs"));
    EXPECT_EQ(result, boost::json::parse(R"({"id": "done"})"));
    EXPECT_EQ(sent(), (std::vector<std::string>{"POST " + base_url + "/jobs", "GET " + base_url + "/status/s1",
                                                "GET " + base_url + "/status/s2"}));
    EXPECT_EQ(sleeps(), (std::vector<double>{30}));
}

TEST_P(LROBasePollingTest, StatusCheckPollingSucceedsAtOnceWithTheInitialBody) {
    script({json_reply(200, R"({"id": "x"})")});
    EXPECT_EQ(start_and_wait(HttpRequest("PUT", "/things/x")), boost::json::parse(R"({"id": "x"})"));
    EXPECT_EQ(transport_->requests().size(), 1u);
    EXPECT_TRUE(sleeps().empty());

    script({json_reply(204)});
    EXPECT_EQ(start_and_wait(HttpRequest("DELETE", "/things/x")), Json(nullptr)) << "an empty body is no result (None)";
}

TEST_P(LROBasePollingTest, TerminalStatesIgnoreCase) {
    for (std::string succeeded : {"succeeded", "SUCCEEDED", "Succeeded"}) {
        SCOPED_TRACE(succeeded);
        script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}), status_reply(succeeded)});
        EXPECT_NO_THROW(start_and_wait(HttpRequest("DELETE", "/things/x")));
        EXPECT_EQ(transport_->requests().size(), 2u);
    }
}

TEST_P(LROBasePollingTest, AFailedOperationRaisesHttpResponseErrorWithTheStatusBodyAndAToken) {
    for (std::string failed : {"Failed", "failed", "Canceled", "CANCELLED"}) {
        SCOPED_TRACE(failed);
        script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}), status_reply("Running"),
                json_reply(200, R"({"status": ")" + failed + R"(", "error": {"code": "QuotaExceeded", "message": "No more widgets"}})")});
        try {
            start_and_wait(HttpRequest("PUT", "/widgets/w1"));
            ADD_FAILURE() << "expected HttpResponseError";
        } catch (const exceptions::HttpResponseError& error) {
            EXPECT_EQ(error.status_code(), 200);
            ASSERT_TRUE(error.error());
            EXPECT_EQ(error.error()->code(), "QuotaExceeded");
            EXPECT_NE(std::string(error.what()).find("No more widgets"), std::string::npos) << error.what();
            const OperationFailed* inner = inner_as<OperationFailed>(error);
            ASSERT_NE(inner, nullptr);
            EXPECT_STREQ(inner->what(), "Operation failed or canceled");
            ASSERT_TRUE(error.continuation_token());
            EXPECT_FALSE(error.continuation_token()->empty());
        }
        EXPECT_EQ(method_->status(), failed);
        EXPECT_EQ(transport_->requests().size(), 3u) << "no final GET after a failure";
    }
}

TEST_P(LROBasePollingTest, AFailedOperationsErrorIsReadWithTheGivenErrorFormat) {
    script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}),
            json_reply(200, R"({"status": "Failed", "error": {"code": "Quota", "message": "Full.", "additionalInfo": [{"type": "T", "info": {}}]}})")});
    try {
        start_and_wait(HttpRequest("PUT", "/widgets/w1"),
                       LROBasePollingOptions{.error_format = exceptions::error_format<mgmt::exceptions::ARMErrorFormat>()});
        ADD_FAILURE() << "expected HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        ASSERT_NE(error.error_as<mgmt::exceptions::ARMErrorFormat>(), nullptr);
        EXPECT_EQ(std::string(error.what()),
                  "(Quota) Full.\nCode: Quota\nMessage: Full.\nAdditional Information:Type: T\nInfo: {}");
    }
}

TEST_P(LROBasePollingTest, AnInitialBodyThatAlreadyFailedRaisesWithoutPolling) {
    script({json_reply(202, R"({"status": "Failed", "error": {"code": "Early", "message": "failed at once"}})",
                  {{"Operation-Location", base_url + "/operations/op"}})});
    try {
        start_and_wait(HttpRequest("POST", "/jobs"));
        ADD_FAILURE() << "expected HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 202);
        ASSERT_TRUE(error.error());
        EXPECT_EQ(error.error()->code(), "Early");
        EXPECT_NE(inner_as<OperationFailed>(error), nullptr);
    }
    EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_P(LROBasePollingTest, AnInitialBodyThatAlreadySucceededStillMakesTheFinalGet) {
    script({json_reply(201, R"({"status": "Succeeded"})", {{"Operation-Location", base_url + "/operations/op"}}),
            json_reply(200, R"({"id": "w1"})")});
    EXPECT_EQ(start_and_wait(HttpRequest("PUT", "/widgets/w1")), boost::json::parse(R"({"id": "w1"})"));
    EXPECT_EQ(sent(), (std::vector<std::string>{"PUT " + base_url + "/widgets/w1", "GET " + base_url + "/widgets/w1"}));
}

TEST_P(LROBasePollingTest, ABadStatusWhilePollingRaisesHttpResponseErrorAndTheTokenResumes) {
    script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}),
            json_reply(500, R"({"error": {"code": "Oops", "message": "server fell over"}})")});
    std::optional<std::string> token;
    try {
        start_and_wait(HttpRequest("PUT", "/widgets/w1"));
        ADD_FAILURE() << "expected HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 500);
        const BadStatus* inner = inner_as<BadStatus>(error);
        ASSERT_NE(inner, nullptr);
        EXPECT_STREQ(inner->what(), "Invalid return status 500 for 'GET' operation");
        token = error.continuation_token();
    }
    EXPECT_EQ(method_->status(), "Failed");
    ASSERT_TRUE(token);

    // A new poller on a new client resumes from the token.
    script({status_reply("Succeeded"), json_reply(200, R"({"id": "w1"})")});
    Json result;
    if (GetParam() == RunMode::Sync) {
        PipelineClient client(base_url, {.transport = transport_, .config = Configuration{}});
        result = LROPoller<Json>::from_continuation_token(std::make_shared<LROBasePolling>(), *token, client, json_body).result();
    } else {
        result = test::run_awaitable([](std::shared_ptr<MockTransport> transport, std::string token) -> net::awaitable<Json> {
            auto executor = co_await net::this_coro::executor;
            PipelineClientOptions options{.transport = transport, .config = Configuration{}};
            AsyncPipelineClient client(base_url, executor, std::move(options));
            auto poller = AsyncLROPoller<Json>::from_continuation_token(std::make_shared<AsyncLROBasePolling>(), token,
                                                                        client, json_body);
            Json value = co_await poller.result();
            co_return value;
        }(transport_, *token));
    }
    EXPECT_EQ(result, boost::json::parse(R"({"id": "w1"})"));
    EXPECT_EQ(sent(), (std::vector<std::string>{"GET " + base_url + "/operations/op", "GET " + base_url + "/widgets/w1"}));
}

TEST_P(LROBasePollingTest, AnInitialErrorStatusFailsAtOnce) {
    script({json_reply(400, R"({"error": {"code": "BadInput", "message": "no"}})", {{"Operation-Location", base_url + "/op"}})});
    try {
        start_and_wait(HttpRequest("PUT", "/widgets/w1"));
        ADD_FAILURE() << "expected HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 400);
        EXPECT_NE(inner_as<BadStatus>(error), nullptr);
        ASSERT_TRUE(error.error());
        EXPECT_EQ(error.error()->code(), "BadInput");
    }
    EXPECT_EQ(transport_->requests().size(), 1u);
}

TEST_P(LROBasePollingTest, AStatusResponseWithoutBodyOrStatusIsABadResponse) {
    struct Case {
        MockResponse poll;
        std::string message;
    };
    std::vector<Case> cases = {{json_reply(200), "The response from long running operation does not contain a body."},
                               {json_reply(200, R"({"state": "Running"})"), "No status found in body"}};
    for (const Case& c : cases) {
        SCOPED_TRACE(c.message);
        script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}), c.poll});
        try {
            start_and_wait(HttpRequest("PUT", "/widgets/w1"));
            ADD_FAILURE() << "expected HttpResponseError";
        } catch (const exceptions::HttpResponseError& error) {
            EXPECT_EQ(error.message(), c.message);
            EXPECT_NE(inner_as<BadResponse>(error), nullptr);
        }
        EXPECT_EQ(method_->status(), "Failed");
    }
}

TEST_P(LROBasePollingTest, AStatusBodyThatIsNotJsonIsADecodeError) {
    script({json_reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}),
            MockResponse{.status_code = 200, .body = to_bytes("<html>busy</html>")}});
    EXPECT_THROW(start_and_wait(HttpRequest("PUT", "/widgets/w1")), exceptions::DecodeError);
}

TEST_P(LROBasePollingTest, PathFormatArgumentsAndOperationConfigApplyToStatusRequests) {
    script({json_reply(202, "", {{"Operation-Location", "{endpoint}/operations/op9"}}), status_reply("Succeeded")});
    start_and_wait(HttpRequest("DELETE", "/things/x"),
                   LROBasePollingOptions{.path_format_arguments = {{"endpoint", "https://other.example"}},
                                         .operation_config = {{"read_timeout", 5}}});
    EXPECT_EQ(sent(), (std::vector<std::string>{"DELETE " + base_url + "/things/x", "GET https://other.example/operations/op9"}));
    auto options = transport_->options_seen();
    ASSERT_EQ(options.size(), 2u);
    EXPECT_NE(std::find(options[1].begin(), options[1].end(), "read_timeout"), options[1].end());
}

// Tracing: the operation's span, passed to the initial request and (through operation_config) to
// every status request, parents every HTTP span of the operation.
TEST_P(LROBasePollingTest, EveryRequestOfTheOperationIsASpanUnderTheOperationsSpan) {
    auto exporter = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    tracing::set_tracer_provider(
        tracing::sdk::TracerProvider::create({.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter)}}));
    settings.tracing_enabled.set_value(true);
    auto operation = tracing::get_tracer()->start_span("WidgetClient.begin_create");
    script({json_reply(201, R"({"id": "w1"})", {{"Operation-Location", base_url + "/operations/op1"}}),
            status_reply("Running"), status_reply("Succeeded"), json_reply(200, R"({"id": "w1"})")});
    start_and_wait(HttpRequest("PUT", "/widgets/w1"), LROBasePollingOptions{.operation_config = {{"parent_span", operation}}},
                   SendRequestOptions{.kwargs = {{"parent_span", operation}}});
    operation->end();
    settings.tracing_enabled.unset_value();
    tracing::set_tracer_provider(nullptr);
    const std::vector<tracing::sdk::SpanData> spans = exporter->get_finished_spans();
    ASSERT_EQ(spans.size(), 5u);
    const std::vector<std::string> names{"PUT", "GET", "GET", "GET", "WidgetClient.begin_create"};
    for (std::size_t i = 0; i < spans.size(); ++i) {
        EXPECT_EQ(spans[i].name, names[i]);
        if (i < 4) {
            EXPECT_EQ(spans[i].parent, operation->context()) << i;
        }
    }
    EXPECT_EQ(*spans[1].attributes.find("url.full"), tracing::AttributeValue(base_url + "/operations/op1"));
}

TEST_P(LROBasePollingTest, NoPollingBuildsTheResultFromTheInitialResponse) {
    script({json_reply(202, R"({"accepted": true})", {{"Operation-Location", base_url + "/operations/op"}})});
    EXPECT_EQ(start_and_wait(HttpRequest("POST", "/jobs"), std::make_shared<NoPolling>()),
              boost::json::parse(R"({"accepted": true})"));
    EXPECT_EQ(transport_->requests().size(), 1u);
    EXPECT_EQ(method_->status(), "succeeded");
}

INSTANTIATE_TEST_SUITE_P(BothModes, LROBasePollingTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// ---- the decisions, without I/O ---------------------------------------------------------------------

TEST(LROBasePolling, StatusBeforeInitializeIsALogicError) {
    LROBasePolling polling;
    EXPECT_THROW(polling.status(), std::logic_error);
}

TEST(LROBasePolling, AnUnknownFinalStateViaIsRejected) {
    EXPECT_THROW(std::make_shared<LROBasePolling>(LROBasePollingOptions{.lro_options = {.final_state_via = "somewhere"}}),
                 std::invalid_argument);
    EXPECT_NO_THROW(std::make_shared<LROBasePolling>(LROBasePollingOptions{.lro_options = {.final_state_via = "Original-URI"}}));
}

TEST(LROBasePolling, WithoutAnyAlgorithmThatCanPollInitializeRaisesBadResponse) {
    auto transport = std::make_shared<MockTransport>(std::vector<Outcome>{json_reply(200, R"({})")});
    PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
    std::shared_ptr<rest::HttpResponse> response = client.send_request(HttpRequest("PUT", "/x"));
    LROBasePolling polling(LROBasePollingOptions{.lro_algorithms = {std::make_shared<LocationPolling>()}});
    try {
        polling.initialize(client, as_pipeline_response(response));
        ADD_FAILURE() << "expected BadResponse";
    } catch (const BadResponse& error) {
        EXPECT_STREQ(error.what(), "Unable to find status link for polling.");
    }
}

TEST(LROBasePolling, TerminalStatusHelpersIgnoreCase) {
    EXPECT_TRUE(is_finished_status("SUCCEEDED"));
    EXPECT_TRUE(is_finished_status("canceled"));
    EXPECT_TRUE(is_finished_status("Cancelled"));
    EXPECT_TRUE(is_finished_status("FAILED"));
    EXPECT_FALSE(is_finished_status("Running"));
    EXPECT_FALSE(is_finished_status("InProgress"));
    EXPECT_TRUE(is_failed_status("Canceled"));
    EXPECT_FALSE(is_failed_status("Succeeded"));
    EXPECT_TRUE(is_succeeded_status("succeeded"));
}

}  // namespace
}  // namespace azcore::polling
