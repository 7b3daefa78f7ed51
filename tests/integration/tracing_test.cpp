// DistributedTracingPolicy in both faces against the test server: one CLIENT span per try with the
// OpenTelemetry HTTP attributes, its traceparent on the wire, resend counts, redirects, transport
// errors, and tracing turned on and off per call.
#include <azcore/exceptions.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/settings.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"
#include "support/sleep_recording_transport.hpp"
#include "support/tracing_on.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
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
using tracing::Attributes;
using tracing::SpanKind;
using tracing::sdk::SpanData;

class TracingTest : public ::testing::TestWithParam<RunMode> {
protected:
    /// A client whose policies hold `config` (default: the bare list, tracing included); the
    /// retry policy's waits are recorded, not slept.
    DualClient& client(Configuration config = {}) {
        recorder_.reset();
        DualClientSetup setup{.config = std::move(config), .wrap_transport = [this](std::shared_ptr<transport::HttpTransport> inner) {
                                  recorder_ = std::make_shared<SleepRecordingTransport>(std::move(inner));
                                  return recorder_;
                              }};
        client_ = std::make_unique<DualClient>(server_.base_url(), GetParam(), transport::ConnectionConfiguration{}, std::move(setup));
        return *client_;
    }
    std::vector<SpanData> spans() const { return tracing_.spans(); }
    std::string traceparent_of(const SpanData& span) const { return "00-" + span.context.trace_id.to_hex() + "-" + span.context.span_id.to_hex() + "-01"; }

    ~TracingTest() override {
        recorder_.reset();
        client_.reset();
    }

    TestServer server_;
    TracingOn tracing_;
    std::shared_ptr<SleepRecordingTransport> recorder_;
    std::unique_ptr<DualClient> client_;
};

std::string header_echoed(const Result& result, const char* name) {
    const boost::json::value echo = boost::json::parse(result.body);
    const auto& headers = echo.as_object().at("headers").as_object();
    const auto found = headers.find(name);
    return found == headers.end() ? "<absent>" : std::string(found->value().as_string());
}

/// The attributes without the transfer's timings and header sizes (azcore.transfer.*), which vary.
Attributes without_transfer_timings(const Attributes& attributes) {
    Attributes kept;
    for (const auto& [key, value] : attributes)
        if (!key.starts_with("azcore.transfer.")) kept.set(key, value);
    return kept;
}

TEST_P(TracingTest, ACallHasOneClientSpanWithTheHttpAttributesAndItsTraceparentOnTheWire) {
    Result result = client().send(HttpRequest("GET", "/echo?api-version=2024-01-01&sig=secret",
                                              {.headers = {{"User-Agent", "tracing-test/1.0"}, {"traceparent", "stale"}}}));
    ASSERT_EQ(result.status_code, 200);
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 1u);
    const SpanData& span = finished[0];
    EXPECT_EQ(span.name, "GET");
    EXPECT_EQ(span.kind, SpanKind::CLIENT);
    EXPECT_FALSE(span.parent.is_valid());
    EXPECT_EQ(span.status, tracing::StatusCode::UNSET);
    EXPECT_EQ(span.scope.library_name, "azcore");
    const std::string request_id = header_echoed(result, "x-ms-client-request-id");
    EXPECT_EQ(without_transfer_timings(span.attributes),
              (Attributes{{"http.request.method", "GET"},
                          {"url.full", server_.base_url() + "/echo?api-version=2024-01-01&sig=REDACTED"},
                          {"server.address", "127.0.0.1"},
                          {"server.port", server_.port()},
                          {"user_agent.original", "tracing-test/1.0"},
                          {"az.client_request_id", request_id},
                          {"http.response.status_code", 200},
                          {"network.protocol.version", "1.1"},
                          {"http.request.body.size", 0},
                          {"http.response.body.size", static_cast<std::int64_t>(result.body.size())}}));
    // The span's own context replaced the request's traceparent.
    EXPECT_EQ(header_echoed(result, "traceparent"), traceparent_of(span));
    EXPECT_EQ(header_echoed(result, "tracestate"), "<absent>");
}

