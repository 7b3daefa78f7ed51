#pragma once
// The per-call options (Python's **kwargs), one typed key each: the name a caller passes, the C++
// type, the default, the policy or transport that takes it and the one that sets it for a later
// one. azcore's own code reads and writes options only through these keys; callers may still pass
// them by name in Kwargs.
#include <azcore/options/option.hpp>
#include <azcore/tracing/abstract_span.hpp>
#include <azcore/tracing/tracing_options.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace azcore::logging {
class Logger;
}
namespace azcore::pipeline {
struct PipelineRequest;
struct PipelineResponse;
}  // namespace azcore::pipeline
namespace azcore::rest {
class HttpRequest;
}
namespace azcore::transport {
struct ConnectionCert;
}

namespace azcore::options {

/// `headers` takes a CaseInsensitiveDict or a std::map<std::string, std::string>.
template <>
struct OptionValue<utils::CaseInsensitiveDict> {
    /// The stored headers, from either type; nothing for another type.
    static std::optional<utils::CaseInsensitiveDict> from(const std::any& value) {
        if (const auto* dict = std::any_cast<utils::CaseInsensitiveDict>(&value)) return *dict;
        const auto* map = std::any_cast<std::map<std::string, std::string>>(&value);
        if (map == nullptr) return std::nullopt;
        utils::CaseInsensitiveDict headers;
        for (const auto& [name, text] : *map) headers.set(name, text);
        return headers;
    }
    /// The headers as stored in Kwargs.
    static KwValue to(utils::CaseInsensitiveDict value) { return KwValue(std::move(value)); }
};

// ---- taken by the transports (every transport of azcore; standard_transport_options()) ---------

/// true: the response is returned once its headers arrived and the caller reads the body
/// (iter_bytes, read); false: the body has been read. Absent: false. Set by send_request on every
/// call (SendRequestOptions::stream) and by LROBasePolling (false, on status requests). Read by
/// the transports and by NetworkTraceLoggingPolicy ("Body is streamable." instead of the body).
/// ContentDecodePolicy reads it with another default: see stream_for_content_decode.
inline constexpr DefaultedOption<bool> stream{"stream", false, "a bool"};
/// The `stream` option as ContentDecodePolicy reads it: absent counts as true, as in Python's
/// ContentDecodePolicy (`stream=True` unless told), so a response is deserialised only when the
/// call said stream=false. send_request always says; a bare Pipeline::run without `stream` gets
/// its body read by the transport (stream's default) but not deserialised.
inline constexpr DefaultedOption<bool> stream_for_content_decode{"stream", true, "a bool"};
/// Seconds to establish a connection. Absent: ConnectionConfiguration::connection_timeout.
/// RetryPolicy lowers it (or sets it) to what is left of the call's `timeout` before each try.
inline constexpr Option<double> connection_timeout{"connection_timeout", "a number of seconds"};
/// Seconds without a byte, once connected, before the try fails. Absent:
/// ConnectionConfiguration::read_timeout.
inline constexpr Option<double> read_timeout{"read_timeout", "a number of seconds"};
/// When the response must have arrived (its headers; a non-streamed body too). Absent: none. Set
/// by RetryPolicy before each try to the end of the call's `timeout`; an earlier one the caller
/// passed stays.
inline constexpr Option<std::chrono::steady_clock::time_point> deadline{"deadline",
                                                                         "a std::chrono::steady_clock::time_point"};
/// true/false, or the path of a CA bundle. Absent: ConnectionConfiguration::connection_verify.
inline constexpr Option<std::variant<bool, std::string>> connection_verify{"connection_verify",
                                                                            "a bool or the path of a CA bundle"};
/// A client certificate. Absent: ConnectionConfiguration::connection_cert.
inline constexpr Option<transport::ConnectionCert> connection_cert{"connection_cert", "a transport::ConnectionCert"};
/// Proxy URL per "scheme", "scheme://host", "all" or "all://host". Absent:
/// ConnectionConfiguration::proxies. Set by ProxyPolicy (its proxies) when the call passed none.
inline constexpr Option<std::map<std::string, std::string>> proxies{"proxies",
                                                                    "a std::map<std::string, std::string>"};
/// The most bytes a content-encoded body is decoded to (0: no limit). Absent:
/// ConnectionConfiguration::max_decoded_size.
inline constexpr Option<std::int64_t> max_decoded_size{"max_decoded_size", "a number of bytes"};

// ---- taken by RetryPolicy (popped on each run; absent: the RetryPolicyOptions field of the name) --

/// The retry counts and backoff of this call (RetryPolicyOptions' fields of the same names).
///@{
inline constexpr Option<int> retry_total{"retry_total", "an int"};
inline constexpr Option<int> retry_connect{"retry_connect", "an int"};
inline constexpr Option<int> retry_read{"retry_read", "an int"};
inline constexpr Option<int> retry_status{"retry_status", "an int"};
inline constexpr Option<double> retry_backoff_factor{"retry_backoff_factor", "a number"};
inline constexpr Option<double> retry_backoff_max{"retry_backoff_max", "a number of seconds"};
///@}
/// Methods retried after an error or any retryable status. Absent: HEAD, GET, PUT, DELETE,
/// OPTIONS, TRACE.
inline constexpr Option<std::vector<std::string>> retry_on_methods{"retry_on_methods", "a std::vector<std::string>"};
/// Seconds for the whole call, every try and wait included.
inline constexpr Option<double> timeout{"timeout", "a number of seconds"};

// ---- taken by RedirectPolicy (absent: the RedirectPolicyOptions field of the name) --------------

/// Whether this call follows redirects, and how many (RedirectPolicyOptions' fields of the same names).
///@{
inline constexpr Option<bool> permit_redirects{"permit_redirects", "a bool"};
inline constexpr Option<int> redirect_max{"redirect_max", "an int"};
///@}
/// Set (true) by RedirectPolicy when a redirect left the original domain; read (never popped) by
/// SensitiveHeaderCleanupPolicy, which then removes the credentials' headers, and by the credential
/// policies (BearerToken, AzureKey, AzureSas), which then add none. Absent: false. Not a caller's
/// option: no policy lists it, so a pipeline refuses it from a caller.
inline constexpr DefaultedOption<bool> insecure_domain_change{"insecure_domain_change", false, "a bool"};

// ---- taken by the other standard policies ----------------------------------------------------

/// BearerTokenCredentialPolicy: false allows a token on a non-https URL. Absent: true. Popped, and
/// an explicit false kept in the context for every try.
inline constexpr DefaultedOption<bool> enforce_https{"enforce_https", true, "a bool"};
/// HeadersPolicy: headers set over the policy's and the request's (a CaseInsensitiveDict or a
/// std::map<std::string, std::string>). Absent: none.
inline constexpr Option<utils::CaseInsensitiveDict> headers{
    "headers", "a CaseInsensitiveDict or a std::map<std::string, std::string>"};
/// RequestIdPolicy: the x-ms-client-request-id of this call (a std::string), or std::nullopt for
/// no header at all. Absent: the policy's request_id, else a new one unless auto_request_id is off.
inline constexpr Option<std::optional<std::string>> request_id{"request_id",
                                                               "a std::string or std::optional<std::string>"};
/// UserAgentPolicy: a User-Agent for this call, put before the policy's. Absent: the policy's.
inline constexpr Option<std::string> user_agent{"user_agent", "a std::string"};
/// UserAgentPolicy: true sends `user_agent` alone. Absent: UserAgentPolicyOptions::user_agent_overwrite.
inline constexpr Option<bool> user_agent_overwrite{"user_agent_overwrite", "a bool"};
/// CustomHookPolicy: replaces the client's request hook on the first try. Absent: the client's.
inline constexpr Option<std::function<void(pipeline::PipelineRequest&)>> raw_request_hook{
    "raw_request_hook", "a policies::RawRequestHook"};
/// CustomHookPolicy: replaces the client's response hook on every try (kept in the context under
/// its name). Absent: the client's.
inline constexpr Option<std::function<void(pipeline::PipelineResponse&)>> raw_response_hook{
    "raw_response_hook", "a policies::RawResponseHook"};
/// ContentDecodePolicy: the text encoding of the body (kept in the context under its name).
/// Absent: the policy's response_encoding, else the response's charset.
inline constexpr Option<std::string> response_encoding{"response_encoding", "a std::string"};
/// DistributedTracingPolicy (and distributed_trace): turns tracing on or off for this call and adds
/// span attributes. Absent: settings.tracing_enabled. Popped, and kept for every try.
inline constexpr Option<tracing::TracingOptions> tracing_options{"tracing_options", "a tracing::TracingOptions"};
/// DistributedTracingPolicy: the attributes of this call's HTTP spans, instead of the policy's.
/// Popped, and kept for every try.
inline constexpr Option<tracing::Attributes> tracing_attributes{"tracing_attributes", "a tracing::Attributes"};
/// DistributedTracingPolicy: the span this call's HTTP spans are children of (what
/// distributed_trace passes on: a coroutine has no current span of its own). Absent: the span
/// current on this thread, if any. Popped, and kept for every try.
inline constexpr Option<std::shared_ptr<tracing::AbstractSpan>> parent_span{"parent_span",
                                                                            "a std::shared_ptr<tracing::AbstractSpan>"};
/// distributed_trace: true opens no span of the method's own unless parent_span is given (the
/// method's calls then belong to the caller's span). Popped. Absent: false.
inline constexpr Option<bool> merge_span{"merge_span", "a bool"};
/// DistributedTracingPolicy: names this call's HTTP spans. Absent: the policy's namer (the method).
/// Popped, and kept for every try.
inline constexpr Option<std::function<std::string(const rest::HttpRequest&)>> network_span_namer{
    "network_span_namer", "a std::function<std::string(const rest::HttpRequest&)>"};
/// NetworkTraceLoggingPolicy: logs this call's requests and responses (kept in the context under
/// its name for every try). Absent: NetworkTraceLoggingPolicyOptions::logging_enable.
inline constexpr Option<bool> logging_enable{"logging_enable", "a bool"};
/// HttpLoggingPolicy: the logger of this call (kept in the context under its name). Absent or
/// null: the policy's logger.
inline constexpr Option<logging::Logger*> logger{"logger", "a logging::Logger*"};
/// HttpLoggingPolicy: the level of this call's request and response records (kept in the context
/// under its name). Absent: the policy's http_logging_level.
inline constexpr Option<int> http_logging_level{"http_logging_level", "an int (a logging level)"};

}  // namespace azcore::options
