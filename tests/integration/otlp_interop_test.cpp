// OtlpHttpSpanExporter against OpenTelemetry's own OTLP definitions: traced calls of both faces
// are exported to the OTLP receiver peer (tests/peers/otel/otlp_receiver.js, which decodes with
// @opentelemetry/otlp-transformer's protobuf root), and every decoded span equals the span the
// in-memory exporter recorded: ids, parent, kind, times, attributes, events, status, scope and
// resource. Also the receiver's 503 and slow modes, as OpenTelemetry's collector would answer.
#include <azcore/configuration.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/settings.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/tracing/sdk/batch_span_processor.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/otlp_http_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>

#include "support/dual_client.hpp"
#include "support/otel_peers.hpp"
#include "support/run_mode.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <map>

namespace azcore::test {
namespace {

using namespace std::chrono_literals;
using rest::HttpRequest;
using testserver::TestServer;
using tracing::AttributeValue;
using tracing::sdk::BatchSpanProcessor;
using tracing::sdk::BatchSpanProcessorStats;
using tracing::sdk::SpanData;

namespace json = boost::json;

std::string unix_nanos(std::chrono::system_clock::time_point time) {
    return std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
}

/// An attribute value in OTLP's JSON AnyValue form, as the receiver renders what it decoded.
json::value any_value(const AttributeValue& value) {
    return std::visit(
        [](const auto& v) -> json::value {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) return json::object{{"boolValue", v}};
            else if constexpr (std::is_same_v<T, std::int64_t>) return json::object{{"intValue", std::to_string(v)}};
            else if constexpr (std::is_same_v<T, double>) return json::object{{"doubleValue", v}};
            else if constexpr (std::is_same_v<T, std::string>) return json::object{{"stringValue", v}};
            else {
                json::array values;
                for (const auto& item : v) values.push_back(any_value(AttributeValue(typename T::value_type(item))));
                return json::object{{"arrayValue", json::object{{"values", std::move(values)}}}};
            }
        },
        value);
}

json::object attributes_of(const tracing::Attributes& attributes) {
    json::object out;
    for (const auto& [key, value] : attributes) out[key] = any_value(value);
    return out;
}

int otlp_kind(tracing::SpanKind kind) {
    switch (kind) {
        case tracing::SpanKind::INTERNAL: return 1;
        case tracing::SpanKind::SERVER: return 2;
        case tracing::SpanKind::CLIENT: return 3;
        case tracing::SpanKind::PRODUCER: return 4;
        case tracing::SpanKind::CONSUMER: return 5;
        case tracing::SpanKind::UNSPECIFIED: return 0;
    }
    return -1;
}

/// What the receiver should have decoded for a span the in-memory exporter recorded, written from
/// the SpanData alone (not through azcore's encoder).
json::object expected_decoded(const SpanData& span, const tracing::Attributes& resource) {
    json::array events;
    for (const auto& event : span.events)
        events.push_back(json::object{{"name", event.name}, {"timeUnixNano", unix_nanos(event.time)}, {"attributes", attributes_of(event.attributes)}});
    const int status = span.status == tracing::StatusCode::ERROR ? 2 : span.status == tracing::StatusCode::OK ? 1 : 0;
    return json::object{
        {"traceId", span.context.trace_id.to_hex()},
        {"spanId", span.context.span_id.to_hex()},
        {"parentSpanId", span.parent.is_valid() ? span.parent.span_id.to_hex() : ""},
        {"traceState", span.context.trace_state.to_header()},
        {"flags", 0x100 | span.context.trace_flags},
        {"name", span.name},
        {"kind", otlp_kind(span.kind)},
        {"startTimeUnixNano", unix_nanos(span.start_time)},
        {"endTimeUnixNano", unix_nanos(span.end_time)},
        {"attributes", attributes_of(span.attributes)},
        {"droppedAttributesCount", 0},
        {"events", std::move(events)},
        {"links", json::array{}},
        {"status", json::object{{"code", status}, {"message", span.status_description}}},
        {"resource", json::object{{"attributes", attributes_of(resource)}, {"droppedAttributesCount", 0}, {"schemaUrl", ""}}},
        {"scope", json::object{{"name", span.scope.library_name},
                               {"version", span.scope.library_version},
                               {"attributes", attributes_of(span.scope.attributes)},
                               {"schemaUrl", span.scope.schema_url}}}};
}

class OtlpInteropTest : public ::testing::TestWithParam<RunMode> {
protected:
    void SetUp() override {
        if (auto why = otel_peers_missing()) GTEST_SKIP() << *why;
        receiver_ = &OtlpReceiver::shared();
        receiver_->reset();
    }
    /// Tracing on, recording in memory and exporting in batches to the receiver.
    void trace_to_receiver(tracing::sdk::OtlpHttpSpanExporterOptions exporter_options = {}) {
        exporter_options.endpoint = receiver_->traces_url();
        if (!exporter_options.resource) exporter_options.resource = tracing::Attributes{{"service.name", "azcore-interop"}};
        otlp_ = std::make_shared<tracing::sdk::OtlpHttpSpanExporter>(std::move(exporter_options));
        batches_ = std::make_shared<BatchSpanProcessor>(
            otlp_, tracing::sdk::BatchSpanProcessorOptions{.max_queue_size = 64, .schedule_delay = 1h, .max_export_batch_size = 4});
        provider_ = tracing::sdk::TracerProvider::create(
            {.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(memory_), batches_}});
        tracing::set_tracer_provider(provider_);
        settings.tracing_enabled.set_value(true);
    }
    void TearDown() override {
        settings.tracing_enabled.unset_value();
        tracing::set_tracer_provider(nullptr);
        if (provider_) provider_->shutdown();
    }