/// The span's azcore.transfer.* attribute names, in order, each a duration (>= 0 seconds) but
/// connection_reused (a bool) and the header sizes (exact in the tests).
std::vector<std::string> transfer_keys(const Attributes& attributes) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : attributes) {
        if (!key.starts_with("azcore.transfer.")) continue;
        keys.push_back(key);
        if (key.ends_with("_size") || key.ends_with("_reused")) continue;
        const double* seconds = std::get_if<double>(&value);
        EXPECT_TRUE(seconds != nullptr && *seconds >= 0.0) << key;
    }
    return keys;
}

TEST_P(TracingTest, TheTrySpanCarriesItsTransferTimingsAndByteCounts) {
    Result result = client().send(HttpRequest("POST", "/echo", {.content = to_bytes(std::string("hello, timings"))}));
    ASSERT_EQ(result.status_code, 200);
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 1u);
    const Attributes& attributes = finished[0].attributes;
    EXPECT_EQ(transfer_keys(attributes),
              (std::vector<std::string>{"azcore.transfer.connection_reused", "azcore.transfer.name_lookup", "azcore.transfer.connect",
                                        "azcore.transfer.pretransfer", "azcore.transfer.first_byte", "azcore.transfer.total",
                                        "azcore.transfer.response_header_size"}));
    ASSERT_TRUE(attributes.contains("http.request.body.size") && attributes.contains("http.response.body.size") &&
                attributes.contains("azcore.transfer.response_header_size") && attributes.contains("azcore.transfer.total"));
    EXPECT_EQ(*attributes.find("network.protocol.version"), tracing::AttributeValue(std::string("1.1")));
    EXPECT_EQ(*attributes.find("azcore.transfer.connection_reused"), tracing::AttributeValue(false));
    EXPECT_EQ(*attributes.find("http.request.body.size"), tracing::AttributeValue(std::int64_t{14}));
    EXPECT_EQ(*attributes.find("http.response.body.size"), tracing::AttributeValue(static_cast<std::int64_t>(result.body.size())));
    const auto requests = server_.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].body_bytes, 14u);
    const auto response_header_size = std::get<std::int64_t>(*attributes.find("azcore.transfer.response_header_size"));
    const auto sent = static_cast<std::uint64_t>(response_header_size) + result.body.size();
    server_.wait_until([&] { return server_.bytes_sent() == sent; }, std::chrono::seconds(2));
    EXPECT_EQ(server_.bytes_sent(), sent);
    const auto seconds = [&](const char* key) { return std::get<double>(*attributes.find(key)); };
    EXPECT_LE(seconds("azcore.transfer.connect"), seconds("azcore.transfer.pretransfer"));
    EXPECT_LE(seconds("azcore.transfer.first_byte"), seconds("azcore.transfer.total"));
}

TEST_P(TracingTest, AStreamedTrySpanEndsWithWhatTheHeadTold) {
    Result result = client().send(HttpRequest("GET", "/bytes/100"), {.stream = true});
    ASSERT_EQ(result.status_code, 200);
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 1u);
    const Attributes& attributes = finished[0].attributes;
    // The span ended when the response came back, before its body was read: no total, no sizes.
    EXPECT_EQ(transfer_keys(attributes),
              (std::vector<std::string>{"azcore.transfer.connection_reused", "azcore.transfer.name_lookup", "azcore.transfer.connect",
                                        "azcore.transfer.pretransfer", "azcore.transfer.first_byte"}));
    EXPECT_EQ(*attributes.find("network.protocol.version"), tracing::AttributeValue(std::string("1.1")));
    EXPECT_FALSE(attributes.contains("http.request.body.size"));
    EXPECT_FALSE(attributes.contains("http.response.body.size"));
    EXPECT_EQ(result.response->timings().response_body_size, 100u);  // the response has them once read
}

