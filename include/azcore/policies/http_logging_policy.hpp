#pragma once
// HttpLoggingPolicy: logs each request and response (at INFO unless told), redacting all but allowed headers and query values.
#include <azcore/logging/log_record.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/utils/case_insensitive_set.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::logging {
class Logger;
}

namespace azcore::policies {

/// Python's keyword arguments of `HttpLoggingPolicy`.
struct HttpLoggingPolicyOptions {
    /// The logger to log to; nullptr: logging::get_logger(HttpLoggingPolicy::LOGGER_NAME).
    logging::Logger* logger = nullptr;
    /// The level of the request and response records (logging::DEBUG, ...; any number, as Python).
    int http_logging_level = logging::INFO;
    /// Query parameters whose values are shown, besides DEFAULT_QUERY_PARAMS_ALLOWLIST (api-version).
    std::vector<std::string> additional_allowed_query_params{};
};

/// Python's `HttpLoggingPolicy`. For each try it logs, at http_logging_level (INFO by default) and
/// only when the logger is enabled for that level (otherwise it builds no text at all), one record
/// for the request:
///
///     Request URL: 'https://account.blob.core.windows.net/c/b?api-version=2021-08-06&sig=REDACTED'
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
/// Per-call options: `logger` (a logging::Logger*) and `http_logging_level` (an int), kept in the
/// context so that retries use them too.
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
    /// Python's DEFAULT_QUERY_PARAMS_ALLOWLIST (1.41): the query values every instance shows.
    static constexpr std::array<std::string_view, 1> DEFAULT_QUERY_PARAMS_ALLOWLIST{"api-version"};
    /// What a header or query value not on the allow lists is logged as.
    static constexpr std::string_view REDACTED_PLACEHOLDER = "REDACTED";
    /// The environment variable that, when set and not empty, logs each line as a record of its own.
    static constexpr std::string_view MULTI_RECORD_LOG = "AZURE_SDK_LOGGING_MULTIRECORD";
    /// The default logger's name (Python's module name).
    static constexpr std::string_view LOGGER_NAME = "azure.core.pipeline.policies.http_logging_policy";

    /// A policy logging to options.logger (nullptr: the LOGGER_NAME logger) at options.http_logging_level.
    explicit HttpLoggingPolicy(HttpLoggingPolicyOptions options = {});

    /// The logger used when a call passes none (Python's `self.logger`).
    logging::Logger* logger;
    /// The level of the records when a call passes none (Python's `self.http_logging_level`).
    int http_logging_level;
    /// Header names whose values are logged; starts as DEFAULT_HEADERS_ALLOWLIST. Change at set-up time.
    CaseInsensitiveSet allowed_header_names;
    /// Query keys whose values are logged; starts as DEFAULT_QUERY_PARAMS_ALLOWLIST and the options'
    /// additional_allowed_query_params. Change at set-up time.
    CaseInsensitiveSet allowed_query_params;

    void on_request(pipeline::PipelineRequest& request) const override;
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override;
    std::span<const std::string_view> option_names() const override;
};

}  // namespace azcore::policies
