#pragma once
// SpanKind: what a span stands for (Python's azure.core.tracing.SpanKind).
#include <string_view>

namespace azcore::tracing {

/// Python's values; an implementation without UNSPECIFIED treats it as INTERNAL.
enum class SpanKind { UNSPECIFIED = 1, SERVER = 2, CLIENT = 3, PRODUCER = 4, CONSUMER = 5, INTERNAL = 6 };

/// "UNSPECIFIED", "SERVER", "CLIENT", "PRODUCER", "CONSUMER" or "INTERNAL".
std::string_view to_string(SpanKind kind);

}  // namespace azcore::tracing
