// RetryPolicy against MockTransport, in both faces: how many tries, what each try sent, which
// waits were asked for, and what the caller gets in the end.
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/request_history.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/policies/retry_budget.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/utils/http_date.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"
#include "support/async_outcome.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azcore::policies {
namespace {

using options::Kwargs;
using pipeline::Pipeline;
using pipeline::PipelineResponse;
using azcore::RequestHistory;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using Outcome = MockTransport::Outcome;

const std::string url = "https://example.test/resource";

MockResponse status(int code, CaseInsensitiveDict headers = {}) { return MockResponse{.status_code = code, .headers = std::move(headers)}; }

template <class E>
Outcome error(const std::string& message = "scripted failure") {
    return std::make_exception_ptr(E(message));
}

/// A fake monotonic clock, in seconds.
struct FakeClock {
    double now = 1000;
    std::function<double()> function() {
        return [this] { return now; };
    }
};

using Deadline = std::chrono::steady_clock::time_point;

Deadline at_second(double seconds) {
    return Deadline(std::chrono::duration_cast<Deadline::duration>(std::chrono::duration<double>(seconds)));
}

/// MockTransport plus what the retry tests need to see: each try's connection_timeout and deadline options,
/// time passing during tries and waits (on a FakeClock), an optional connection config, and
/// optionally a real (cancellable) async wait instead of a recorded one.
class ProbeTransport : public MockTransport {
public:
    using MockTransport::MockTransport;

    FakeClock* clock = nullptr;
    double seconds_per_try = 0;
    bool advance_on_sleep = true;
    bool real_async_sleep = false;
    bool sleeping = false;
    std::optional<transport::ConnectionConfiguration> config{};
    std::vector<std::optional<double>> connection_timeouts;
    std::vector<std::optional<Deadline>> deadlines;

    std::shared_ptr<rest::HttpResponse> send(const std::shared_ptr<HttpRequest>& request, const Kwargs& options) override {
        observe(options);
        return MockTransport::send(request, options);
    }
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> async_send(std::shared_ptr<HttpRequest> request,
                                                                        const Kwargs& options) override {
        observe(options);
        co_return co_await MockTransport::async_send(std::move(request), options);
    }
    void sleep(double seconds) override {
        MockTransport::sleep(seconds);
        if (clock != nullptr && advance_on_sleep) clock->now += seconds;
    }
    net::awaitable<void> async_sleep(double seconds) override {
        MockTransport::sleep(seconds);
        if (clock != nullptr && advance_on_sleep) clock->now += seconds;
        if (real_async_sleep) {
            sleeping = true;
            co_await HttpTransport::async_sleep(seconds);
            sleeping = false;
        }
    }
    const transport::ConnectionConfiguration* connection_config() const override { return config ? &*config : nullptr; }

private:
    void observe(const Kwargs& options) {
        connection_timeouts.push_back(options.get<double>("connection_timeout"));
        deadlines.push_back(options.get<Deadline>("deadline"));
        if (clock != nullptr) clock->now += seconds_per_try;
    }
};

class RetryPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    std::shared_ptr<ProbeTransport> script(std::vector<Outcome> outcomes) {
        transport_ = std::make_shared<ProbeTransport>(std::move(outcomes));
        return transport_;
    }
    PipelineResponse run(const std::shared_ptr<RetryPolicy>& policy, HttpRequest request = HttpRequest("GET", url),
                         Kwargs options = {}) {
        Pipeline pipeline(transport_, {policy});
        return test::run_pipeline(pipeline, GetParam(), std::move(request), std::move(options));
    }
    PipelineResponse run(RetryPolicyOptions options = {}, HttpRequest request = HttpRequest("GET", url), Kwargs kwargs = {}) {
        return run(std::make_shared<RetryPolicy>(std::move(options)), std::move(request), std::move(kwargs));
    }
    std::size_t tries() const { return transport_->requests().size(); }
    std::vector<double> sleeps() const { return transport_->sleeps(); }

    std::shared_ptr<ProbeTransport> transport_;
};

std::vector<Outcome> repeat(const Outcome& outcome, std::size_t n) { return std::vector<Outcome>(n, outcome); }

std::vector<Outcome> then(std::vector<Outcome> first, const Outcome& last) {
    first.push_back(last);
    return first;
}

const std::vector<RequestHistory>& history_of(const PipelineResponse& response) {
    const auto* history = response.context->get<std::vector<RequestHistory>>("history");
    if (history == nullptr) throw std::logic_error("no history in the context");
    return *history;
}

std::string http_date(std::chrono::system_clock::time_point when) {
    return utils::format_http_date(std::chrono::floor<std::chrono::seconds>(when));
}

// ---- defaults and the status rules ----------------------------------------------------------

