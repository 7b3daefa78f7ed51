#pragma once
// SpanData: what azcore's tracing SDK records of a span, handed to processors and exporters.
#include <azcore/tracing/abstract_span.hpp>
#include <azcore/tracing/tracer.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace azcore::tracing::sdk {

/// A timestamped event on a span (an exception, for one).
struct SpanEvent {
    /// The event's name ("exception").
    std::string name;
    /// When it happened.
    std::chrono::system_clock::time_point time;
    /// Its attributes (exception.type, exception.message...).
    Attributes attributes{};
    /// Equal when every field is.
    friend bool operator==(const SpanEvent&, const SpanEvent&) = default;
};

/// A recorded span: complete once the span has ended.
struct SpanData {
    /// The span's name.
    std::string name;
    /// CLIENT for an HTTP try, INTERNAL for a method span...
    SpanKind kind = SpanKind::INTERNAL;
    /// The span's own trace and span ids.
    SpanContext context;
    /// The parent's context; not valid for a root span.
    SpanContext parent;
    /// When the span started and ended (end_time is unset until then).
    ///@{
    std::chrono::system_clock::time_point start_time;
    std::chrono::system_clock::time_point end_time;
    ///@}
    /// The attributes set on the span.
    Attributes attributes;
    /// Links to other spans' contexts.
    std::vector<Link> links;
    /// The events recorded on it, in order.
    std::vector<SpanEvent> events;
    /// The status: UNSET, or OK / ERROR as set.
    StatusCode status = StatusCode::UNSET;
    /// The description set with an ERROR status.
    std::string status_description;
    /// The library that made the span (the tracer's scope).
    InstrumentationScope scope;
};

}  // namespace azcore::tracing::sdk
