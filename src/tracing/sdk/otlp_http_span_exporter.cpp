#include <azcore/tracing/sdk/otlp_http_span_exporter.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/logging/logger.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/beast_transport.hpp>

#include "tracing/exception_description.hpp"
#include "utils/redact_url.hpp"
#include "tracing/sdk/otel_environment.hpp"
#include "tracing/sdk/otlp_partial_success.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <stdexcept>

namespace azcore::tracing::sdk {
namespace {

constexpr std::string_view default_endpoint = "http://localhost:4318/v1/traces";

/// The URL if it is an absolute http(s) URL with a host; nullopt otherwise.
std::optional<std::string> checked_endpoint(std::string_view url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || !parsed->has_authority() || parsed->host().empty()) return std::nullopt;
    const std::string_view scheme = parsed->scheme();
    if (scheme != "http" && scheme != "https") return std::nullopt;
    return std::string(url);
}

std::string resolve_endpoint(const std::optional<std::string>& given) {
    if (given) {
        if (auto endpoint = checked_endpoint(*given)) return *endpoint;
        throw std::invalid_argument("endpoint: '" + *given + "' is not an absolute http or https URL");
    }
    const auto& logger = logging::get_logger(detail::sdk_logger_name);
    if (auto traces = detail::env_text("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
        if (auto endpoint = checked_endpoint(*traces)) return *endpoint;
        logger.warning("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not an absolute http or https URL; it is ignored");
    }
    if (auto base = detail::env_text("OTEL_EXPORTER_OTLP_ENDPOINT")) {
        if (auto endpoint = checked_endpoint(*base)) {
            const auto parsed = boost::urls::parse_absolute_uri(*endpoint);
            boost::urls::url url(*parsed);
            std::string path(url.encoded_path());
            if (path.empty() || path.back() != '/') path += '/';
            url.set_encoded_path(path + "v1/traces");
            return std::string(url.buffer());
        }
        logger.warning("OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute http or https URL; it is ignored");
    }
    return std::string(default_endpoint);
}

std::vector<std::pair<std::string, std::string>> resolve_headers(
    const std::optional<std::vector<std::pair<std::string, std::string>>>& given) {
    if (given) return *given;
    if (auto traces = detail::env_text("OTEL_EXPORTER_OTLP_TRACES_HEADERS"))
        return detail::parse_key_value_list(*traces, "OTEL_EXPORTER_OTLP_TRACES_HEADERS");
    if (auto all = detail::env_text("OTEL_EXPORTER_OTLP_HEADERS"))
        return detail::parse_key_value_list(*all, "OTEL_EXPORTER_OTLP_HEADERS");
    return {};
}

std::chrono::milliseconds resolve_timeout(const std::optional<std::chrono::milliseconds>& given) {
    if (given) {
        if (given->count() < 0) throw std::invalid_argument("timeout: must not be negative");
        return *given;
    }
    for (const char* variable : {"OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"})
        if (detail::env_text(variable)) {
            if (auto millis = detail::env_unsigned(variable)) return std::chrono::milliseconds(*millis);
            break;  // a bad signal-specific value does not fall through to the general one
        }
    return std::chrono::seconds(10);
}

Attributes resolve_resource(const std::optional<Attributes>& given) {
    Attributes resource;
    if (given) {
        resource = *given;
    } else {
        if (auto text = detail::env_text("OTEL_RESOURCE_ATTRIBUTES"))
            for (auto& [key, value] : detail::parse_key_value_list(*text, "OTEL_RESOURCE_ATTRIBUTES"))
                resource.set(key, std::move(value));
        if (auto service = detail::env_text("OTEL_SERVICE_NAME")) resource.set("service.name", *service);
        if (!resource.contains("service.name")) resource.set("service.name", "unknown_service");
    }
    if (!resource.contains("telemetry.sdk.name")) resource.set("telemetry.sdk.name", "azcore");
    if (!resource.contains("telemetry.sdk.language")) resource.set("telemetry.sdk.language", "cpp");
    if (!resource.contains("telemetry.sdk.version")) resource.set("telemetry.sdk.version", std::string(library_version()));
    return resource;
}

/// The endpoint as log messages show it: no user info, no SAS signature.
std::string for_messages(const std::string& endpoint) {
    boost::urls::url url(*boost::urls::parse_absolute_uri(endpoint));
    url.remove_userinfo();
    return utils::detail::redact_url_for_message(url.buffer());
}

}  // namespace

OtlpHttpSpanExporter::OtlpHttpSpanExporter(OtlpHttpSpanExporterOptions options)
    : endpoint_(resolve_endpoint(options.endpoint)), headers_(resolve_headers(options.headers)),
      timeout_(resolve_timeout(options.timeout)), resource_(resolve_resource(options.resource)),
      endpoint_for_messages_(for_messages(endpoint_)) {
    if (options.max_retries < 0) throw std::invalid_argument("max_retries: must not be negative");
    std::shared_ptr<transport::HttpTransport> transport =
        options.transport ? std::move(options.transport) : std::make_shared<transport::BeastTransport>();
    // A retry policy only: no tracing policy (the exporter's requests must not make spans), no
    // logging policy (its headers may carry keys).
    const double seconds = std::chrono::duration<double>(timeout_).count();
    auto retry = std::make_shared<policies::RetryPolicy>(policies::RetryPolicyOptions{
        .retry_total = options.max_retries, .retry_backoff_factor = 0.5, .retry_backoff_max = 5, .timeout = seconds});
    pipeline_ = std::make_unique<pipeline::Pipeline>(std::move(transport),
                                                     std::vector<std::shared_ptr<pipeline::HTTPPolicy>>{std::move(retry)});
}

OtlpHttpSpanExporter::~OtlpHttpSpanExporter() = default;

std::vector<std::string> OtlpHttpSpanExporter::header_names() const {
    std::vector<std::string> names;
    for (const auto& [name, value] : headers_) names.push_back(name);
    return names;
}

bool OtlpHttpSpanExporter::export_spans(std::span<const SpanData> spans) {
    if (shut_down_.load()) return false;
    if (spans.empty()) return true;
    const auto& logger = logging::get_logger(detail::sdk_logger_name);
    try {
        rest::HttpRequestOptions request_options;
        for (const auto& [name, value] : headers_) request_options.headers.set(name, value);
        request_options.headers.set("Content-Type", "application/json");
        request_options.headers.set("User-Agent", "azcore-otlp-exporter/" + std::string(library_version()));
        request_options.content = to_otlp_json(spans, resource_);
        rest::HttpRequest request("POST", endpoint_, std::move(request_options));
        const double seconds = std::chrono::duration<double>(timeout_).count();
        options::Kwargs call;
        options::connection_timeout.set(call, seconds);
        options::read_timeout.set(call, seconds);
        const pipeline::PipelineResponse response = pipeline_->run(std::move(request), std::move(call));
        const int status = response.http_response->status_code();
        if (status >= 200 && status < 300) {
            const std::string_view body = as_string_view(response.http_response->content());
            if (auto warning = detail::partial_success_warning(body, spans.size())) logger.warning("{}", *warning);
            return true;
        }
        logger.warning("OTLP export of {} spans to {} failed: HTTP {} {}", spans.size(), endpoint_for_messages_, status,
                       response.http_response->reason());
    } catch (...) {
        const tracing::detail::ExceptionDescription error = tracing::detail::describe(std::current_exception());
        logger.warning("OTLP export of {} spans to {} failed: {}: {}", spans.size(), endpoint_for_messages_, error.type, error.message);
    }
    return false;
}

void OtlpHttpSpanExporter::shutdown() {
    if (shut_down_.exchange(true)) return;
    pipeline_->transport()->close();
}

}  // namespace azcore::tracing::sdk
