// to_otlp_json (OTLP's JSON encoding) and how OtlpHttpSpanExporter takes its settings from the
// options and the OpenTelemetry environment variables.
#include <azcore/tracing/sdk/otlp_http_span_exporter.hpp>

#include "support/log_capture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <limits>

namespace azcore::tracing::sdk {
namespace {

using namespace std::chrono_literals;
using test::LogCapture;
using test::ScopedEnv;

std::chrono::system_clock::time_point at_nanos(std::int64_t nanos) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(nanos)));
}

SpanData client_span() {
    SpanData span;
    span.name = "GET";
    span.kind = SpanKind::CLIENT;
    span.context = {.trace_id = *TraceId::from_hex("0af7651916cd43dd8448eb211c80319c"),
                    .span_id = *SpanId::from_hex("b7ad6b7169203331"),
                    .trace_flags = 1,
                    .trace_state = *TraceState::from_header("vendor=x")};
    span.parent = {.trace_id = span.context.trace_id, .span_id = *SpanId::from_hex("00f067aa0ba902b7"), .trace_flags = 1,
                   .is_remote = true};
    span.start_time = at_nanos(1700000000123456000);
    span.end_time = at_nanos(1700000000223456000);
    span.attributes = {{"http.request.method", "GET"},
                       {"http.response.status_code", std::int64_t(503)},
                       {"ratio", 0.5},
                       {"retried", true},
                       {"sizes", std::vector<std::int64_t>{1, 2}},
                       {"nan", std::numeric_limits<double>::quiet_NaN()}};
    span.events.push_back({"exception", at_nanos(1700000000200000000), {{"exception.type", "std::runtime_error"}}});
    span.links.push_back({.context = {.trace_id = *TraceId::from_hex("11111111111111111111111111111111"),
                                      .span_id = *SpanId::from_hex("2222222222222222"),
                                      .trace_flags = 1,
                                      .is_remote = true},
                          .attributes = {{"link.kind", "batch"}}});
    span.status = StatusCode::ERROR;
    span.status_description = "HTTP 503";
    span.scope = {.library_name = "azcore", .library_version = "1.0.0", .schema_url = "https://opentelemetry.io/schemas/1.23.1"};
    return span;
}

TEST(OtlpJsonTest, ASpanIsEncodedAsOtlpJson) {
    SpanData root;
    root.name = "Client.method";
    root.kind = SpanKind::INTERNAL;
    root.context = {.trace_id = *TraceId::from_hex("0af7651916cd43dd8448eb211c80319c"),
                    .span_id = *SpanId::from_hex("00f067aa0ba902b7"),
                    .trace_flags = 1};
    root.start_time = at_nanos(1700000000000000000);
    root.end_time = at_nanos(1700000001000000000);
    root.scope = {.library_name = "azure-test", .library_version = "", .schema_url = ""};
    const std::vector<SpanData> spans{client_span(), root};
    const boost::json::value encoded = boost::json::parse(to_otlp_json(spans, {{"service.name", "svc"}}));
    const boost::json::value expected = boost::json::parse(R"({"resourceSpans": [{
      "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "svc"}}]},
      "scopeSpans": [
        {"scope": {"name": "azcore", "version": "1.0.0", "attributes": []},
         "spans": [{
           "traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "traceState": "vendor=x",
           "parentSpanId": "00f067aa0ba902b7", "flags": 769, "name": "GET", "kind": 3,
           "startTimeUnixNano": "1700000000123456000", "endTimeUnixNano": "1700000000223456000",
           "attributes": [
             {"key": "http.request.method", "value": {"stringValue": "GET"}},
             {"key": "http.response.status_code", "value": {"intValue": "503"}},
             {"key": "ratio", "value": {"doubleValue": 0.5}},
             {"key": "retried", "value": {"boolValue": true}},
             {"key": "sizes", "value": {"arrayValue": {"values": [{"intValue": "1"}, {"intValue": "2"}]}}},
             {"key": "nan", "value": {"doubleValue": "NaN"}}],
           "events": [{"timeUnixNano": "1700000000200000000", "name": "exception",
                       "attributes": [{"key": "exception.type", "value": {"stringValue": "std::runtime_error"}}]}],
           "links": [{"traceId": "11111111111111111111111111111111", "spanId": "2222222222222222",
                      "attributes": [{"key": "link.kind", "value": {"stringValue": "batch"}}], "flags": 769}],
           "status": {"code": 2, "message": "HTTP 503"}}],
         "schemaUrl": "https://opentelemetry.io/schemas/1.23.1"},
        {"scope": {"name": "azure-test", "attributes": []},
         "spans": [{
           "traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "00f067aa0ba902b7", "flags": 257,
           "name": "Client.method", "kind": 1,
           "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000001000000000",
           "attributes": [], "events": [], "links": [], "status": {"code": 0}}]}]}]})");
    EXPECT_EQ(encoded, expected) << boost::json::serialize(encoded);
}

