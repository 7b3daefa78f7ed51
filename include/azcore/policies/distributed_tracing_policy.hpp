#pragma once
// DistributedTracingPolicy: one CLIENT span per try, and its W3C context on the wire (Python's
// azure.core.pipeline.policies.DistributedTracingPolicy, native OpenTelemetry path).
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/tracing/tracer.hpp>
#include <azcore/utils/case_insensitive_set.hpp>

#include <functional>
#include <string>
#include <vector>

namespace azcore::policies {

/// DistributedTracingPolicy's keyword arguments, with Python's names.
struct DistributedTracingPolicyOptions {
    /// The scope its tracer is asked for (Python's instrumentation_config).
    tracing::InstrumentationScope instrumentation_config{};
    /// Query parameters whose values url.full shows (api-version always).
    std::vector<std::string> additional_allowed_query_params{};
    /// Names a try's span. Empty: the request's method ("GET"), as Python 1.33 and later.
    std::function<std::string(const rest::HttpRequest&)> network_span_namer{};
    /// Attributes of every span it starts.
    tracing::Attributes tracing_attributes{};
};

/// When tracing is on for the call (its `tracing_options.enabled`, else settings.tracing_enabled)
/// and a tracer provider is set, each try gets a CLIENT span, child of the call's `parent_span` or
/// of the span current on the thread, with the OpenTelemetry HTTP client attributes:
/// http.request.method, url.full (query values REDACTED but the allowed ones), server.address,
/// server.port (when the URL names one), user_agent.original, http.response.status_code,
/// error.type (the status for 400 and above, or the exception's type), http.request.resend_count
/// (from the second try), az.client_request_id, az.service_request_id. The request carries the
/// span's `traceparent` (and `tracestate`), replacing any it had. An exception ends the span with
/// status ERROR and an exception event. A failure to start a span is logged as a warning and the
/// request goes on untraced.
class DistributedTracingPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// The context key the span of the current try is kept under between on_request and on_response.
    static constexpr std::string_view TRACING_CONTEXT = "TRACING_CONTEXT";
    /// The logger of the policy's warnings (Python's module name).
    static constexpr std::string_view LOGGER_NAME = "azure.core.pipeline.policies._distributed_tracing";

    /// A policy asking the tracer of options.instrumentation_config for each try's span.
    explicit DistributedTracingPolicy(DistributedTracingPolicyOptions options = {});

    void on_request(pipeline::PipelineRequest& request) const override;
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override;
    void on_exception(pipeline::PipelineRequest& request) const override;
    std::span<const std::string_view> option_names() const override;

private:
    void end_span(pipeline::PipelineRequest& request, const pipeline::PipelineResponse* response, std::exception_ptr error) const;

    tracing::InstrumentationScope scope_;
    CaseInsensitiveSet allowed_query_params_;
    std::function<std::string(const rest::HttpRequest&)> namer_;
    tracing::Attributes attributes_;
};

}  // namespace azcore::policies
