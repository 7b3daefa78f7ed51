// RetryPolicy end to end: PipelineClient + CurlTransport and AsyncPipelineClient +
// AsyncCurlTransport against the test server's /flaky routes, which fail a scripted number of
// times per key and count every request they get. The transport is wrapped in a
// SleepRecordingTransport: the waits the policy asks for are recorded, not slept.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/utils/http_date.hpp>
#include <azcore/utils/url_encoding.hpp>

#include "support/async_outcome.hpp"
#include "support/dual_client.hpp"
#include "support/run_mode.hpp"
#include "support/sleep_recording_transport.hpp"
#include "support/temp_dir.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/json.hpp>
#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace azcore::test {
namespace {

using policies::RetryPolicy;
using policies::RetryPolicyOptions;
using rest::HttpRequest;
using testserver::TestServer;
using namespace std::chrono_literals;

std::string http_date(std::chrono::system_clock::time_point when) {
    // Percent-encoded spaces: it travels in the test server's query.
    return utils::quote(utils::format_http_date(std::chrono::floor<std::chrono::seconds>(when)), ",:");
}

class RetryIntegrationTest : public ::testing::TestWithParam<RunMode> {
protected:
    /// A client of the server whose default policies hold RetryPolicy(options).
    DualClient& client(RetryPolicyOptions options = {}, transport::ConnectionConfiguration config = {}) {
        recorder_.reset();
        DualClientSetup setup{.config = Configuration{.retry_policy = std::make_shared<RetryPolicy>(std::move(options))},
                              .wrap_transport = [this](std::shared_ptr<transport::HttpTransport> inner) {
                                  recorder_ = std::make_shared<SleepRecordingTransport>(std::move(inner));
                                  return recorder_;
                              }};
        client_ = std::make_unique<DualClient>(server_.base_url(), GetParam(), std::move(config), std::move(setup));
        return *client_;
    }
    std::vector<double> sleeps() const { return recorder_->sleeps(); }
    std::size_t count(const std::string& key) const { return server_.flaky_count(key); }

    // The transport (held by recorder_ too) must go before the client's io_context.
    ~RetryIntegrationTest() override {
        recorder_.reset();
        client_.reset();
    }

    TestServer server_;
    std::shared_ptr<SleepRecordingTransport> recorder_;
    std::unique_ptr<DualClient> client_;
};

// ---- statuses and Retry-After -----------------------------------------------------------------

TEST_P(RetryIntegrationTest, Retries503ThenReturnsThe200) {
    Result result = client().send(HttpRequest("GET", "/flaky?key=a&fail=1&status=503"));
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(result.headers.get("X-Flaky-Try"), "2");
    EXPECT_EQ(count("a"), 2u);
    EXPECT_TRUE(sleeps().empty());  // the first retry is immediate
}

TEST_P(RetryIntegrationTest, BacksOffExponentiallyAndReturnsTheLast503WhenExhausted) {
    Result result = client().send(HttpRequest("GET", "/flaky?key=b&fail=100&status=503"));
    EXPECT_EQ(result.status_code, 503);
    EXPECT_EQ(result.headers.get("X-Flaky-Try"), "4");
    EXPECT_EQ(count("b"), 4u);  // the first try and retry_status = 3 retries
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6, 3.2}));
}

TEST_P(RetryIntegrationTest, Honours429RetryAfterSeconds) {
    Result result = client().send(HttpRequest("GET", "/flaky?key=c&fail=2&status=429&header=Retry-After:2"));
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(count("c"), 3u);
    EXPECT_EQ(sleeps(), (std::vector<double>{2, 2}));
}

TEST_P(RetryIntegrationTest, Honours429RetryAfterHttpDate) {
    const std::string date = http_date(std::chrono::system_clock::now() + 20s);
    Result result = client().send(HttpRequest("GET", "/flaky?key=d&fail=1&status=429&header=Retry-After:" + date));
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(count("d"), 2u);
    ASSERT_EQ(sleeps().size(), 1u);
    EXPECT_GT(sleeps()[0], 15);
    EXPECT_LE(sleeps()[0], 20);
}

TEST_P(RetryIntegrationTest, HonoursRetryAfterMsAndXMsRetryAfterMs) {
    Result result = client().send(HttpRequest("GET", "/flaky?key=e&fail=1&status=429&header=retry-after-ms:1500"));
    EXPECT_EQ(result.status_code, 200);
    Result again = client_->send(HttpRequest("GET", "/flaky?key=f&fail=1&status=503&header=x-ms-retry-after-ms:250"));
    EXPECT_EQ(again.status_code, 200);
    EXPECT_EQ(count("e"), 2u);
    EXPECT_EQ(count("f"), 2u);
    EXPECT_EQ(sleeps(), (std::vector<double>{1.5, 0.25}));
}