    OtlpReceiver* receiver_ = nullptr;
    std::shared_ptr<tracing::sdk::InMemorySpanExporter> memory_ = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    std::shared_ptr<tracing::sdk::OtlpHttpSpanExporter> otlp_;
    std::shared_ptr<BatchSpanProcessor> batches_;
    std::shared_ptr<tracing::sdk::TracerProvider> provider_;
};

TEST_P(OtlpInteropTest, EverySpanDecodedByOpenTelemetrysDefinitionsEqualsTheRecordedOne) {
    trace_to_receiver();
    TestServer service;
    {
        DualClient client(service.base_url(), GetParam(), transport::ConnectionConfiguration{},
                          DualClientSetup{.config = Configuration{.retry_policy = std::make_shared<policies::RetryPolicy>(
                                                                      policies::RetryPolicyOptions{.retry_backoff_factor = 0})}});
        auto operation = provider_->get_tracer({.library_name = "azure-interop", .library_version = "3.1.4",
                                                .attributes = {{"az.namespace", "Microsoft.Interop"}}})
                             ->start_span("InteropClient.get_thing", {.attributes = {{"ratio", 0.25}, {"flags", std::vector<bool>{true, false}}}});
        client.send(HttpRequest("GET", std::string("/flaky?key=interop-") + (GetParam() == RunMode::Sync ? "sync" : "async") + "&fail=1&status=503"),
                    {.kwargs = {{"parent_span", operation}}});
        client.send(HttpRequest("PUT", "/echo?sig=secret", {.content = std::string("body")}), {.kwargs = {{"parent_span", operation}}});
        operation->set_status(tracing::StatusCode::ERROR, "the thing was odd");
        operation->record_exception(std::make_exception_ptr(std::runtime_error("odd thing")));
        operation->end();
    }
    ASSERT_TRUE(provider_->force_flush(30s));
    const std::vector<SpanData> recorded = memory_->get_finished_spans();
    ASSERT_EQ(recorded.size(), 4u);  // the 503 try, its retry, the PUT, the operation
    EXPECT_EQ(batches_->stats(), (BatchSpanProcessorStats{.exported = 4}));
    const json::array decoded = receiver_->received();
    ASSERT_EQ(decoded.size(), recorded.size());
    for (std::size_t i = 0; i < recorded.size(); ++i) {
        SCOPED_TRACE(recorded[i].name + " #" + std::to_string(i));
        EXPECT_EQ(decoded[i], json::value(expected_decoded(recorded[i], otlp_->resource())));
    }
    // The tree as OpenTelemetry reads it: three HTTP spans under the operation, one trace.
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(decoded[i].at("parentSpanId"), decoded[3].at("spanId"));
        EXPECT_EQ(decoded[i].at("traceId"), decoded[3].at("traceId"));
    }
    EXPECT_EQ(receiver_->stats().at("accepted"), 1);
}

TEST_P(OtlpInteropTest, TheReceiversRefusalsAreRetriedOrCountedAndTheCallsNeverWait) {
    trace_to_receiver({.max_retries = 1});
    receiver_->set_mode({{"status", 503}, {"times", 1}, {"retry_after", "0"}});
    TestServer service;
    DualClient client(service.base_url(), GetParam());
    for (int i = 0; i < 4; ++i) client.send(HttpRequest("GET", "/echo"));  // one full batch: 503, then accepted
    ASSERT_TRUE(provider_->force_flush(30s));
    EXPECT_EQ(batches_->stats(), (BatchSpanProcessorStats{.exported = 4}));
    EXPECT_EQ(receiver_->stats().at("refused"), 1);
    EXPECT_EQ(receiver_->received().size(), 4u);

    receiver_->set_mode({{"status", 503}, {"retry_after", "0"}});  // every export refused: both tries
    for (int i = 0; i < 4; ++i) client.send(HttpRequest("GET", "/echo"));
    ASSERT_TRUE(provider_->force_flush(30s));
    EXPECT_EQ(batches_->stats(), (BatchSpanProcessorStats{.exported = 4, .export_failed = 4}));
    EXPECT_EQ(receiver_->stats().at("refused"), 3);
    receiver_->set_mode({{"status", 200}});
}

INSTANTIATE_TEST_SUITE_P(BothModes, OtlpInteropTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::test