TEST(RetryPolicyDefaults, MatchPython) {
    RetryPolicy policy;
    const RetryPolicyOptions& o = policy.options();
    EXPECT_EQ(o.retry_total, 10);
    EXPECT_EQ(o.retry_connect, 3);
    EXPECT_EQ(o.retry_read, 3);
    EXPECT_EQ(o.retry_status, 3);
    EXPECT_DOUBLE_EQ(o.retry_backoff_factor, 0.8);
    EXPECT_DOUBLE_EQ(o.retry_backoff_max, 120);
    EXPECT_EQ(o.retry_mode, RetryMode::Exponential);
    EXPECT_DOUBLE_EQ(o.timeout, 604800);
    EXPECT_FALSE(o.retry_budget);

    Kwargs none;
    RetrySettings settings = policy.configure_retries(none);
    ASSERT_TRUE(settings.methods);
    EXPECT_EQ(*settings.methods, (std::set<std::string>{"HEAD", "GET", "PUT", "DELETE", "OPTIONS", "TRACE"}));
    EXPECT_EQ(RetryPolicy::no_retries()->options().retry_total, 0);
}

TEST(RetryPolicyDefaults, RejectsANegativeBackoff) {
    EXPECT_THROW(RetryPolicy({.retry_backoff_factor = -1}), std::invalid_argument);
    EXPECT_THROW(RetryPolicy({.retry_backoff_max = -0.5}), std::invalid_argument);
}

/// The response a GET (or method) gets for a status, with headers, through a pipeline without retries.
PipelineResponse response_for(int code, std::string method = "GET", CaseInsensitiveDict headers = {}) {
    auto transport = std::make_shared<MockTransport>(std::vector<Outcome>{status(code, std::move(headers))});
    Pipeline pipeline(transport);
    return pipeline.run(HttpRequest(std::move(method), url));
}

TEST(RetryPolicyDecisions, RetriesExactlyPythonsStatusSet) {
    RetryPolicy policy;
    Kwargs none;
    RetrySettings settings = policy.configure_retries(none);
    for (int code : {408, 429, 500, 502, 503, 504, 506, 507, 599, 600, 998})
        EXPECT_TRUE(policy.is_retry(settings, response_for(code))) << code;
    for (int code : {200, 201, 202, 204, 301, 304, 400, 401, 403, 404, 405, 409, 412, 413, 499, 501, 505, 999})
        EXPECT_FALSE(policy.is_retry(settings, response_for(code))) << code;
}

TEST(RetryPolicyDecisions, RetryOnStatusCodesAddsToTheSet) {
    RetryPolicy policy({.retry_on_status_codes = {418, 404}});
    Kwargs none;
    RetrySettings settings = policy.configure_retries(none);
    EXPECT_TRUE(policy.is_retry(settings, response_for(418)));
    EXPECT_TRUE(policy.is_retry(settings, response_for(404)));
    EXPECT_TRUE(policy.is_retry(settings, response_for(503)));
    EXPECT_FALSE(policy.is_retry(settings, response_for(400)));
}

TEST(RetryPolicyDecisions, RetryAfterForcesARetryOnlyFromStatus400) {
    RetryPolicy policy;
    Kwargs none;
    RetrySettings settings = policy.configure_retries(none);
    EXPECT_TRUE(policy.is_retry(settings, response_for(400, "POST", {{"Retry-After", "1"}})));
    EXPECT_TRUE(policy.is_retry(settings, response_for(401, "GET", {{"Retry-After", "1"}})));
    EXPECT_FALSE(policy.is_retry(settings, response_for(399, "GET", {{"Retry-After", "1"}})));
    EXPECT_FALSE(policy.is_retry(settings, response_for(202, "GET", {{"Retry-After", "1"}})));
    EXPECT_FALSE(policy.is_retry(settings, response_for(400, "GET", {{"Retry-After", ""}})));
    // The millisecond headers set the wait but do not force a retry.
    EXPECT_FALSE(policy.is_retry(settings, response_for(400, "GET", {{"retry-after-ms", "100"}})));
}

TEST(RetryPolicyDecisions, PostAndPatchOnlyOn500503And504) {
    RetryPolicy policy;
    Kwargs none;
    RetrySettings settings = policy.configure_retries(none);
    for (const char* method : {"POST", "PATCH", "post"}) {
        for (int code : {500, 503, 504}) EXPECT_TRUE(policy.is_retry(settings, response_for(code, method))) << method << code;
        for (int code : {408, 429, 502, 507}) EXPECT_FALSE(policy.is_retry(settings, response_for(code, method))) << method << code;
    }
}

TEST(RetryPolicyDecisions, TotalZeroMeansNoStatusRetry) {
    RetryPolicy policy;
    Kwargs options{{"retry_total", 0}};
    RetrySettings settings = policy.configure_retries(options);
    EXPECT_FALSE(policy.is_retry(settings, response_for(503)));
    EXPECT_TRUE(options.empty());
}

