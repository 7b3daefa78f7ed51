// to_otlp_json: OTLP's JSON encoding of ExportTraceServiceRequest
// (opentelemetry/proto/collector/trace/v1/trace_service.proto; https://opentelemetry.io/docs/specs/otlp/).
#include <azcore/tracing/sdk/otlp_http_span_exporter.hpp>

#include <azcore/serialization/json.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>
#include <string>

namespace azcore::tracing::sdk {
namespace {

namespace json = boost::json;

/// Nanoseconds since the Unix epoch as a decimal string (the JSON form of a fixed64).
std::string unix_nanos(std::chrono::system_clock::time_point time) {
    return std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
}

json::value any_value(double value) {
    // proto3 JSON: the non-finite doubles are strings.
    if (std::isnan(value)) return json::object{{"doubleValue", "NaN"}};
    if (std::isinf(value)) return json::object{{"doubleValue", value > 0 ? "Infinity" : "-Infinity"}};
    return json::object{{"doubleValue", value}};
}
json::value any_value(bool value) { return json::object{{"boolValue", value}}; }
json::value any_value(std::int64_t value) { return json::object{{"intValue", std::to_string(value)}}; }
json::value any_value(const std::string& value) { return json::object{{"stringValue", value}}; }
template <class T>
json::value any_value(const std::vector<T>& values) {
    json::array array;
    array.reserve(values.size());
    for (const auto& value : values) array.push_back(any_value(static_cast<T>(value)));
    return json::object{{"arrayValue", json::object{{"values", std::move(array)}}}};
}

json::array key_values(const Attributes& attributes) {
    json::array array;
    array.reserve(attributes.size());
    for (const auto& [key, value] : attributes)
        array.push_back(json::object{{"key", key}, {"value", std::visit([](const auto& v) { return any_value(v); }, value)}});
    return array;
}

/// OTLP's Span.SpanKind numbers (SPAN_KIND_UNSPECIFIED is 0).
int otlp_kind(SpanKind kind) {
    switch (kind) {
        case SpanKind::UNSPECIFIED: return 0;
        case SpanKind::INTERNAL: return 1;
        case SpanKind::SERVER: return 2;
        case SpanKind::CLIENT: return 3;
        case SpanKind::PRODUCER: return 4;
        case SpanKind::CONSUMER: return 5;
    }
    return 0;
}

/// OTLP's Status.StatusCode numbers.
int otlp_status(StatusCode code) {
    switch (code) {
        case StatusCode::UNSET: return 0;
        case StatusCode::OK: return 1;
        case StatusCode::ERROR: return 2;
    }
    return 0;
}

/// SpanFlags: the W3C trace flags in bits 0-7; bit 8 says bit 9 is known, bit 9 that the
/// parent (or linked) context is remote.
std::uint32_t otlp_flags(const SpanContext& context, bool parent_known, bool parent_remote) {
    std::uint32_t flags = context.trace_flags;
    if (parent_known) flags |= 0x100u | (parent_remote ? 0x200u : 0u);
    return flags;
}

json::object otlp_span(const SpanData& span) {
    json::object out;
    out["traceId"] = span.context.trace_id.to_hex();
    out["spanId"] = span.context.span_id.to_hex();
    if (!span.context.trace_state.entries().empty()) out["traceState"] = span.context.trace_state.to_header();
    if (span.parent.is_valid()) out["parentSpanId"] = span.parent.span_id.to_hex();
    out["flags"] = otlp_flags(span.context, true, span.parent.is_valid() && span.parent.is_remote);
    out["name"] = span.name;
    out["kind"] = otlp_kind(span.kind);
    out["startTimeUnixNano"] = unix_nanos(span.start_time);
    out["endTimeUnixNano"] = unix_nanos(span.end_time);
    out["attributes"] = key_values(span.attributes);
    json::array events;
    for (const SpanEvent& event : span.events)
        events.push_back(json::object{
            {"timeUnixNano", unix_nanos(event.time)}, {"name", event.name}, {"attributes", key_values(event.attributes)}});
    out["events"] = std::move(events);
    json::array links;
    for (const Link& link : span.links) {
        json::object entry{{"traceId", link.context.trace_id.to_hex()}, {"spanId", link.context.span_id.to_hex()}};
        if (!link.context.trace_state.entries().empty()) entry["traceState"] = link.context.trace_state.to_header();
        entry["attributes"] = key_values(link.attributes);
        entry["flags"] = otlp_flags(link.context, true, link.context.is_remote);
        links.push_back(std::move(entry));
    }
    out["links"] = std::move(links);
    json::object status{{"code", otlp_status(span.status)}};
    if (!span.status_description.empty()) status["message"] = span.status_description;
    out["status"] = std::move(status);
    return out;
}

}  // namespace

std::string to_otlp_json(std::span<const SpanData> spans, const Attributes& resource) {
    // ScopeSpans in the order each scope first appears.
    std::vector<const InstrumentationScope*> scopes;
    std::vector<json::array> scope_spans;
    for (const SpanData& span : spans) {
        std::size_t index = 0;
        while (index < scopes.size() && !(*scopes[index] == span.scope)) ++index;
        if (index == scopes.size()) {
            scopes.push_back(&span.scope);
            scope_spans.emplace_back();
        }
        scope_spans[index].push_back(otlp_span(span));
    }
    json::array scope_list;
    for (std::size_t i = 0; i < scopes.size(); ++i) {
        json::object scope{{"name", scopes[i]->library_name}};
        if (!scopes[i]->library_version.empty()) scope["version"] = scopes[i]->library_version;
        scope["attributes"] = key_values(scopes[i]->attributes);
        json::object entry{{"scope", std::move(scope)}, {"spans", std::move(scope_spans[i])}};
        if (!scopes[i]->schema_url.empty()) entry["schemaUrl"] = scopes[i]->schema_url;
        scope_list.push_back(std::move(entry));
    }
    const json::object request{
        {"resourceSpans",
         json::array{json::object{{"resource", json::object{{"attributes", key_values(resource)}}},
                                  {"scopeSpans", std::move(scope_list)}}}}};
    return serialization::serialize_json(request);
}

}  // namespace azcore::tracing::sdk