TEST_P(RetryIntegrationTest, PostIsRetriedOn503ButNotOn429WithoutRetryAfter) {
    Result retried = client().send(HttpRequest("POST", "/flaky?key=g&fail=1&status=503", {.content = std::string("x")}));
    EXPECT_EQ(retried.status_code, 200);
    EXPECT_EQ(count("g"), 2u);
    Result not_retried = client_->send(HttpRequest("POST", "/flaky?key=h&fail=1&status=429", {.content = std::string("x")}));
    EXPECT_EQ(not_retried.status_code, 429);
    EXPECT_EQ(count("h"), 1u);
}

TEST_P(RetryIntegrationTest, PerCallRetryTotalZeroSendsOnce) {
    SendRequestOptions options{.kwargs = {{"retry_total", 0}}};
    Result result = client().send(HttpRequest("GET", "/flaky?key=i&fail=1&status=503"), std::move(options));
    EXPECT_EQ(result.status_code, 503);
    EXPECT_EQ(count("i"), 1u);
}

// ---- connection faults ------------------------------------------------------------------------

TEST_P(RetryIntegrationTest, RetriesAGetWhoseConnectionWasReset) {
    Result result = client().send(HttpRequest("GET", "/flaky?key=j&fail=2&mode=reset"));
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(count("j"), 3u);
    EXPECT_EQ(sleeps(), (std::vector<double>{1.6}));
}

TEST_P(RetryIntegrationTest, DoesNotRetryAPostWhoseConnectionWasReset) {
    EXPECT_THROW(client().send(HttpRequest("POST", "/flaky?key=k&fail=1&mode=reset", {.content = std::string("payload")})),
                 exceptions::ServiceResponseError);
    EXPECT_EQ(count("k"), 1u);
}

// Disabled: on a kept-alive connection, libcurl (7.88) itself re-sends any request whose reused
// connection died before a response byte ("Connection died, retrying a fresh connect"), POST
// included, so the server gets the POST twice. A transport matter (reported); enable once
// CurlTransport/AsyncCurlTransport stop curl's silent re-send.
TEST_P(RetryIntegrationTest, DoesNotRetryAPostWhoseReusedConnectionWasReset) {
    DualClient& c = client();
    c.send(HttpRequest("GET", "/echo"));  // a kept-alive connection the POST goes out on
    EXPECT_THROW(c.send(HttpRequest("POST", "/flaky?key=k2&fail=1&mode=reset", {.content = std::string("payload")})),
                 exceptions::ServiceResponseError);
    EXPECT_EQ(count("k2"), 1u);
}

TEST_P(RetryIntegrationTest, RetriesAPostAfterAResetWhenRetryOnMethodsNamesPost) {
    SendRequestOptions options{.kwargs = {{"retry_on_methods", std::vector<std::string>{"POST"}}}};
    Result result = client().send(HttpRequest("POST", "/flaky?key=l&fail=1&mode=reset", {.content = std::string("payload")}),
                                  std::move(options));
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(count("l"), 2u);
    auto tries = server_.flaky_tries("l");
    ASSERT_EQ(tries.size(), 2u);
    EXPECT_EQ(tries[0].sha256, tries[1].sha256);
}

