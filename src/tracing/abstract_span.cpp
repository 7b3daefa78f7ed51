#include <azcore/tracing/abstract_span.hpp>

#include <utility>

namespace azcore::tracing {
namespace {

thread_local std::shared_ptr<AbstractSpan> current_span;

}  // namespace

std::optional<Link> Link::from_headers(const utils::CaseInsensitiveDict& headers, Attributes attributes) {
    const std::string* traceparent = headers.find("traceparent");
    if (traceparent == nullptr) return std::nullopt;
    const std::string* tracestate = headers.find("tracestate");
    std::optional<SpanContext> context = parse_traceparent(*traceparent, tracestate ? *tracestate : std::string_view{});
    if (!context) return std::nullopt;
    return Link{std::move(*context), std::move(attributes)};
}

utils::CaseInsensitiveDict AbstractSpan::to_header() const {
    utils::CaseInsensitiveDict headers;
    const SpanContext& own = context();
    if (!own.is_valid()) return headers;
    headers.set("traceparent", to_traceparent(own));
    if (!own.trace_state.empty()) headers.set("tracestate", own.trace_state.to_header());
    return headers;
}

std::shared_ptr<AbstractSpan> get_current_span() { return current_span; }

SpanScope::SpanScope(std::shared_ptr<AbstractSpan> span, bool end_on_exit)
    : span_(std::move(span)), previous_(std::exchange(current_span, span_)), end_on_exit_(end_on_exit) {}

SpanScope::~SpanScope() {
    current_span = std::move(previous_);
    if (end_on_exit_ && span_) span_->end();
}

}  // namespace azcore::tracing
