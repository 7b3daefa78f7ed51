#pragma once
// HttpLoggingPolicy: logs each request and response at INFO, redacting all but allowed headers and query values.
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/utils/case_insensitive_set.hpp>

#include <array>
#include <span>
#include <string_view>

namespace azcore::logging {
class Logger;
}

namespace azcore::policies {

/// Python's keyword arguments of `HttpLoggingPolicy`.
struct HttpLoggingPolicyOptions {
    /// The logger to log to; nullptr: logging::get_logger(HttpLoggingPolicy::LOGGER_NAME).
    logging::Logger* logger = nullptr;
};

/// Python's `HttpLoggingPolicy`. For each try it logs, at INFO and only when the logger is enabled
/// for INFO (otherwise it builds no text at all), one record for the request:
///
///     Request URL: 'https://account.blob.core.windows.net/c/b?sv=REDACTED&sig=REDACTED'
///     Request method: 'GET'
///     Request headers:
///         'x-ms-client-request-id': '4d3c…'
///         'Authorization': 'REDACTED'
///     No body was attached to the request        (or "A body is sent with the request", "File upload")
///
/// and one for the response ("Response status: 200", "Response headers:", "    'name': 'value'").
/// Header values are shown only for names in allowed_header_names, query values only for keys in
/// allowed_query_params (both case-insensitive); everything else is REDACTED_PLACEHOLDER. With the
/// environment variable AZURE_SDK_LOGGING_MULTIRECORD set (non-empty), each line is its own record.
/// Per-call option: `logger` (a logging::Logger*), kept in the context so that retries use it too.
class HttpLoggingPolicy : public pipeline::SansIOHTTPPolicy {
public:
    /// Python's DEFAULT_HEADERS_ALLOWLIST (1.32: with x-vss-e2eid and x-msedge-ref).
    static constexpr std::array<std::string_view, 27> DEFAULT_HEADERS_ALLOWLIST{
        "x-ms-request-id",  "x-ms-client-request-id", "x-ms-return-client-request-id",
        "x-ms-error-code",  "traceparent",            "Accept",
        "Cache-Control",    "Connection",             "Content-Length",
        "Content-Type",     "Date",                   "ETag",
        "Expires",          "If-Match",               "If-Modified-Since",
        "If-None-Match",    "If-Unmodified-Since",    "Last-Modified",
        "Pragma",           "Request-Id",             "Retry-After",
        "Server",           "Transfer-Encoding",      "User-Agent",
        "WWW-Authenticate", "x-vss-e2eid",            "x-msedge-ref",
    };
    /// The old name of DEFAULT_HEADERS_ALLOWLIST, kept by Python.
    static constexpr const std::array<std::string_view, 27>& DEFAULT_HEADERS_WHITELIST = DEFAULT_HEADERS_ALLOWLIST;
    static constexpr std::string_view REDACTED_PLACEHOLDER = "REDACTED";
    static constexpr std::string_view MULTI_RECORD_LOG = "AZURE_SDK_LOGGING_MULTIRECORD";
    static constexpr std::string_view LOGGER_NAME = "azure.core.pipeline.policies.http_logging_policy";

    explicit HttpLoggingPolicy(HttpLoggingPolicyOptions options = {});

    /// The logger used when a call passes none (Python's `self.logger`).
    logging::Logger* logger;
    /// Header names whose values are logged; starts as DEFAULT_HEADERS_ALLOWLIST. Change at set-up time.
    CaseInsensitiveSet allowed_header_names;
    /// Query keys whose values are logged; starts empty. Change at set-up time.
    CaseInsensitiveSet allowed_query_params;

    void on_request(pipeline::PipelineRequest& request) const override;
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override;
    std::span<const std::string_view> option_names() const override;
};

}  // namespace azcore::policies
