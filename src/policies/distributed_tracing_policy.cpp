#include <azcore/policies/distributed_tracing_policy.hpp>

#include <azcore/logging/logger.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "options/given.hpp"
#include "policies/log_redaction.hpp"
#include "tracing/call_tracing.hpp"

#include <boost/url/parse.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 4> tracing_option_names{options::tracing_options.name(), options::tracing_attributes.name(),
                                                               options::parent_span.name(), options::network_span_namer.name()};

// A call's tracing options, popped on its first try and kept in the context for the others.
struct CallTracing {
    std::optional<tracing::TracingOptions> tracing_options;
    std::optional<tracing::Attributes> tracing_attributes;
    std::shared_ptr<tracing::AbstractSpan> parent_span;
    std::function<std::string(const rest::HttpRequest&)> network_span_namer;
};
constexpr std::string_view call_key = "tracing_call";

const CallTracing& call_tracing(pipeline::PipelineContext& context) {
    static const CallTracing none;
    if (const CallTracing* kept = context.get<CallTracing>(call_key)) return *kept;
    if (!options::detail::any_given(context.options, tracing_option_names)) return none;
    CallTracing call;
    call.tracing_options = options::tracing_options.pop(context.options);
    call.tracing_attributes = options::tracing_attributes.pop(context.options);
    if (auto parent = options::parent_span.pop(context.options)) call.parent_span = std::move(*parent);
    if (auto namer = options::network_span_namer.pop(context.options)) call.network_span_namer = std::move(*namer);
    if (!call.tracing_options && !call.tracing_attributes && !call.parent_span && !call.network_span_namer) return none;
    context.set(std::string(call_key), std::move(call));
    return *context.get<CallTracing>(call_key);
}

const logging::Logger& tracing_logger() {
    static const logging::Logger& logger = logging::get_logger(DistributedTracingPolicy::LOGGER_NAME);
    return logger;
}

// The OpenTelemetry HTTP client attributes known before the request goes out.
void add_request_attributes(tracing::Attributes& attributes, const rest::HttpRequest& request,
                            const CaseInsensitiveSet& allowed_query_params) {
    attributes.set("http.request.method", request.method);
    attributes.set("url.full", detail::redact_url(request.url, allowed_query_params));
    if (const auto url = boost::urls::parse_uri(request.url)) {
        if (url->has_authority() && !url->host_address().empty()) attributes.set("server.address", std::string(url->host_address()));
        if (url->has_port()) attributes.set("server.port", url->port_number());
    }
    if (const std::string* agent = request.headers.find("User-Agent"); agent != nullptr && !agent->empty())
        attributes.set("user_agent.original", *agent);
}

// What the transport measured of the try (the curl transports; nothing else measures): the HTTP
// version, the connection's reuse, the phases known so far in seconds from the start of the try
// and, once the body was read, the byte counts. Names: OpenTelemetry's where it has one.
void add_transfer_attributes(tracing::AbstractSpan& span, const rest::HttpResponseBase& response) {
    const rest::TransferTimings& timings = response.timings();
    if (!timings.connection_reused) return;
    span.add_attribute("network.protocol.version", response.http_version());
    span.add_attribute("azcore.transfer.connection_reused", *timings.connection_reused);
    const auto seconds = [&span](std::string_view key, const std::optional<rest::TransferTimings::Duration>& point) {
        if (point) span.add_attribute(key, std::chrono::duration<double>(*point).count());
    };
    seconds("azcore.transfer.name_lookup", timings.name_lookup);
    seconds("azcore.transfer.connect", timings.connect);
    seconds("azcore.transfer.tls_handshake", timings.tls_handshake);
    seconds("azcore.transfer.pretransfer", timings.pretransfer);
    seconds("azcore.transfer.first_byte", timings.first_byte);
    seconds("azcore.transfer.total", timings.total);
    const auto bytes = [&span](std::string_view key, const std::optional<std::uint64_t>& count) {
        if (count) span.add_attribute(key, static_cast<std::int64_t>(*count));
    };
    bytes("http.request.body.size", timings.request_body_size);
    bytes("azcore.transfer.response_header_size", timings.response_header_size);
    bytes("http.response.body.size", timings.response_body_size);
}

}  // namespace

