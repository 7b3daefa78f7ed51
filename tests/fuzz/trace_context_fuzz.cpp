// W3C Trace Context headers as a peer sends them. The first line is a traceparent, the rest a
// tracestate. A traceparent that parses has valid ids, and written back (version 00) it parses to
// the same context; a version-00 header is written back exactly. A tracestate that parses has at
// most 32 valid, distinct entries and reads back the same from its own header; an invalid one is
// dropped, never half kept.
#include "fuzz_support.hpp"

#include <azcore/tracing/span_context.hpp>

#include <set>
#include <string>

namespace {

using azcore::tracing::SpanContext;
using azcore::tracing::TraceState;

void check_tracestate(std::string_view header) {
    const std::optional<TraceState> state = TraceState::from_header(header);
    if (!state) return;
    AZCORE_FUZZ_CHECK(state->entries().size() <= TraceState::max_entries);
    std::set<std::string> keys;
    for (const auto& [key, value] : state->entries()) {
        AZCORE_FUZZ_CHECK(TraceState::is_valid_key(key) && TraceState::is_valid_value(value));
        AZCORE_FUZZ_CHECK(keys.insert(key).second);
    }
    AZCORE_FUZZ_CHECK(TraceState::from_header(state->to_header()) == state);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = azcore::fuzz::as_text(data, size);
    const std::size_t newline = text.find('\n');
    const std::string_view traceparent = text.substr(0, newline);
    const std::string_view tracestate = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    check_tracestate(tracestate);
    const std::optional<SpanContext> context = azcore::tracing::parse_traceparent(traceparent, tracestate);
    if (!context) return 0;
    AZCORE_FUZZ_CHECK(context->is_valid() && context->is_remote);
    AZCORE_FUZZ_CHECK(context->trace_state == TraceState::from_header(tracestate).value_or(TraceState()));
    const std::string written = azcore::tracing::to_traceparent(*context);
    AZCORE_FUZZ_CHECK(written.size() == 55);
    std::string_view trimmed = traceparent;  // parsing drops the spaces and tabs around it
    while (trimmed.front() == ' ' || trimmed.front() == '\t') trimmed.remove_prefix(1);
    while (trimmed.back() == ' ' || trimmed.back() == '\t') trimmed.remove_suffix(1);
    if (trimmed.starts_with("00-")) AZCORE_FUZZ_CHECK(written == trimmed);
    const std::optional<SpanContext> again = azcore::tracing::parse_traceparent(written, context->trace_state.to_header());
    AZCORE_FUZZ_CHECK(again && *again == *context);
    return 0;
}
