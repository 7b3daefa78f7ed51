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
    std::string name;
    std::chrono::system_clock::time_point time;
    Attributes attributes{};
    friend bool operator==(const SpanEvent&, const SpanEvent&) = default;
};

/// A recorded span: complete once the span has ended.
struct SpanData {
    std::string name;
    SpanKind kind = SpanKind::INTERNAL;
    SpanContext context;
    /// The parent's context; not valid for a root span.
    SpanContext parent;
    std::chrono::system_clock::time_point start_time;
    std::chrono::system_clock::time_point end_time;
    Attributes attributes;
    std::vector<Link> links;
    std::vector<SpanEvent> events;
    StatusCode status = StatusCode::UNSET;
    std::string status_description;
    InstrumentationScope scope;
};

}  // namespace azcore::tracing::sdk