TEST_P(TracingTest, EachTryHasItsSpanUnderTheCallsParentWithItsResendCount) {
    auto parent = tracing_.provider->get_tracer({})->start_span("Client.get_thing");
    Result result = client(Configuration{.retry_policy = std::make_shared<policies::RetryPolicy>()})
                        .send(HttpRequest("GET", "/flaky?key=retried&fail=2&status=503&header=x-ms-request-id:svc-1"),
                              {.kwargs = {{"parent_span", parent}}});
    parent->end();
    ASSERT_EQ(result.status_code, 200);
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 4u);  // three tries, then the parent
    EXPECT_EQ(finished[3].name, "Client.get_thing");
    for (int attempt = 0; attempt < 3; ++attempt) {
        SCOPED_TRACE("try " + std::to_string(attempt));
        const SpanData& span = finished[static_cast<std::size_t>(attempt)];
        EXPECT_EQ(span.name, "GET");
        EXPECT_EQ(span.parent, parent->context());
        const tracing::AttributeValue* resend = span.attributes.find("http.request.resend_count");
        if (attempt == 0) EXPECT_EQ(resend, nullptr);
        else EXPECT_EQ(*resend, tracing::AttributeValue(std::int64_t{attempt}));
        EXPECT_EQ(*span.attributes.find("http.response.status_code"), tracing::AttributeValue(std::int64_t{attempt < 2 ? 503 : 200}));
        if (attempt < 2) {
            EXPECT_EQ(*span.attributes.find("error.type"), tracing::AttributeValue(std::string("503")));
            EXPECT_EQ(*span.attributes.find("az.service_request_id"), tracing::AttributeValue(std::string("svc-1")));
        } else {
            EXPECT_FALSE(span.attributes.contains("error.type"));
        }
        EXPECT_EQ(span.status, tracing::StatusCode::UNSET);  // a status code is not a span error
    }
    EXPECT_NE(finished[0].context.span_id, finished[1].context.span_id);
    // The server saw the last try's context.
    EXPECT_EQ(header_echoed(result, "traceparent"), traceparent_of(finished[2]));
}

TEST_P(TracingTest, EachRedirectHopHasItsSpan) {
    Result result = client(Configuration{.redirect_policy = std::make_shared<policies::RedirectPolicy>()})
                        .send(HttpRequest("GET", "/redirect?to=/echo&status=302"));
    ASSERT_EQ(result.status_code, 200);
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_EQ(*finished[0].attributes.find("http.response.status_code"), tracing::AttributeValue(std::int64_t{302}));
    EXPECT_EQ(*finished[0].attributes.find("url.full"), tracing::AttributeValue(server_.base_url() + "/redirect?to=REDACTED&status=REDACTED"));
    EXPECT_EQ(*finished[1].attributes.find("url.full"), tracing::AttributeValue(server_.base_url() + "/echo"));
    EXPECT_FALSE(finished[1].attributes.contains("http.request.resend_count"));
    EXPECT_EQ(header_echoed(result, "traceparent"), traceparent_of(finished[1]));
}

TEST_P(TracingTest, ATransportErrorEndsTheSpanWithItsTypeAndStatusError) {
    const std::uint16_t closed_port = [] {
        TestServer gone;
        return gone.port();
    }();
    DualClient refused("http://127.0.0.1:" + std::to_string(closed_port), GetParam());
    EXPECT_THROW(refused.send(HttpRequest("GET", "/echo")), exceptions::ServiceRequestError);
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 1u);
    const SpanData& span = finished[0];
    EXPECT_EQ(*span.attributes.find("error.type"), tracing::AttributeValue(std::string("azcore::exceptions::ServiceRequestError")));
    EXPECT_FALSE(span.attributes.contains("http.response.status_code"));
    EXPECT_EQ(span.status, tracing::StatusCode::ERROR);
    EXPECT_TRUE(span.status_description.starts_with("ServiceRequestError: ")) << span.status_description;
    ASSERT_EQ(span.events.size(), 1u);
    EXPECT_EQ(span.events[0].name, "exception");
    EXPECT_EQ(*span.events[0].attributes.find("exception.type"),
              tracing::AttributeValue(std::string("azcore::exceptions::ServiceRequestError")));
}