TEST(RetryPolicyDecisions, ExhaustedLeavesZeroCountersOut) {
    RetryPolicy policy;
    EXPECT_FALSE(policy.is_exhausted({.total = 0, .connect = 0, .read = 0, .status = 0}));
    EXPECT_FALSE(policy.is_exhausted({.total = 5, .connect = 0, .read = 3, .status = 1}));
    EXPECT_TRUE(policy.is_exhausted({.total = 5, .connect = -1, .read = 3, .status = 1}));
    EXPECT_TRUE(policy.is_exhausted({.total = -1, .connect = 3, .read = 3, .status = 3}));
}

TEST(RetryPolicyDecisions, BackoffIsZeroThenExponentialAndCapped) {
    RetryPolicy policy;
    RetrySettings settings{.backoff = 0.8, .max_backoff = 120};
    std::vector<double> seen;
    for (int n = 0; n < 10; ++n) {
        seen.push_back(policy.get_backoff_time(settings));
        settings.history.emplace_back();
    }
    EXPECT_EQ(seen, (std::vector<double>{0, 0, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 120}));

    RetryPolicy fixed({.retry_mode = RetryMode::Fixed});
    RetrySettings fixed_settings{.backoff = 2, .max_backoff = 120};
    EXPECT_EQ(fixed.get_backoff_time(fixed_settings), 0);
    fixed_settings.history.resize(1);
    EXPECT_EQ(fixed.get_backoff_time(fixed_settings), 0);
    fixed_settings.history.resize(5);
    EXPECT_EQ(fixed.get_backoff_time(fixed_settings), 2);
}

TEST(RetryPolicyDecisions, IncrementNeverRetriesA202) {
    RetryPolicy policy;
    RetrySettings settings{.total = 10, .connect = 3, .read = 3, .status = 3};
    PipelineResponse accepted = response_for(202);
    pipeline::PipelineRequest request{accepted.http_request, accepted.context};
    EXPECT_FALSE(policy.increment(settings, request, &accepted, nullptr));
    EXPECT_EQ(settings.total, 9);
    EXPECT_TRUE(settings.history.empty());
}

// ---- the loops --------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, RetriesEvery503UntilA200WithPythonsBackoff) {
    script(then(repeat(status(503), 3), status(200)));
    PipelineResponse response = run();
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(tries(), 4u);
    // The first retry is immediate (no wait is asked for), then 0.8·2, 0.8·4.
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6, 3.2}));
    EXPECT_EQ(history_of(response).size(), 3u);
}

TEST_P(RetryPolicyTest, ReturnsTheLastResponseWhenRetryStatusIsExhausted) {
    script(repeat(status(503, {{"x-try", "same"}}), 10));
    PipelineResponse response = run({.retry_status = 3});
    EXPECT_EQ(tries(), 4u);
    EXPECT_EQ(response.http_response->status_code(), 503);
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6, 3.2}));
    EXPECT_EQ(history_of(response).size(), 4u);
}

TEST_P(RetryPolicyTest, RetryTotalExhaustsBeforeRetryStatus) {
    script(repeat(status(500), 10));
    PipelineResponse response = run({.retry_total = 2, .retry_status = 5, .retry_backoff_factor = 0});
    EXPECT_EQ(tries(), 3u);
    EXPECT_EQ(response.http_response->status_code(), 500);
    EXPECT_TRUE(sleeps().empty());
}

TEST_P(RetryPolicyTest, PerCallRetryTotalZeroDisablesRetries) {
    script(repeat(status(503, {{"Retry-After", "1"}}), 3));
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("GET", url), Kwargs{{"retry_total", 0}});
    EXPECT_EQ(tries(), 1u);
    EXPECT_EQ(response.http_response->status_code(), 503);
    EXPECT_TRUE(sleeps().empty());
    EXPECT_EQ(history_of(response).size(), 1u);  // as Python: the try is counted, then the counters are exhausted
}

TEST_P(RetryPolicyTest, NoRetriesNeverRetriesEvenWithRetryAfter) {
    script(repeat(status(429, {{"Retry-After", "1"}}), 3));
    PipelineResponse response = run(RetryPolicy::no_retries());
    EXPECT_EQ(tries(), 1u);
    EXPECT_EQ(response.http_response->status_code(), 429);
    EXPECT_TRUE(sleeps().empty());
}

TEST_P(RetryPolicyTest, PerCallOptionsOverrideAndNeverReachTheTransport) {
    script(repeat(status(503), 10));
    PipelineResponse response =
        run(RetryPolicyOptions{}, HttpRequest("GET", url),
            Kwargs{{"retry_status", 1}, {"retry_backoff_factor", 0.5}, {"retry_backoff_max", 3.0}, {"timeout", 100.0}});
    EXPECT_EQ(tries(), 2u);
    // Only the call's deadline, which the policy itself sets for the transport.
    for (const auto& names : transport_->options_seen()) EXPECT_EQ(names, std::vector<std::string>{"deadline"});
}

