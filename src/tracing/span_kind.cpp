#include <azcore/tracing/span_kind.hpp>

namespace azcore::tracing {

std::string_view to_string(SpanKind kind) {
    switch (kind) {
        case SpanKind::UNSPECIFIED: return "UNSPECIFIED";
        case SpanKind::SERVER: return "SERVER";
        case SpanKind::CLIENT: return "CLIENT";
        case SpanKind::PRODUCER: return "PRODUCER";
        case SpanKind::CONSUMER: return "CONSUMER";
        case SpanKind::INTERNAL: return "INTERNAL";
    }
    return "INTERNAL";
}

}  // namespace azcore::tracing