TEST_P(TracingTest, TracingOptionsTurnItOnOrOffPerCallAndAddAttributes) {
    DualClient& traced = client();
    tracing::TracingOptions off{.enabled = false};
    Result quiet = traced.send(HttpRequest("GET", "/echo"), {.kwargs = {{"tracing_options", off}}});
    EXPECT_TRUE(spans().empty());
    EXPECT_EQ(header_echoed(quiet, "traceparent"), "<absent>");

    settings.tracing_enabled.set_value(false);
    traced.send(HttpRequest("GET", "/echo"));
    EXPECT_TRUE(spans().empty());
    tracing::TracingOptions on{.enabled = true, .attributes = {{"az.namespace", "Microsoft.Test"}, {"shared", "from options"}}};
    Result loud = traced.send(HttpRequest("GET", "/echo"),
                              {.kwargs = {{"tracing_options", on}, {"tracing_attributes", Attributes{{"shared", "from attributes"}, {"only", 1}}}}});
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(header_echoed(loud, "traceparent"), traceparent_of(finished[0]));
    EXPECT_EQ(*finished[0].attributes.find("shared"), tracing::AttributeValue(std::string("from options")));
    EXPECT_EQ(*finished[0].attributes.find("only"), tracing::AttributeValue(std::int64_t{1}));
    EXPECT_EQ(*finished[0].attributes.find("az.namespace"), tracing::AttributeValue(std::string("Microsoft.Test")));
}

TEST_P(TracingTest, WithoutAProviderNothingIsTracedAndTheCallGoesOn) {
    tracing::set_tracer_provider(nullptr);
    Result result = client().send(HttpRequest("GET", "/echo"));
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(header_echoed(result, "traceparent"), "<absent>");
    EXPECT_TRUE(spans().empty());
}

// Python's plug-in path: AZURE_SDK_TRACING_IMPLEMENTATION names a registered provider, which then
// wins over the process's provider, and naming one turns tracing on when tracing_enabled is unset.
TEST_P(TracingTest, AnImplementationNamedInTheSettingsIsUsedAndTurnsTracingOn) {
    settings.tracing_enabled.unset_value();
    auto exporter = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    tracing::register_tracer_provider("Recorder", tracing::sdk::TracerProvider::create(
                                                      {.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter)}}));
    client().send(HttpRequest("GET", "/echo?n=1"));
    EXPECT_TRUE(spans().empty());  // tracing_enabled unset and no implementation named: off
    EXPECT_TRUE(exporter->get_finished_spans().empty());
    settings.tracing_implementation.set_value("recorder");
    client().send(HttpRequest("GET", "/echo?n=2"));
    EXPECT_TRUE(spans().empty());  // not the process's provider
    ASSERT_EQ(exporter->get_finished_spans().size(), 1u);
    EXPECT_EQ(*exporter->get_finished_spans()[0].attributes.find("url.full"), tracing::AttributeValue(server_.base_url() + "/echo?n=REDACTED"));
    settings.tracing_implementation.set_value("unregistered");  // a name nobody registered: the process's provider
    client().send(HttpRequest("GET", "/echo?n=3"));
    EXPECT_EQ(spans().size(), 1u);
    settings.tracing_implementation.unset_value();
    tracing::register_tracer_provider("recorder", nullptr);
    settings.tracing_enabled.set_value(true);
}

