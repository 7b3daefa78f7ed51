#pragma once
// SpanContext: the W3C Trace Context identity of a span (trace id, span id, flags, tracestate),
// and its `traceparent` header form.
#include <azcore/tracing/trace_state.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::tracing {

/// Fixed-size id written as 2N lowercase hex digits; all zero means "no id" (invalid).
template <std::size_t N>
class HexId {
public:
    /// The all-zero id (not valid).
    HexId() = default;
    /// The id of these bytes.
    explicit HexId(const std::array<std::uint8_t, N>& bytes) : bytes_(bytes) {}
    /// Exactly 2N lowercase hex digits (W3C: uppercase is not allowed); nullopt otherwise. An
    /// all-zero id parses (and is_valid() says false).
    static std::optional<HexId> from_hex(std::string_view hex);
    /// A new random, valid id.
    static HexId random();

    /// Whether any byte is non-zero.
    bool is_valid() const;
    /// The 2N lowercase hex digits.
    std::string to_hex() const;
    /// The id's bytes.
    const std::array<std::uint8_t, N>& bytes() const { return bytes_; }
    /// Equal when the bytes are.
    friend bool operator==(const HexId&, const HexId&) = default;

private:
    std::array<std::uint8_t, N> bytes_{};
};

extern template class HexId<16>;
extern template class HexId<8>;

/// A 16-byte W3C trace id.
using TraceId = HexId<16>;
/// An 8-byte W3C span (parent) id.
using SpanId = HexId<8>;

/// The identity a span carries and propagates (OpenTelemetry's SpanContext).
struct SpanContext {
    /// The bit of trace_flags that says the trace is sampled.
    static constexpr std::uint8_t sampled_flag = 0x01;

    /// The trace the span belongs to.
    TraceId trace_id;
    /// The span's own id.
    SpanId span_id;
    /// The W3C trace flags (sampled_flag).
    std::uint8_t trace_flags = 0;
    /// The vendor entries of the `tracestate` header.
    TraceState trace_state{};
    /// Received from another process (parsed from headers) rather than made here.
    bool is_remote = false;

    /// Both ids valid.
    bool is_valid() const { return trace_id.is_valid() && span_id.is_valid(); }
    /// Whether the sampled flag is set.
    bool is_sampled() const { return (trace_flags & sampled_flag) != 0; }
    /// Equal when every field is.
    friend bool operator==(const SpanContext&, const SpanContext&) = default;
};

/// The `traceparent` header value: "00-" trace id "-" span id "-" flags.
/// std::invalid_argument when the context is not valid.
std::string to_traceparent(const SpanContext& context);

/// A remote SpanContext from `traceparent` (and `tracestate`) header values, by the W3C Trace
/// Context rules: version 00 is exactly 55 characters; a later version (not "ff") may carry more
/// after a "-"; ids in lowercase hex and not all zero. nullopt when traceparent is not valid; an
/// invalid tracestate is dropped (the context keeps an empty one).
std::optional<SpanContext> parse_traceparent(std::string_view traceparent, std::string_view tracestate = {});

}  // namespace azcore::tracing