TEST_P(RetryIntegrationTest, RetriesAReadTimeoutForAGetUpToRetryRead) {
    SendRequestOptions options{.kwargs = {{"read_timeout", 0.2}}};
    Result result = client().send(HttpRequest("GET", "/flaky?key=m&fail=1&mode=hang"), options);
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(count("m"), 2u);

    SendRequestOptions limited{.kwargs = {{"read_timeout", 0.2}, {"retry_read", 2}}};
    EXPECT_THROW(client_->send(HttpRequest("GET", "/flaky?key=n&fail=100&mode=hang"), limited),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_EQ(count("n"), 3u);
}

TEST_P(RetryIntegrationTest, TheOperationTimeoutStopsRetryingAHangingServer) {
    SendRequestOptions options{.kwargs = {{"read_timeout", 0.2}, {"timeout", 0.5}}};
    EXPECT_THROW(client().send(HttpRequest("GET", "/flaky?key=o&fail=100&mode=hang"), options),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_GE(count("o"), 1u);
    EXPECT_LE(count("o"), 2u);
}

// `timeout` bounds a try in progress (a body that drips for 10 s), through the deadline
// RetryPolicy hands to the transport.
TEST_P(RetryIntegrationTest, TheOperationTimeoutEndsATryWhoseBodyDrips) {
    const auto start = std::chrono::steady_clock::now();
    SendRequestOptions options{.kwargs = {{"timeout", 1.0}}};
    EXPECT_THROW(client().send(HttpRequest("GET", "/drip?bytes=100&interval_ms=100"), options),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

// The same after a redirect hop: the hops share one deadline.
TEST_P(RetryIntegrationTest, TheOperationTimeoutEndsADrippingTryAfterARedirect) {
    DualClientSetup setup{.config = Configuration{.redirect_policy = std::make_shared<policies::RedirectPolicy>(),
                                                  .retry_policy = std::make_shared<RetryPolicy>()}};
    DualClient redirecting(server_.base_url(), GetParam(), {}, std::move(setup));
    const auto start = std::chrono::steady_clock::now();
    SendRequestOptions options{.kwargs = {{"timeout", 1.0}}};
    EXPECT_THROW(redirecting.send(HttpRequest("GET", "/redirect?to=/drip%3Fbytes%3D100%26interval_ms%3D100"), options),
                 exceptions::ServiceResponseTimeoutError);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

// ---- bodies -----------------------------------------------------------------------------------

TEST_P(RetryIntegrationTest, ResendsTheSameBytesOfAFileStreamAfterA500) {
    TempDir dir;
    const std::string path = dir.file("upload.bin");
    {
        std::ofstream out(path, std::ios::binary);
        std::string block = testserver::generated_bytes(64 * 1024);
        for (int i = 0; i < 48; ++i) out << block;  // 3 MiB
    }
    auto file = std::make_shared<rest::FileStream>(path);
    Result result = client().send(HttpRequest("POST", "/flaky/upload?key=p&fail=1&status=500", {.content = file}));
    ASSERT_EQ(result.status_code, 200);
    boost::json::object upload = boost::json::parse(result.body).as_object();
    EXPECT_EQ(upload["length"], 3 * 1024 * 1024);
    auto tries = server_.flaky_tries("p");
    ASSERT_EQ(tries.size(), 2u);
    EXPECT_TRUE(tries[0].failed);
    EXPECT_EQ(tries[0].length, 3u * 1024 * 1024);
    EXPECT_EQ(tries[0].sha256, tries[1].sha256);
    EXPECT_EQ(tries[1].sha256, std::string(upload["sha256"].as_string()));
}

TEST_P(RetryIntegrationTest, NeverResendsAConsumedGeneratorBody) {
    auto sent = std::make_shared<int>(0);
    auto generator = std::make_shared<rest::GeneratorStream>([sent]() -> std::optional<Bytes> {
        if ((*sent)++ < 4) return Bytes(1000, std::uint8_t{'z'});
        return std::nullopt;
    });
    Result result = client().send(HttpRequest("PUT", "/flaky/upload?key=q&fail=1&status=503", {.content = generator}));
    EXPECT_EQ(result.status_code, 503);  // the one try's answer, as Python returns it
    EXPECT_EQ(count("q"), 1u);
    EXPECT_EQ(server_.flaky_tries("q")[0].length, 4000u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, RetryIntegrationTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// ---- cancellation (async) ---------------------------------------------------------------------

class AsyncRetryIntegrationCancellation : public ::testing::TestWithParam<net::cancellation_type> {};

INSTANTIATE_TEST_SUITE_P(EachType, AsyncRetryIntegrationCancellation, ::testing::ValuesIn(test::cancellation_types),
                         [](const auto& info) { return test::cancellation_type_name(info.param); });

TEST_P(AsyncRetryIntegrationCancellation, CancellingDuringARetryAfterWaitSendsNothingMore) {
    TestServer server;
    net::io_context io;
    auto recorder = std::make_shared<SleepRecordingTransport>(std::make_shared<transport::AsyncCurlTransport>(io.get_executor()),
                                                              /*scale=*/1.0);
    AsyncPipelineClient client(server.base_url(), io.get_executor(),
                               PipelineClientOptions{.transport = recorder,
                                                     .config = Configuration{.retry_policy = std::make_shared<RetryPolicy>()}});
    net::cancellation_signal cancel;
    bool done = false;
    std::exception_ptr failure;
    auto call = [&]() -> net::awaitable<void> {
        HttpRequest request("GET", "/flaky?key=z&fail=1&status=429&header=Retry-After:30");
        co_await client.send_request(std::move(request));
    };
    net::co_spawn(io, call(), net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error) {
                      failure = error;
                      done = true;
                  }));
    ASSERT_TRUE(run_io_until(io, [&] { return recorder->sleeping(); }, 10s));
    const auto start = std::chrono::steady_clock::now();
    cancel.emit(GetParam());
    ASSERT_TRUE(run_io_until(io, [&] { return done; }, 5s));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
    ASSERT_TRUE(failure);
    try {
        std::rethrow_exception(failure);
    } catch (const boost::system::system_error& e) {
        EXPECT_EQ(e.code(), net::error::operation_aborted);
    } catch (...) {
        ADD_FAILURE() << "expected operation_aborted";
    }
    EXPECT_EQ(recorder->sleeps(), (std::vector<double>{30}));
    EXPECT_EQ(server.flaky_count("z"), 1u);
}

}  // namespace
}  // namespace azcore::test