// ---- Retry-After ------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, WaitsRetryAfterSecondsInsteadOfTheBackoff) {
    script({status(429, {{"Retry-After", "7"}}), status(429, {{"Retry-After", "2"}}), status(200)});
    PipelineResponse response = run();
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(tries(), 3u);
    EXPECT_EQ(sleeps(), (std::vector<double>{7, 2}));
}

TEST_P(RetryPolicyTest, WaitsUntilARetryAfterHttpDate) {
    std::string date = http_date(std::chrono::system_clock::now() + std::chrono::seconds(30));
    script({status(503, {{"Retry-After", date}}), status(200)});
    run();
    ASSERT_EQ(sleeps().size(), 1u);
    EXPECT_GT(sleeps()[0], 25);
    EXPECT_LE(sleeps()[0], 30);
}

TEST_P(RetryPolicyTest, APastRetryAfterDateFallsBackToTheBackoff) {
    script({status(503), status(503, {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}}), status(200)});
    run();
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6}));
}

TEST_P(RetryPolicyTest, WaitsRetryAfterMsAndXMsRetryAfterMs) {
    script({status(503, {{"retry-after-ms", "1500"}}), status(503, {{"x-ms-retry-after-ms", "250"}}), status(200)});
    run();
    EXPECT_EQ(sleeps(), (std::vector<double>{1.5, 0.25}));
}

TEST_P(RetryPolicyTest, RetryAfterWinsOverTheMillisecondHeaders) {
    script({status(503, {{"Retry-After", "3"}, {"retry-after-ms", "100"}, {"x-ms-retry-after-ms", "200"}}), status(200)});
    run();
    EXPECT_EQ(sleeps(), (std::vector<double>{3}));
}

TEST_P(RetryPolicyTest, RetryAfterZeroMeansTheBackoff) {
    script({status(429, {{"Retry-After", "0"}}), status(429, {{"Retry-After", "0"}}), status(200)});
    run();
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6}));
}

TEST_P(RetryPolicyTest, RetryAfterIsNotCappedByTheBackoffMax) {
    script({status(503, {{"Retry-After", "300"}}), status(200)});
    run({.retry_backoff_max = 10});
    EXPECT_EQ(sleeps(), (std::vector<double>{300}));
}

TEST_P(RetryPolicyTest, AnUnparsableRetryAfterWaitsTheBackoff) {
    script({status(503), status(503, {{"Retry-After", "soon"}}), status(200)});
    PipelineResponse response = run();
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6}));
}

TEST_P(RetryPolicyTest, RetryAfterRetriesEvenAPostAnswered429) {
    script({status(429, {{"Retry-After", "1"}}), status(201)});
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("POST", url));
    EXPECT_EQ(response.http_response->status_code(), 201);
    EXPECT_EQ(tries(), 2u);
    EXPECT_EQ(sleeps(), (std::vector<double>{1}));
}

// ---- methods ----------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, PostIsRetriedOn503) {
    script({status(503), status(201)});
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("POST", url));
    EXPECT_EQ(response.http_response->status_code(), 201);
    EXPECT_EQ(tries(), 2u);
}

TEST_P(RetryPolicyTest, PostIsNotRetriedOn429WithoutRetryAfterNorOn502) {
    script({status(429)});
    EXPECT_EQ(run(RetryPolicyOptions{}, HttpRequest("POST", url)).http_response->status_code(), 429);
    EXPECT_EQ(tries(), 1u);
    script({status(502)});
    EXPECT_EQ(run(RetryPolicyOptions{}, HttpRequest("PATCH", url)).http_response->status_code(), 502);
    EXPECT_EQ(tries(), 1u);
}

TEST_P(RetryPolicyTest, PostIsNeverRetriedAfterAnError) {
    script({error<exceptions::ServiceResponseError>("connection reset"), status(201)});
    EXPECT_THROW(run(RetryPolicyOptions{}, HttpRequest("POST", url)), exceptions::ServiceResponseError);
    EXPECT_EQ(tries(), 1u);
    script({error<exceptions::ServiceRequestError>("refused"), status(201)});
    EXPECT_THROW(run(RetryPolicyOptions{}, HttpRequest("PATCH", url)), exceptions::ServiceRequestError);
    EXPECT_EQ(tries(), 1u);
}

TEST_P(RetryPolicyTest, RetryOnMethodsMakesPostRetryableAfterAnError) {
    script({error<exceptions::ServiceResponseError>("connection reset"), status(201)});
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("POST", url),
                                    Kwargs{{"retry_on_methods", std::vector<std::string>{"post"}}});
    EXPECT_EQ(response.http_response->status_code(), 201);
    EXPECT_EQ(tries(), 2u);
}

