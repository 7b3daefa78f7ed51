// OtlpHttpSpanExporter and BatchSpanProcessor against the test server as the collector: the exact
// request posted, traced calls of both faces exported as the in-memory exporter saw them, and a
// collector that answers 503, is down, or is slow (the caller never waits, the queue stays bounded,
// drops are counted).
#include <azcore/options/keys.hpp>
#include <azcore/settings.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/tracing/sdk/batch_span_processor.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/otlp_http_span_exporter.hpp>
#include <azcore/utils/url_encoding.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>

#include "support/dual_client.hpp"
#include "support/log_capture.hpp"
#include "support/run_mode.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <algorithm>

namespace azcore::test {
namespace {

using namespace std::chrono_literals;
using rest::HttpRequest;
using testserver::RecordedRequest;
using testserver::TestServer;
using tracing::sdk::BatchSpanProcessor;
using tracing::sdk::BatchSpanProcessorStats;
using tracing::sdk::InMemorySpanExporter;
using tracing::sdk::OtlpHttpSpanExporter;
using tracing::sdk::SpanData;

std::optional<std::string> header_of(const RecordedRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers)
        if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
            return value;
    return std::nullopt;
}

std::vector<RecordedRequest> requests_to(const TestServer& server, std::string_view path_prefix) {
    std::vector<RecordedRequest> found;
    for (RecordedRequest& request : server.requests())
        if (request.target.starts_with(path_prefix)) found.push_back(std::move(request));
    return found;
}

SpanData a_span(std::string name) {
    SpanData span;
    span.name = std::move(name);
    span.kind = tracing::SpanKind::CLIENT;
    span.context = {.trace_id = tracing::TraceId::random(), .span_id = tracing::SpanId::random(), .trace_flags = 1};
    span.start_time = std::chrono::system_clock::now();
    span.end_time = span.start_time + 5ms;
    span.attributes = {{"http.request.method", "GET"}};
    return span;
}

/// A call's tracing on for its lifetime, recording to an in-memory exporter and, through a
/// BatchSpanProcessor, to an OTLP exporter.
struct TracingToCollector {
    TracingToCollector(tracing::sdk::OtlpHttpSpanExporterOptions exporter_options, tracing::sdk::BatchSpanProcessorOptions batch)
        : otlp(std::make_shared<OtlpHttpSpanExporter>(std::move(exporter_options))),
          batch_processor(std::make_shared<BatchSpanProcessor>(otlp, batch)),
          provider(tracing::sdk::TracerProvider::create(
              {.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(memory), batch_processor}})) {
        tracing::set_tracer_provider(provider);
        settings.tracing_enabled.set_value(true);
    }
    ~TracingToCollector() {
        settings.tracing_enabled.unset_value();
        tracing::set_tracer_provider(nullptr);
        provider->shutdown();
    }
    TracingToCollector(const TracingToCollector&) = delete;
    TracingToCollector& operator=(const TracingToCollector&) = delete;

    std::shared_ptr<InMemorySpanExporter> memory = std::make_shared<InMemorySpanExporter>();
    std::shared_ptr<OtlpHttpSpanExporter> otlp;
    std::shared_ptr<BatchSpanProcessor> batch_processor;
    std::shared_ptr<tracing::sdk::TracerProvider> provider;
};

TEST(OtlpHttpSpanExporterTest, EachBatchIsOnePostOfOtlpJsonWithTheConfiguredHeaders) {
    TestServer collector;
    OtlpHttpSpanExporter exporter({.endpoint = collector.base_url() + "/echo",
                                   .headers = std::vector<std::pair<std::string, std::string>>{{"api-key", "s3cret"}}});
    const std::vector<SpanData> spans{a_span("first"), a_span("second")};
    EXPECT_TRUE(exporter.export_spans(spans));
    const std::vector<RecordedRequest> posted = collector.requests();
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(posted[0].method, "POST");
    EXPECT_EQ(posted[0].target, "/echo");
    EXPECT_EQ(header_of(posted[0], "Content-Type"), "application/json");
    EXPECT_EQ(header_of(posted[0], "User-Agent"), "azcore-otlp-exporter/" + std::string(tracing::library_version()));
    EXPECT_EQ(header_of(posted[0], "api-key"), "s3cret");
    EXPECT_EQ(header_of(posted[0], "traceparent"), std::nullopt);
    EXPECT_EQ(posted[0].body, tracing::sdk::to_otlp_json(spans, exporter.resource()));
    exporter.shutdown();
    EXPECT_FALSE(exporter.export_spans(spans));
    EXPECT_EQ(collector.requests().size(), 1u);
}

