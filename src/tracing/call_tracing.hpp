#pragma once
// What DistributedTracingPolicy and distributed_trace decide alike for a call: whether it is
// traced, its spans' attributes, and how a span records the exception that ends it.
#include <azcore/tracing/abstract_span.hpp>
#include <azcore/tracing/tracing_options.hpp>

#include <exception>
#include <optional>

namespace azcore::tracing::detail {

/// The call's `tracing_options.enabled`, else settings.tracing_enabled.
bool call_is_traced(const std::optional<TracingOptions>& options);

/// The call's `tracing_attributes` (instead of the configured ones), updated with its
/// `tracing_options.attributes`.
Attributes call_attributes(const std::optional<Attributes>& call, const Attributes& configured,
                           const std::optional<TracingOptions>& options);

/// error.type (the exception's C++ type), an exception event, and status ERROR "Type: message".
void record_failure(AbstractSpan& span, std::exception_ptr error);

}  // namespace azcore::tracing::detail