TEST_P(RetryPolicyTest, RetryOnMethodsReplacesTheDefaultList) {
    script({status(503), status(200)});
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("GET", url),
                                    Kwargs{{"retry_on_methods", std::vector<std::string>{"PUT"}}});
    EXPECT_EQ(response.http_response->status_code(), 503);
    EXPECT_EQ(tries(), 1u);
}

// ---- errors -----------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, RetriesConnectionErrorsUpToRetryConnect) {
    script(repeat(error<exceptions::ServiceRequestError>("refused"), 10));
    try {
        run();
        FAIL() << "expected ServiceRequestError";
    } catch (const exceptions::ServiceRequestError& e) {
        EXPECT_EQ(e.message(), "refused");
    }
    EXPECT_EQ(tries(), 4u);
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6, 3.2}));
}

TEST_P(RetryPolicyTest, RetriesReadErrorsUpToRetryReadThenSucceeds) {
    script(then(repeat(error<exceptions::ServiceResponseError>("reset"), 3), status(200)));
    PipelineResponse response = run();
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(tries(), 4u);
    const auto& history = history_of(response);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_FALSE(history[0].http_response);
    EXPECT_TRUE(history[0].error);
}

TEST_P(RetryPolicyTest, PerCallRetryReadLimitsReadRetries) {
    script(repeat(error<exceptions::ServiceResponseTimeoutError>("read timeout"), 10));
    EXPECT_THROW(run(RetryPolicyOptions{}, HttpRequest("GET", url), Kwargs{{"retry_read", 1}}),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_EQ(tries(), 2u);
}

TEST_P(RetryPolicyTest, CountersAreSharedAcrossKindsUnderRetryTotal) {
    script({error<exceptions::ServiceRequestError>("refused"), status(503), error<exceptions::ServiceResponseError>("reset"),
            status(200)});
    PipelineResponse response = run({.retry_total = 3});
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(tries(), 4u);
    EXPECT_EQ(history_of(response).size(), 3u);
}

TEST_P(RetryPolicyTest, NeverRetriesClientAuthenticationError) {
    script({std::make_exception_ptr(exceptions::ClientAuthenticationError(std::optional<std::string>("no token"), nullptr)),
            status(200)});
    EXPECT_THROW(run(), exceptions::ClientAuthenticationError);
    EXPECT_EQ(tries(), 1u);
}

TEST_P(RetryPolicyTest, A401IsNotRetriedUnlessItCarriesRetryAfter) {
    script({status(401), status(200)});
    EXPECT_EQ(run().http_response->status_code(), 401);
    EXPECT_EQ(tries(), 1u);
}

TEST_P(RetryPolicyTest, NeverRetriesNonAzureErrorsNorCancellation) {
    script({std::make_exception_ptr(std::runtime_error("bug")), status(200)});
    EXPECT_THROW(run(), std::runtime_error);
    EXPECT_EQ(tries(), 1u);
    script({std::make_exception_ptr(boost::system::system_error(net::error::operation_aborted)), status(200)});
    EXPECT_THROW(run(), boost::system::system_error);
    EXPECT_EQ(tries(), 1u);
}

TEST_P(RetryPolicyTest, A202IsReturnedAtOnce) {
    script({status(202, {{"Retry-After", "5"}}), status(200)});
    EXPECT_EQ(run().http_response->status_code(), 202);
    EXPECT_EQ(tries(), 1u);
    EXPECT_TRUE(sleeps().empty());
}

// ---- modes and caps ---------------------------------------------------------------------------

TEST_P(RetryPolicyTest, FixedModeWaitsTheFactorFromTheSecondRetry) {
    script(then(repeat(status(503), 3), status(200)));
    run({.retry_backoff_factor = 2, .retry_mode = RetryMode::Fixed});
    EXPECT_EQ(sleeps(), (std::vector<double>{2, 2}));
}

TEST_P(RetryPolicyTest, TheBackoffIsCappedAtRetryBackoffMax) {
    script(then(repeat(status(503), 4), status(200)));
    run({.retry_status = 10, .retry_backoff_factor = 10, .retry_backoff_max = 15});
    EXPECT_EQ(sleeps(), (std::vector<double>{15, 15, 15}));
}

TEST_P(RetryPolicyTest, TheConstructorsBackoffMaxIsThePerCallDefault) {
    // Python before azure-core 1.35.1 capped at 120 here whatever the constructor said.
    script(then(repeat(status(503), 2), status(200)));
    run({.retry_backoff_factor = 100, .retry_backoff_max = 3});
    EXPECT_EQ(sleeps(), (std::vector<double>{3}));
    script(then(repeat(status(503), 2), status(200)));
    run(RetryPolicyOptions{.retry_backoff_factor = 100, .retry_backoff_max = 3}, HttpRequest("GET", url),
        Kwargs{{"retry_backoff_max", 5.0}});
    EXPECT_EQ(sleeps(), (std::vector<double>{5}));
}

// ---- timeout ----------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, TimeoutEndsTheRetriesWithServiceResponseTimeoutError) {
    FakeClock clock;
    script(repeat(status(503), 10))->clock = &clock;
    transport_->seconds_per_try = 10;
    // Tries take 10 s each: 25 s leave room for three tries and the 1.6 s wait between the 2nd
    // and the 3rd; the 3.2 s wait after the 3rd would end past the timeout.
    EXPECT_THROW(run({.retry_status = 10, .timeout = 25, .clock = clock.function()}), exceptions::ServiceResponseTimeoutError);
    EXPECT_EQ(tries(), 3u);
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6}));
}