TEST(OtlpHttpSpanExporterTest, A503IsRetriedAndAnExportThatStillFailsIsLoggedWithoutItsHeaders) {
    TestServer collector;
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    OtlpHttpSpanExporter recovers({.endpoint = collector.base_url() + "/flaky?key=once&fail=1&status=503",
                                   .headers = std::vector<std::pair<std::string, std::string>>{{"api-key", "s3cret"}},
                                   .max_retries = 2});
    const std::vector<SpanData> spans{a_span("first")};
    EXPECT_TRUE(recovers.export_spans(spans));
    EXPECT_EQ(collector.flaky_count("once"), 2u);
    EXPECT_TRUE(log.messages().empty());

    OtlpHttpSpanExporter gives_up({.endpoint = "http://user:pw@127.0.0.1:" + std::to_string(collector.port()) +
                                               "/flaky?key=always&fail=100&status=503",
                                   .headers = std::vector<std::pair<std::string, std::string>>{{"api-key", "s3cret"}},
                                   .max_retries = 1});
    EXPECT_FALSE(gives_up.export_spans(spans));
    EXPECT_EQ(collector.flaky_count("always"), 2u);
    EXPECT_EQ(log.messages(), std::vector<std::string>{"OTLP export of 1 spans to " + collector.base_url() +
                                                       "/flaky?key=always&fail=100&status=503 failed: HTTP 503 Service Unavailable"});
}

TEST(OtlpHttpSpanExporterTest, ACollectorThatIsDownFailsTheExportWithAWarning) {
    std::string endpoint;
    {
        TestServer gone;
        endpoint = gone.base_url() + "/v1/traces";
    }
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    OtlpHttpSpanExporter exporter({.endpoint = endpoint, .max_retries = 0});
    EXPECT_FALSE(exporter.export_spans(std::vector<SpanData>{a_span("first")}));
    const std::vector<std::string> messages = log.messages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_TRUE(messages[0].starts_with("OTLP export of 1 spans to " + endpoint + " failed: azcore::exceptions::ServiceRequestError: "))
        << messages[0];
}

TEST(OtlpHttpSpanExporterTest, APartialSuccessIsAWarningQuotingTheCollectorWithoutItsControlCharacters) {
    TestServer collector;
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    const std::string answer = R"({"partialSuccess":{"rejectedSpans":"1","errorMessage":"span 2: bad id\nforged line"}})";
    OtlpHttpSpanExporter exporter({.endpoint = collector.base_url() + "/status/200?content_type=application%2Fjson&body=" +
                                               utils::quote(answer, ""),
                                   .max_retries = 0});
    EXPECT_TRUE(exporter.export_spans(std::vector<SpanData>{a_span("first"), a_span("second")}));
    EXPECT_EQ(log.messages(), std::vector<std::string>{"the OTLP receiver rejected 1 of 2 spans: span 2: bad id\\nforged line"});
}

class OtlpTracingTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(OtlpTracingTest, TracedCallsReachTheCollectorExactlyAsTheInMemoryExporterSawThem) {
    TestServer service;
    TestServer collector;
    std::vector<SpanData> remembered;
    {
        TracingToCollector tracing({.endpoint = collector.base_url() + "/echo"},
                                   {.max_queue_size = 100, .schedule_delay = 1h, .max_export_batch_size = 100});
        DualClient client(service.base_url(), GetParam());
        auto parent = tracing.provider->get_tracer({.library_name = "azure-test", .library_version = "2.0.0"})
                          ->start_span("Client.get_things", {.attributes = {{"az.namespace", "Test.Things"}}});
        for (const char* path : {"/echo?n=1", "/status/404", "/echo?n=3"})
            EXPECT_NO_THROW(client.send(HttpRequest("GET", path), {.kwargs = {{"parent_span", parent}}}));
        parent->end();
        ASSERT_TRUE(tracing.provider->force_flush(10s));
        remembered = tracing.memory->get_finished_spans();
        ASSERT_EQ(remembered.size(), 4u);
        const std::vector<RecordedRequest> posted = requests_to(collector, "/echo");
        ASSERT_EQ(posted.size(), 1u);
        EXPECT_EQ(posted[0].body, tracing::sdk::to_otlp_json(remembered, tracing.otlp->resource()));
        EXPECT_EQ(tracing.batch_processor->stats(), (BatchSpanProcessorStats{.exported = 4}));
    }
    // The exporter's own request made no span and carried no traceparent.
    EXPECT_EQ(header_of(collector.requests().at(0), "traceparent"), std::nullopt);
    const boost::json::value body = boost::json::parse(collector.requests().at(0).body);
    const auto& scopes = body.at("resourceSpans").at(0).at("scopeSpans").as_array();
    ASSERT_EQ(scopes.size(), 2u);  // azcore's HTTP spans, then the client's
    EXPECT_EQ(scopes.at(0).at("spans").as_array().size(), 3u);
    EXPECT_EQ(scopes.at(1).at("scope").at("name"), "azure-test");
    for (const auto& span : scopes.at(0).at("spans").as_array())
        EXPECT_EQ(span.at("parentSpanId"), boost::json::value(remembered[3].context.span_id.to_hex()));
}