DistributedTracingPolicy::DistributedTracingPolicy(DistributedTracingPolicyOptions options)
    : scope_(std::move(options.instrumentation_config)),
      allowed_query_params_{"api-version"},
      namer_(std::move(options.network_span_namer)),
      attributes_(std::move(options.tracing_attributes)) {
    allowed_query_params_.insert(options.additional_allowed_query_params.begin(), options.additional_allowed_query_params.end());
}

std::span<const std::string_view> DistributedTracingPolicy::option_names() const { return tracing_option_names; }

void DistributedTracingPolicy::on_request(pipeline::PipelineRequest& request) const {
    pipeline::PipelineContext& context = *request.context;
    const CallTracing& call = call_tracing(context);
    if (!tracing::detail::call_is_traced(call.tracing_options)) return;
    try {
        const std::shared_ptr<tracing::Tracer> tracer = tracing::get_tracer(scope_);
        if (!tracer) {
            tracing_logger().warning(
                "Tracing is enabled, but no tracer provider is set: see azcore::tracing::set_tracer_provider.");
            return;
        }
        rest::HttpRequest& http_request = *request.http_request;
        const auto& namer = call.network_span_namer ? call.network_span_namer : namer_;
        const std::string name = namer ? namer(http_request) : http_request.method;
        tracing::SpanOptions span_options{
            .kind = tracing::SpanKind::CLIENT,
            .attributes = tracing::detail::call_attributes(call.tracing_attributes, attributes_, call.tracing_options)};
        add_request_attributes(span_options.attributes, http_request, allowed_query_params_);
        if (call.parent_span) span_options.parent = call.parent_span->context();
        std::shared_ptr<tracing::AbstractSpan> span = tracer->start_span(name, std::move(span_options));
        for (const auto& [header, value] : span->to_header()) http_request.headers.set(header, value);
        context.set(std::string(TRACING_CONTEXT), std::move(span));
    } catch (const std::exception&) {
        tracing_logger().warning("Unable to start network span.");
    }
}

void DistributedTracingPolicy::on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const {
    end_span(request, &response, nullptr);
}

void DistributedTracingPolicy::on_exception(pipeline::PipelineRequest& request) const {
    end_span(request, nullptr, std::current_exception());
}

void DistributedTracingPolicy::end_span(pipeline::PipelineRequest& request, const pipeline::PipelineResponse* response,
                                        std::exception_ptr error) const {
    pipeline::PipelineContext& context = *request.context;
    auto* kept = context.get<std::shared_ptr<tracing::AbstractSpan>>(TRACING_CONTEXT);
    if (kept == nullptr) return;
    const std::shared_ptr<tracing::AbstractSpan> span = std::move(*kept);
    context.erase(TRACING_CONTEXT);
    if (!span) return;
    if (const int* retries = context.get<int>("retry_count"); retries != nullptr && *retries > 0)
        span->add_attribute("http.request.resend_count", *retries);
    if (const std::string* id = request.http_request->headers.find("x-ms-client-request-id"); id != nullptr && !id->empty())
        span->add_attribute("az.client_request_id", *id);
    if (response != nullptr) {
        const rest::HttpResponseBase& http_response = *response->http_response;
        span->add_attribute("http.response.status_code", http_response.status_code());
        if (const std::string* id = http_response.headers().find("x-ms-request-id"); id != nullptr && !id->empty())
            span->add_attribute("az.service_request_id", *id);
        if (http_response.status_code() >= 400) span->add_attribute("error.type", std::to_string(http_response.status_code()));
        add_transfer_attributes(*span, http_response);
    }
    if (error) tracing::detail::record_failure(*span, error);
    span->end();
}

}  // namespace azcore::policies