TEST_P(RetryPolicyTest, TimeoutAfterConnectionErrorsIsServiceRequestTimeoutError) {
    FakeClock clock;
    script(repeat(error<exceptions::ServiceRequestError>("refused"), 10))->clock = &clock;
    transport_->seconds_per_try = 10;
    try {
        run({.retry_connect = 10, .timeout = 15, .clock = clock.function()});
        FAIL() << "expected ServiceRequestTimeoutError";
    } catch (const exceptions::ServiceRequestTimeoutError& e) {
        EXPECT_EQ(e.message(), "Request timeout");
        EXPECT_TRUE(e.inner_exception());
    }
    EXPECT_EQ(tries(), 2u);
}

TEST_P(RetryPolicyTest, TimeoutIsCheckedBeforeEachTry) {
    FakeClock clock;
    script(repeat(status(503), 10))->clock = &clock;
    transport_->seconds_per_try = 10;
    transport_->advance_on_sleep = false;
    // With waits taking no time, the 4th try would start at 30 s: past the 25 s timeout.
    EXPECT_THROW(run({.retry_status = 10, .retry_backoff_factor = 0, .timeout = 25, .clock = clock.function()}),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_EQ(tries(), 3u);
}

TEST_P(RetryPolicyTest, PerCallTimeoutZeroFailsBeforeTheFirstTry) {
    script({status(200)});
    EXPECT_THROW(run(RetryPolicyOptions{}, HttpRequest("GET", url), Kwargs{{"timeout", 0}}),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_EQ(tries(), 0u);
}

TEST_P(RetryPolicyTest, ARetryAfterPastTheTimeoutFailsAtOnceWithoutWaiting) {
    FakeClock clock;
    script({status(503, {{"Retry-After", "60"}}), status(200)})->clock = &clock;
    EXPECT_THROW(run({.timeout = 30, .clock = clock.function()}), exceptions::ServiceResponseTimeoutError);
    EXPECT_EQ(tries(), 1u);
    EXPECT_TRUE(sleeps().empty());
}

TEST_P(RetryPolicyTest, ConnectionTimeoutIsClampedToTheTimeLeft) {
    FakeClock clock;
    script({status(503), status(503), status(200)})->clock = &clock;
    transport_->seconds_per_try = 4;
    run(RetryPolicyOptions{.timeout = 30, .clock = clock.function()}, HttpRequest("GET", url),
        Kwargs{{"connection_timeout", 100.0}});
    // 30 s left before the 1st try, 26 before the 2nd, 30 - 8 - 1.6 = 20.4 before the 3rd.
    ASSERT_EQ(transport_->connection_timeouts.size(), 3u);
    EXPECT_NEAR(*transport_->connection_timeouts[0], 30, 1e-9);
    EXPECT_NEAR(*transport_->connection_timeouts[1], 26, 1e-9);
    EXPECT_NEAR(*transport_->connection_timeouts[2], 20.4, 1e-9);
}

TEST_P(RetryPolicyTest, TheTransportsConnectionTimeoutIsLoweredToTheTimeout) {
    FakeClock clock;
    script({status(200)})->clock = &clock;
    transport_->config = transport::ConnectionConfiguration{.connection_timeout = 300};
    run({.timeout = 30, .clock = clock.function()});
    ASSERT_EQ(transport_->connection_timeouts.size(), 1u);
    EXPECT_EQ(transport_->connection_timeouts[0], 30);

    script({status(200)})->config = transport::ConnectionConfiguration{.connection_timeout = 5};
    run({.timeout = 30});
    EXPECT_FALSE(transport_->connection_timeouts[0]);  // the transport's own 5 s stay
}

TEST_P(RetryPolicyTest, EveryTryIsGivenTheCallsDeadline) {
    FakeClock clock;
    script({status(503), error<exceptions::ServiceResponseError>("reset"), status(200)})->clock = &clock;
    transport_->seconds_per_try = 4;
    run(RetryPolicyOptions{.timeout = 30, .clock = clock.function()});
    // The try in progress ends when the call's 30 s are up, whatever is left of it when it starts.
    EXPECT_EQ(transport_->deadlines, (std::vector<std::optional<Deadline>>(3, at_second(1030))));
}

TEST_P(RetryPolicyTest, ThePerCallTimeoutSetsTheDeadline) {
    FakeClock clock;
    script({status(200)})->clock = &clock;
    run(RetryPolicyOptions{.clock = clock.function()}, HttpRequest("GET", url), Kwargs{{"timeout", 2.5}});
    EXPECT_EQ(transport_->deadlines, (std::vector<std::optional<Deadline>>{at_second(1002.5)}));
}

TEST_P(RetryPolicyTest, TheDefaultDeadlineIsOnTheSteadyClock) {
    script({status(200)});
    const auto before = std::chrono::steady_clock::now();
    run(RetryPolicyOptions{.timeout = 30});
    const auto after = std::chrono::steady_clock::now();
    ASSERT_EQ(transport_->deadlines.size(), 1u);
    ASSERT_TRUE(transport_->deadlines[0]);
    EXPECT_GE(*transport_->deadlines[0], before + std::chrono::seconds(30));
    EXPECT_LE(*transport_->deadlines[0], after + std::chrono::seconds(30));
}

TEST_P(RetryPolicyTest, AHugeTimeoutSaturatesTheDeadline) {
    FakeClock clock;
    script({status(200)})->clock = &clock;
    run(RetryPolicyOptions{.timeout = 1e300, .clock = clock.function()});
    EXPECT_EQ(transport_->deadlines, (std::vector<std::optional<Deadline>>{Deadline::max()}));
}

// Sets the transport's deadline option before the retry policy runs, as a caller's own would be.
class EarlyDeadlinePolicy : public pipeline::SansIOHTTPPolicy {
public:
    explicit EarlyDeadlinePolicy(Deadline deadline) : deadline_(deadline) {}
    void on_request(pipeline::PipelineRequest& request) const override { request.context->options.set("deadline", deadline_); }

private:
    Deadline deadline_;
};

TEST_P(RetryPolicyTest, AnEarlierDeadlineAlreadyInTheOptionsIsKept) {
    FakeClock clock;
    script({status(503), status(200)})->clock = &clock;
    auto retry = std::make_shared<RetryPolicy>(RetryPolicyOptions{.timeout = 30, .clock = clock.function()});
    Pipeline pipeline(transport_, {std::make_shared<EarlyDeadlinePolicy>(at_second(1010)), retry});
    test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", url));
    EXPECT_EQ(transport_->deadlines, (std::vector<std::optional<Deadline>>(2, at_second(1010))));

    script({status(200)})->clock = &clock;
    Pipeline later(transport_, {std::make_shared<EarlyDeadlinePolicy>(at_second(9999)), retry});
    test::run_pipeline(later, GetParam(), HttpRequest("GET", url));
    EXPECT_EQ(transport_->deadlines, (std::vector<std::optional<Deadline>>{at_second(1030)}));
}

// ---- bodies -----------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, RewindsASeekableBodyForEachTry) {
    auto stream = std::make_shared<rest::BytesStream>(to_bytes("skip:payload"));
    stream->seek(5);  // the body starts where the stream stood when the call began
    script({status(503), error<exceptions::ServiceResponseError>("reset"), status(201)});
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("PUT", url, {.content = stream}));
    EXPECT_EQ(response.http_response->status_code(), 201);
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 3u);
    for (const auto& request : requests) EXPECT_EQ(as_string_view(request.body), "payload");
}

