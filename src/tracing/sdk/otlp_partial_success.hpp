#pragma once
// What a collector's answer to an accepted export says about rejected spans
// (ExportTraceServiceResponse.partialSuccess, OTLP/HTTP JSON). The body is the collector's: read
// with Boost.JSON, every field checked, the message bounded and without control characters, so
// that a hostile collector can neither flood nor forge the log. Its rows are in
// tests/unit/tracing/otlp_partial_success_test.cpp, its fuzz target tests/fuzz/otlp_partial_success_fuzz.cpp.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::tracing::sdk::detail {

/// The longest errorMessage quoted, in bytes (cut at a character boundary, "…" appended).
inline constexpr std::size_t partial_success_message_limit = 1024;

/// "the OTLP receiver rejected R of N spans: M" when body is a JSON object whose partialSuccess
/// object has a rejectedSpans other than 0 (a JSON integer, or a decimal string as protobuf's JSON
/// mapping writes an int64) or a non-empty errorMessage string; nothing for any other body. N is
/// exported; a rejectedSpans of another type counts as absent (0). M has each control character
/// written as \n, \r, \t or \xHH.
std::optional<std::string> partial_success_warning(std::string_view body, std::size_t exported);

}  // namespace azcore::tracing::sdk::detail
