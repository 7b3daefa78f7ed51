#pragma once
// NetworkTraceLoggingPolicy: a DEBUG trace of each request and response, bodies included, secrets redacted.
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/utils/case_insensitive_set.hpp>

#include <span>
#include <string_view>

namespace azcore::policies {

/// Python's keyword arguments of `NetworkTraceLoggingPolicy`.
struct NetworkTraceLoggingPolicyOptions {
    /// Trace every call (a call can still turn it on or off with the `logging_enable` option).
    bool logging_enable = false;
};

/// Python's `NetworkTraceLoggingPolicy`: when enabled for the call (ctor `logging_enable`, or the
/// per-call option `logging_enable`) and the logger LOGGER_NAME is enabled for DEBUG, logs one
/// DEBUG record per request:
///
///     Request URL: '<url>'
///     Request method: 'PUT'
///     Request headers:
///         'name': 'value'
///     Request body:
///     <body text>                      (or "File upload" for a stream, "This request has no body")
///
/// and one per response: "Response status: '200'", "Response headers:", the headers,
/// "Response content:", then the body text, or "File attachments: <name>" (Content-Disposition
/// attachment), "Body contains binary data." (…octet-stream), "Body contains image data." (image/…),
/// "Body is streamable." (a `stream` call).
///
/// Deliberate difference from Python, which prints every header and the URL as they are: header
/// values and query values are redacted exactly as HttpLoggingPolicy does, with the same allow-lists
/// (so `Authorization`, key headers and SAS `sig` never reach a log), and a password in the URL is
/// redacted too. Bodies are logged as they are, as in Python: don't enable the trace for calls whose
/// bodies carry secrets. A per-call `logging_enable` also holds for the retries of that call (Python
/// falls back to the constructor's value after the first try).
class NetworkTraceLoggingPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// Python's logger: the module name of `_universal.py`.
    static constexpr std::string_view LOGGER_NAME = "azure.core.pipeline.policies._universal";

    /// A policy tracing every call when options.logging_enable, else only calls that ask for it.
    explicit NetworkTraceLoggingPolicy(NetworkTraceLoggingPolicyOptions options = {});

    /// Python's `enable_http_logger`: the default of `logging_enable`. Change at set-up time.
    bool enable_http_logger;
    /// Header names whose values are logged; starts as HttpLoggingPolicy::DEFAULT_HEADERS_ALLOWLIST.
    CaseInsensitiveSet allowed_header_names;
    /// Query keys whose values are logged; starts as HttpLoggingPolicy::DEFAULT_QUERY_PARAMS_ALLOWLIST.
    CaseInsensitiveSet allowed_query_params;

    void on_request(pipeline::PipelineRequest& request) const override;
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override;
    std::span<const std::string_view> option_names() const override;
};

}  // namespace azcore::policies