TEST_P(RetryPolicyTest, NeverResendsANonSeekableBody) {
    auto chunks = std::make_shared<int>(0);
    auto generator = std::make_shared<rest::GeneratorStream>([chunks]() -> std::optional<Bytes> {
        if ((*chunks)++ == 0) return to_bytes("once");
        return std::nullopt;
    });
    script({status(503), status(201)});
    PipelineResponse response = run(RetryPolicyOptions{}, HttpRequest("PUT", url, {.content = generator}));
    EXPECT_EQ(response.http_response->status_code(), 503);  // the outcome of the one try, as Python
    EXPECT_EQ(tries(), 1u);

    auto again = std::make_shared<rest::GeneratorStream>([]() -> std::optional<Bytes> { return std::nullopt; });
    script({error<exceptions::ServiceResponseError>("reset"), status(201)});
    EXPECT_THROW(run(RetryPolicyOptions{}, HttpRequest("PUT", url, {.content = again})), exceptions::ServiceResponseError);
    EXPECT_EQ(tries(), 1u);
}

TEST_P(RetryPolicyTest, BytesBodiesAreResentWhole) {
    script({status(500), status(200)});
    run(RetryPolicyOptions{}, HttpRequest("PUT", url, {.content = std::string("text body")}));
    auto requests = transport_->requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(as_string_view(requests[1].body), "text body");
}

