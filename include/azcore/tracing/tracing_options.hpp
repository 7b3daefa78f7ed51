#pragma once
// TracingOptions: the per-call `tracing_options` (Python 1.33's azure.core.tracing.TracingOptions).
#include <azcore/tracing/attributes.hpp>

#include <optional>

namespace azcore::tracing {

/// Per call: turns tracing on or off whatever the settings say, and adds span attributes.
struct TracingOptions {
    /// Absent: settings.tracing_enabled decides.
    std::optional<bool> enabled{};
    /// Added to the call's spans (they win over tracing_attributes).
    Attributes attributes{};
};

}  // namespace azcore::tracing
