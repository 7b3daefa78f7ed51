#pragma once
// OtlpHttpSpanExporter: sends spans to an OpenTelemetry collector with OTLP over HTTP, JSON
// encoding (POST {endpoint} with an ExportTraceServiceRequest), through an azcore pipeline of its own.
#include <azcore/tracing/sdk/span_processor.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace azcore::transport {
class HttpTransport;
}
namespace azcore::pipeline {
class Pipeline;
}

namespace azcore::tracing::sdk {

/// The ExportTraceServiceRequest for the spans, OTLP's JSON encoding: one resource with these
/// attributes, the spans grouped by instrumentation scope, ids as lowercase hex, times as decimal
/// nanoseconds since the Unix epoch (strings), kinds and status codes as their enum numbers.
std::string to_otlp_json(std::span<const SpanData> spans, const Attributes& resource);

/// OtlpHttpSpanExporter's settings. Each one left empty comes from the OpenTelemetry environment
/// variables (the signal-specific one first), else the default.
struct OtlpHttpSpanExporterOptions {
    /// The URL spans are posted to, used as given. Else OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given,
    /// else OTEL_EXPORTER_OTLP_ENDPOINT with "v1/traces" appended as a path, else
    /// "http://localhost:4318/v1/traces". Must be an absolute http or https URL.
    std::optional<std::string> endpoint{};
    /// Headers sent with every export (an API key, say). Else OTEL_EXPORTER_OTLP_TRACES_HEADERS or
    /// OTEL_EXPORTER_OTLP_HEADERS ("key=value,key2=value2", values percent-decoded). Never logged.
    std::optional<std::vector<std::pair<std::string, std::string>>> headers{};
    /// The most one export may take, retries included. Else OTEL_EXPORTER_OTLP_TRACES_TIMEOUT or
    /// OTEL_EXPORTER_OTLP_TIMEOUT (milliseconds), else 10 s.
    std::optional<std::chrono::milliseconds> timeout{};
    /// The resource's attributes. Else service.name from OTEL_SERVICE_NAME, or from
    /// OTEL_RESOURCE_ATTRIBUTES with its other entries, or "unknown_service". Either way,
    /// telemetry.sdk.name "azcore", telemetry.sdk.language "cpp" and telemetry.sdk.version are added
    /// where not given.
    std::optional<Attributes> resource{};
    /// Retries of one export after a connection error, 429, 502, 503 or 504 (Retry-After honoured
    /// within the timeout).
    int max_retries = 3;
    /// The transport; nullptr: a BeastTransport of the exporter's own.
    std::shared_ptr<transport::HttpTransport> transport{};
};

/// Posts each batch as one OTLP/HTTP JSON request, on the calling thread (give it to a
/// BatchSpanProcessor to keep callers off the network). Its pipeline has a RetryPolicy and no
/// tracing or logging policy: its own requests are never traced, and its headers never logged.
/// A failed export is logged as a warning on "azcore.tracing.sdk" and its spans are dropped.
/// Thread-safe.
class OtlpHttpSpanExporter final : public SpanExporter {
public:
    /// std::invalid_argument for an endpoint that is not an absolute http(s) URL, a negative
    /// timeout or max_retries.
    explicit OtlpHttpSpanExporter(OtlpHttpSpanExporterOptions options = {});
    ~OtlpHttpSpanExporter() override;

    bool export_spans(std::span<const SpanData> spans) override;
    void shutdown() override;

    /// The settings in force.
    ///@{
    const std::string& endpoint() const { return endpoint_; }
    std::chrono::milliseconds timeout() const { return timeout_; }
    const Attributes& resource() const { return resource_; }
    ///@}
    /// The header names sent with every export (not their values).
    std::vector<std::string> header_names() const;

private:
    std::string endpoint_;
    std::vector<std::pair<std::string, std::string>> headers_;
    std::chrono::milliseconds timeout_;
    Attributes resource_;
    std::string endpoint_for_messages_;  // without user info or a SAS signature
    std::unique_ptr<pipeline::Pipeline> pipeline_;
    std::atomic<bool> shut_down_{false};
};

}  // namespace azcore::tracing::sdk