// ---- history ----------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, KeepsEachFailedTryInTheContextHistory) {
    script({status(503), error<exceptions::ServiceRequestError>("refused"), status(500), status(200)});
    PipelineResponse response = run();
    const auto& history = history_of(response);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].http_response->status_code(), 503);
    EXPECT_FALSE(history[0].error);
    EXPECT_FALSE(history[1].http_response);
    EXPECT_THROW(std::rethrow_exception(history[1].error), exceptions::ServiceRequestError);
    EXPECT_EQ(history[2].http_response->status_code(), 500);
    for (const auto& entry : history) {
        ASSERT_TRUE(entry.http_request);
        EXPECT_EQ(entry.http_request->url, url);
        EXPECT_NE(entry.http_request, response.http_request);  // a copy of the request as it was sent
    }
    EXPECT_EQ(*response.context->get<int>("retry_count"), 3);
}

TEST_P(RetryPolicyTest, NoHistoryWhenTheFirstTrySucceeds) {
    script({status(200)});
    PipelineResponse response = run();
    EXPECT_FALSE(response.context->contains("history"));
    EXPECT_EQ(*response.context->get<int>("retry_count"), 0);
}

// ---- budget -----------------------------------------------------------------------------------

TEST_P(RetryPolicyTest, AnExhaustedBudgetFailsFastWithTheLastResponseOrError) {
    auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    auto budget = std::make_shared<RetryBudget>(RetryBudgetOptions{.ratio = 0, .min_retries = 2, .clock = [&] { return now; }});
    auto first = std::make_shared<RetryPolicy>(RetryPolicyOptions{.retry_status = 10, .retry_budget = budget});
    auto second = std::make_shared<RetryPolicy>(RetryPolicyOptions{.retry_read = 10, .retry_budget = budget});

    script(repeat(status(503), 10));
    EXPECT_EQ(run(first).http_response->status_code(), 503);
    EXPECT_EQ(tries(), 3u);  // the first try and the two retries the budget allows

    // Another client sharing the budget: no retry left.
    script(repeat(status(503), 10));
    EXPECT_EQ(run(second).http_response->status_code(), 503);
    EXPECT_EQ(tries(), 1u);
    script(repeat(error<exceptions::ServiceResponseError>("reset"), 10));
    EXPECT_THROW(run(second), exceptions::ServiceResponseError);
    EXPECT_EQ(tries(), 1u);

    // Once the window has passed, retries are allowed again.
    now += std::chrono::seconds(11);
    script({status(503), status(200)});
    EXPECT_EQ(run(first).http_response->status_code(), 200);
    EXPECT_EQ(tries(), 2u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, RetryPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// ---- cancellation (async only) ----------------------------------------------------------------

class AsyncRetryPolicyCancellation : public ::testing::TestWithParam<net::cancellation_type> {};

INSTANTIATE_TEST_SUITE_P(EachType, AsyncRetryPolicyCancellation, ::testing::ValuesIn(test::cancellation_types),
                         [](const auto& info) { return test::cancellation_type_name(info.param); });

TEST_P(AsyncRetryPolicyCancellation, CancellationDuringTheWaitEndsTheCallAtOnceWithoutAnotherTry) {
    auto transport = std::make_shared<ProbeTransport>(std::vector<Outcome>{status(429, {{"Retry-After", "30"}}), status(200)});
    transport->real_async_sleep = true;
    Pipeline pipeline(transport, {std::make_shared<AsyncRetryPolicy>()});

    net::io_context io;
    net::cancellation_signal cancel;
    bool done = false;
    std::exception_ptr failure;
    net::co_spawn(io, pipeline.async_run(HttpRequest("GET", url)),
                  net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error, PipelineResponse) {
                      failure = error;
                      done = true;
                  }));
    while (!transport->sleeping && io.run_one() > 0) {
    }
    ASSERT_TRUE(transport->sleeping) << "the policy never started waiting";
    EXPECT_EQ(transport->sleeps(), (std::vector<double>{30}));

    const auto start = std::chrono::steady_clock::now();
    cancel.emit(GetParam());
    io.run_for(std::chrono::seconds(5));
    const auto elapsed = std::chrono::steady_clock::now() - start;

    ASSERT_TRUE(done);
    EXPECT_LT(elapsed, std::chrono::seconds(2));
    ASSERT_TRUE(failure);
    try {
        std::rethrow_exception(failure);
    } catch (const boost::system::system_error& e) {
        EXPECT_EQ(e.code(), net::error::operation_aborted);
    } catch (...) {
        ADD_FAILURE() << "expected operation_aborted";
    }
    EXPECT_EQ(transport->requests().size(), 1u);
}

}  // namespace
}  // namespace azcore::policies