TEST(OtlpJsonTest, SpansOfOneScopeShareOneScopeSpansEntry) {
    const std::vector<SpanData> spans{client_span(), client_span()};
    const boost::json::value encoded = boost::json::parse(to_otlp_json(spans, {}));
    const auto& scope_spans = encoded.at("resourceSpans").at(0).at("scopeSpans").as_array();
    ASSERT_EQ(scope_spans.size(), 1u);
    EXPECT_EQ(scope_spans.at(0).at("spans").as_array().size(), 2u);
}

/// Every OTEL_ variable the exporter reads, unset for the test.
struct CleanOtelEnvironment {
    ScopedEnv endpoint{"OTEL_EXPORTER_OTLP_ENDPOINT", std::nullopt};
    ScopedEnv traces_endpoint{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", std::nullopt};
    ScopedEnv headers{"OTEL_EXPORTER_OTLP_HEADERS", std::nullopt};
    ScopedEnv traces_headers{"OTEL_EXPORTER_OTLP_TRACES_HEADERS", std::nullopt};
    ScopedEnv timeout{"OTEL_EXPORTER_OTLP_TIMEOUT", std::nullopt};
    ScopedEnv traces_timeout{"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", std::nullopt};
    ScopedEnv service{"OTEL_SERVICE_NAME", std::nullopt};
    ScopedEnv resource{"OTEL_RESOURCE_ATTRIBUTES", std::nullopt};
};

std::string sdk_version() { return std::string(library_version()); }

TEST(OtlpHttpSpanExporterSettingsTest, TheDefaults) {
    CleanOtelEnvironment clean;
    const OtlpHttpSpanExporter exporter;
    EXPECT_EQ(exporter.endpoint(), "http://localhost:4318/v1/traces");
    EXPECT_EQ(exporter.timeout(), 10s);
    EXPECT_TRUE(exporter.header_names().empty());
    EXPECT_EQ(exporter.resource(), (Attributes{{"service.name", "unknown_service"},
                                               {"telemetry.sdk.name", "azcore"},
                                               {"telemetry.sdk.language", "cpp"},
                                               {"telemetry.sdk.version", sdk_version()}}));
}

TEST(OtlpHttpSpanExporterSettingsTest, TheEnvironmentSignalSpecificVariablesFirst) {
    CleanOtelEnvironment clean;
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
    ScopedEnv headers("OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret%3D1, x-tenant = t1 ,broken,=novalue");
    ScopedEnv timeout("OTEL_EXPORTER_OTLP_TIMEOUT", "2500");
    ScopedEnv resource("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes,deployment.environment=test%20env");
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    {
        const OtlpHttpSpanExporter exporter;
        EXPECT_EQ(exporter.endpoint(), "http://collector:4318/v1/traces");
        EXPECT_EQ(exporter.header_names(), (std::vector<std::string>{"api-key", "x-tenant"}));
        EXPECT_EQ(exporter.timeout(), 2500ms);
        EXPECT_EQ(exporter.resource(), (Attributes{{"service.name", "from-attributes"},
                                                   {"deployment.environment", "test env"},
                                                   {"telemetry.sdk.name", "azcore"},
                                                   {"telemetry.sdk.language", "cpp"},
                                                   {"telemetry.sdk.version", sdk_version()}}));
        // The entries' values (which may be keys) are never in the warnings.
        EXPECT_EQ(log.messages(), (std::vector<std::string>{
                                      "OTEL_EXPORTER_OTLP_HEADERS: entry 3 is not key=value; it is skipped",
                                      "OTEL_EXPORTER_OTLP_HEADERS: entry 4 is not key=value; it is skipped"}));
    }
    ScopedEnv base_with_path("OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector/otlp/");
    EXPECT_EQ(OtlpHttpSpanExporter().endpoint(), "https://collector/otlp/v1/traces");
    ScopedEnv traces_endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:9999/custom");
    ScopedEnv traces_headers("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "only=this");
    ScopedEnv traces_timeout("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "750");
    ScopedEnv service("OTEL_SERVICE_NAME", "my-service");
    const OtlpHttpSpanExporter exporter;
    EXPECT_EQ(exporter.endpoint(), "http://traces:9999/custom");
    EXPECT_EQ(exporter.header_names(), std::vector<std::string>{"only"});
    EXPECT_EQ(exporter.timeout(), 750ms);
    EXPECT_EQ(*exporter.resource().find("service.name"), AttributeValue(std::string("my-service")));
}

TEST(OtlpHttpSpanExporterSettingsTest, BadEnvironmentValuesWarnAndTheDefaultApplies) {
    CleanOtelEnvironment clean;
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "collector:4318");
    ScopedEnv timeout("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "-5");
    ScopedEnv general_timeout("OTEL_EXPORTER_OTLP_TIMEOUT", "100");
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    const OtlpHttpSpanExporter exporter;
    EXPECT_EQ(exporter.endpoint(), "http://localhost:4318/v1/traces");
    EXPECT_EQ(exporter.timeout(), 10s);
    EXPECT_EQ(log.messages(),
              (std::vector<std::string>{
                  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not an absolute http or https URL; it is ignored",
                  "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT=\"-5\" is not a whole non-negative number; the default is used instead"}));
}

TEST(OtlpHttpSpanExporterSettingsTest, OptionsWinAndBadOnesAreRefused) {
    CleanOtelEnvironment clean;
    ScopedEnv endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://env:1/v1/traces");
    const OtlpHttpSpanExporter exporter({.endpoint = "https://given:4318/v1/traces",
                                         .headers = std::vector<std::pair<std::string, std::string>>{{"k", "v"}},
                                         .timeout = 3s,
                                         .resource = Attributes{{"service.name", "given"}}});
    EXPECT_EQ(exporter.endpoint(), "https://given:4318/v1/traces");
    EXPECT_EQ(exporter.header_names(), std::vector<std::string>{"k"});
    EXPECT_EQ(exporter.timeout(), 3s);
    EXPECT_EQ(exporter.resource().size(), 4u);
    const auto refused = [](OtlpHttpSpanExporterOptions options) {
        try {
            OtlpHttpSpanExporter refused_exporter(std::move(options));
        } catch (const std::invalid_argument& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(refused({.endpoint = "ftp://x/v1/traces"}), "endpoint: 'ftp://x/v1/traces' is not an absolute http or https URL");
    EXPECT_EQ(refused({.endpoint = "/v1/traces"}), "endpoint: '/v1/traces' is not an absolute http or https URL");
    EXPECT_EQ(refused({.endpoint = "http://x", .timeout = -1ms}), "timeout: must not be negative");
    EXPECT_EQ(refused({.endpoint = "http://x", .max_retries = -1}), "max_retries: must not be negative");
}

}  // namespace
}  // namespace azcore::tracing::sdk
