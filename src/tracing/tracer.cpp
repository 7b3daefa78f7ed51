#include <azcore/tracing/tracer.hpp>

namespace azcore::tracing {

std::string_view library_version() { return AZCORE_VERSION; }

}  // namespace azcore::tracing
