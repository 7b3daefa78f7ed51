#include <azcore/tracing/span_context.hpp>

#include <algorithm>
#include <random>
#include <stdexcept>

#include <unistd.h>

namespace azcore::tracing {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

int lower_hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/// One generator per thread, seeded again in a forked child (which would otherwise repeat its
/// parent's ids).
std::mt19937_64& generator() {
    thread_local pid_t seeded_in = 0;
    thread_local std::mt19937_64 engine;
    if (const pid_t pid = ::getpid(); pid != seeded_in) {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        engine.seed(seed);
        seeded_in = pid;
    }
    return engine;
}

/// Two lowercase hex digits; -1 when either is not one.
int hex_byte(std::string_view two) {
    const int high = lower_hex_value(two[0]);
    const int low = lower_hex_value(two[1]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

}  // namespace

template <std::size_t N>
std::optional<HexId<N>> HexId<N>::from_hex(std::string_view hex) {
    if (hex.size() != 2 * N) return std::nullopt;
    std::array<std::uint8_t, N> bytes{};
    for (std::size_t i = 0; i < N; ++i) {
        const int value = hex_byte(hex.substr(2 * i, 2));
        if (value < 0) return std::nullopt;
        bytes[i] = static_cast<std::uint8_t>(value);
    }
    return HexId(bytes);
}

template <std::size_t N>
HexId<N> HexId<N>::random() {
    std::array<std::uint8_t, N> bytes{};
    do {
        for (std::size_t i = 0; i < N; i += 8) {
            std::uint64_t bits = generator()();
            for (std::size_t j = i; j < std::min(N, i + 8); ++j, bits >>= 8) bytes[j] = static_cast<std::uint8_t>(bits);
        }
    } while (std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; }));
    return HexId(bytes);
}

template <std::size_t N>
bool HexId<N>::is_valid() const {
    return std::any_of(bytes_.begin(), bytes_.end(), [](std::uint8_t b) { return b != 0; });
}

template <std::size_t N>
std::string HexId<N>::to_hex() const {
    std::string out(2 * N, '0');
    for (std::size_t i = 0; i < N; ++i) {
        out[2 * i] = hex_digits[bytes_[i] >> 4];
        out[2 * i + 1] = hex_digits[bytes_[i] & 0x0f];
    }
    return out;
}

template class HexId<16>;
template class HexId<8>;

std::string to_traceparent(const SpanContext& context) {
    if (!context.is_valid()) throw std::invalid_argument("traceparent: the span context has no valid trace id and span id");
    std::string out = "00-";
    out.append(context.trace_id.to_hex()).append("-").append(context.span_id.to_hex()).append("-");
    out += hex_digits[context.trace_flags >> 4];
    out += hex_digits[context.trace_flags & 0x0f];
    return out;
}

std::optional<SpanContext> parse_traceparent(std::string_view traceparent, std::string_view tracestate) {
    // version "-" trace-id "-" parent-id "-" trace-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55.
    constexpr std::size_t length = 55;
    while (!traceparent.empty() && (traceparent.front() == ' ' || traceparent.front() == '\t')) traceparent.remove_prefix(1);
    while (!traceparent.empty() && (traceparent.back() == ' ' || traceparent.back() == '\t')) traceparent.remove_suffix(1);
    if (traceparent.size() < length) return std::nullopt;
    const int version = hex_byte(traceparent.substr(0, 2));
    if (version < 0 || version == 0xff) return std::nullopt;
    if (version == 0 ? traceparent.size() != length : traceparent.size() > length && traceparent[length] != '-')
        return std::nullopt;
    if (traceparent[2] != '-' || traceparent[35] != '-' || traceparent[52] != '-') return std::nullopt;
    const std::optional<TraceId> trace_id = TraceId::from_hex(traceparent.substr(3, 32));
    const std::optional<SpanId> span_id = SpanId::from_hex(traceparent.substr(36, 16));
    const int flags = hex_byte(traceparent.substr(53, 2));
    if (!trace_id || !span_id || flags < 0 || !trace_id->is_valid() || !span_id->is_valid()) return std::nullopt;
    SpanContext context;
    context.trace_id = *trace_id;
    context.span_id = *span_id;
    context.trace_flags = static_cast<std::uint8_t>(flags);
    context.trace_state = TraceState::from_header(tracestate).value_or(TraceState());
    context.is_remote = true;
    return context;
}

}  // namespace azcore::tracing