INSTANTIATE_TEST_SUITE_P(BothModes, TracingTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// The sync face: without an explicit parent, the span current on the calling thread is the parent.
TEST(TracingCurrentSpanTest, TheSpanCurrentOnTheCallingThreadIsTheParent) {
    TestServer server;
    std::optional<TracingOn> on(std::in_place);
    const auto provider = on->provider;
    const auto exporter = on->exporter;
    {
        DualClient client(server.base_url(), RunMode::Sync);
        tracing::SpanScope operation(provider->get_tracer({})->start_span("Client.operation"));
        client.send(HttpRequest("GET", "/echo"));
        client.send(HttpRequest("GET", "/echo"));
    }
    on.reset();
    const std::vector<SpanData> finished = exporter->get_finished_spans();
    ASSERT_EQ(finished.size(), 3u);
    EXPECT_EQ(finished[0].parent, finished[2].context);
    EXPECT_EQ(finished[1].parent, finished[2].context);
    EXPECT_EQ(tracing::sdk::format_span_tree(finished).substr(0, 15), "Client.operatio");
}

// 1,000 operations interleaved on one io_context, each with its own span passed as parent_span and
// two tries (the first fails with 503): every HTTP span's parent is its own operation's span.
TEST(TracingInterleavingTest, ThousandsOfInterleavedAsyncOperationsEachKeepTheirOwnParent) {
    TestServer server;
    std::optional<TracingOn> on(std::in_place);
    const auto provider = on->provider;
    const auto exporter = on->exporter;
    constexpr int operations = 1000;
    std::vector<tracing::SpanContext> parents(operations);
    int succeeded = 0;
    int failed = 0;
    {
        boost::asio::io_context io;
        auto transport = std::make_shared<SleepRecordingTransport>(std::make_shared<transport::AsyncCurlTransport>(
            io.get_executor(), transport::ConnectionConfiguration{.max_connections_per_host = 64}));
        AsyncPipelineClient client(server.base_url(), io.get_executor(),
                                   {.transport = transport, .config = Configuration{.retry_policy = std::make_shared<policies::RetryPolicy>()}});
        auto tracer = provider->get_tracer({});
        for (int i = 0; i < operations; ++i) {
            auto operation = tracer->start_span("Client.operation");
            parents[static_cast<std::size_t>(i)] = operation->context();
            boost::asio::co_spawn(
                io,
                [&client, &succeeded, operation, i]() -> net::awaitable<void> {
                    // (named first: g++ 12 miscompiles braced temporaries in a co_await)
                    HttpRequest request("GET", "/flaky?key=op" + std::to_string(i) + "&fail=1&status=503");
                    SendRequestOptions send_options;
                    send_options.kwargs.set("parent_span", operation);
                    send_options.kwargs.set("tracing_options", tracing::TracingOptions{.attributes = {{"operation", i}}});
                    auto response = co_await client.send_request(std::move(request), std::move(send_options));
                    if (response->status_code() == 200) ++succeeded;
                    operation->end();
                },
                [&failed](std::exception_ptr error) {
                    if (error) ++failed;
                });
        }
        io.run_for(std::chrono::seconds(60));
    }
    on.reset();
    EXPECT_EQ(succeeded, operations);
    EXPECT_EQ(failed, 0);
    std::vector<int> tries(operations);
    int http_spans = 0;
    for (const SpanData& span : exporter->get_finished_spans()) {
        const tracing::AttributeValue* operation = span.attributes.find("operation");
        if (operation == nullptr) continue;  // an operation's own span
        ++http_spans;
        const auto i = static_cast<std::size_t>(std::get<std::int64_t>(*operation));
        ++tries[i];
        EXPECT_EQ(span.parent, parents[i]) << "operation " << i;
    }
    EXPECT_EQ(http_spans, 2 * operations);
    EXPECT_EQ(std::count(tries.begin(), tries.end(), 2), operations);
}

// The sync face on 8 threads, each operation's span current on its own thread.
TEST(TracingInterleavingTest, EightThreadsEachParentTheirCallsWithTheirCurrentSpan) {
    TestServer server;
    std::optional<TracingOn> on(std::in_place);
    const auto provider = on->provider;
    const auto exporter = on->exporter;
    constexpr int threads = 8;
    constexpr int calls = 25;
    std::vector<tracing::SpanContext> parents(threads);
    {
        PipelineClient client(server.base_url());  // the standard policies, one client shared by the threads
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                tracing::SpanScope operation(provider->get_tracer({})->start_span("Client.operation"));
                parents[static_cast<std::size_t>(t)] = operation.span()->context();
                for (int c = 0; c < calls; ++c) {
                    tracing::TracingOptions options{.attributes = {{"thread", t}}};
                    client.send_request(HttpRequest("GET", "/echo"), {.kwargs = {{"tracing_options", options}}});
                }
            });
        }
        for (std::thread& worker : workers) worker.join();
    }
    on.reset();
    int http_spans = 0;
    for (const SpanData& span : exporter->get_finished_spans()) {
        const tracing::AttributeValue* thread = span.attributes.find("thread");
        if (thread == nullptr) continue;
        ++http_spans;
        EXPECT_EQ(span.parent, parents[static_cast<std::size_t>(std::get<std::int64_t>(*thread))]);
    }
    EXPECT_EQ(http_spans, threads * calls);
}

}  // namespace
}  // namespace azcore::test