TEST_P(OtlpTracingTest, ASlowCollectorNeverBlocksTheCallerTheQueueStaysBoundedAndDropsAreCounted) {
    TestServer service;
    TestServer collector;
    TracingToCollector tracing({.endpoint = collector.base_url() + "/hold", .timeout = 60s},
                               {.max_queue_size = 50, .schedule_delay = 1h, .max_export_batch_size = 10});
    DualClient client(service.base_url(), GetParam());
    for (int i = 0; i < 10; ++i) client.send(HttpRequest("GET", "/echo"));
    // The first batch of 10 is posted and held by the collector: the exporter's thread waits on it.
    ASSERT_TRUE(collector.wait_until([&] { return collector.held_now() == 1; }, 10s));
    for (int i = 0; i < 190; ++i) client.send(HttpRequest("GET", "/echo"));
    // Every call returned while the export hung: 50 spans wait, the other 140 were dropped.
    EXPECT_EQ(tracing.batch_processor->stats(), (BatchSpanProcessorStats{.exported = 0, .export_failed = 0, .dropped = 140, .queued = 50}));
    EXPECT_EQ(tracing.memory->get_finished_spans().size(), 200u);
    collector.release_held();
    ASSERT_TRUE(tracing.provider->force_flush(30s));
    EXPECT_EQ(tracing.batch_processor->stats(), (BatchSpanProcessorStats{.exported = 60, .export_failed = 0, .dropped = 140, .queued = 0}));
    EXPECT_EQ(requests_to(collector, "/hold").size(), 6u);
}

TEST_P(OtlpTracingTest, ACollectorAnswering503OrDownLosesOnlyTheSpansOfTheFailedBatchesAndTheCallsGoOn) {
    TestServer service;
    TestServer collector;
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    {
        TracingToCollector tracing({.endpoint = collector.base_url() + "/flaky?key=busy&fail=1000&status=503&header=Retry-After:0",
                                    .max_retries = 1},
                                   {.max_queue_size = 20, .schedule_delay = 1h, .max_export_batch_size = 5});
        DualClient client(service.base_url(), GetParam());
        for (int i = 0; i < 12; ++i) EXPECT_EQ(client.send(HttpRequest("GET", "/echo")).status_code, 200);
        ASSERT_TRUE(tracing.provider->force_flush(30s));
        EXPECT_EQ(tracing.batch_processor->stats(), (BatchSpanProcessorStats{.exported = 0, .export_failed = 12, .dropped = 0, .queued = 0}));
        EXPECT_EQ(collector.flaky_count("busy"), 6u);  // three batches (5, 5, 2), each tried twice
    }
    EXPECT_EQ(log.messages().size(), 3u);
    std::string endpoint;
    {
        TestServer gone;
        endpoint = gone.base_url() + "/v1/traces";
    }
    TracingToCollector tracing({.endpoint = endpoint, .max_retries = 0},
                               {.max_queue_size = 20, .schedule_delay = 1h, .max_export_batch_size = 5});
    DualClient client(service.base_url(), GetParam());
    for (int i = 0; i < 7; ++i) EXPECT_EQ(client.send(HttpRequest("GET", "/echo")).status_code, 200);
    ASSERT_TRUE(tracing.provider->force_flush(30s));
    EXPECT_EQ(tracing.batch_processor->stats(), (BatchSpanProcessorStats{.exported = 0, .export_failed = 7, .dropped = 0, .queued = 0}));
}

// The README's example ("Exporting to a collector"), with the test server as the collector.
TEST(OtlpReadmeExampleTest, ExportsTheCallsSpansToTheCollectorAtShutdown) {
    TestServer service;
    TestServer collector;
    namespace sdk = azcore::tracing::sdk;
    auto exporter = std::make_shared<sdk::OtlpHttpSpanExporter>(sdk::OtlpHttpSpanExporterOptions{
        .endpoint = collector.base_url() + "/echo",
        .resource = azcore::tracing::Attributes{{"service.name", "inventory"}}});
    auto batches = std::make_shared<sdk::BatchSpanProcessor>(exporter);
    auto provider = sdk::TracerProvider::create({.processors = {batches}});
    azcore::tracing::set_tracer_provider(provider);
    azcore::settings.tracing_enabled.set_value(true);
    DualClient(service.base_url(), RunMode::Sync).send(HttpRequest("GET", "/echo"));
    provider->shutdown();
    settings.tracing_enabled.unset_value();
    tracing::set_tracer_provider(nullptr);
    EXPECT_EQ(batches->stats(), (BatchSpanProcessorStats{.exported = 1}));
    const std::vector<RecordedRequest> posted = collector.requests();
    ASSERT_EQ(posted.size(), 1u);
    const boost::json::value body = boost::json::parse(posted[0].body);
    EXPECT_EQ(body.at("resourceSpans").at(0).at("resource").at("attributes").at(0),
              boost::json::parse(R"({"key": "service.name", "value": {"stringValue": "inventory"}})"));
    EXPECT_EQ(body.at("resourceSpans").at(0).at("scopeSpans").at(0).at("spans").at(0).at("name"), "GET");
}

INSTANTIATE_TEST_SUITE_P(BothModes, OtlpTracingTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::test
