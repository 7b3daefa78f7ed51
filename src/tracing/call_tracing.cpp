#include "tracing/call_tracing.hpp"

#include <azcore/settings.hpp>

#include "tracing/exception_description.hpp"

namespace azcore::tracing::detail {

bool call_is_traced(const std::optional<TracingOptions>& options) {
    return options && options->enabled ? *options->enabled : settings.is_tracing_enabled();
}

Attributes call_attributes(const std::optional<Attributes>& call, const Attributes& configured,
                           const std::optional<TracingOptions>& options) {
    Attributes attributes = call.value_or(configured);
    if (options) attributes.update(options->attributes);
    return attributes;
}

void record_failure(AbstractSpan& span, std::exception_ptr error) {
    const ExceptionDescription described = describe(error);
    span.add_attribute("error.type", described.type);
    span.record_exception(error);
    span.set_status(StatusCode::ERROR, described.short_type() + ": " + described.message);
}

}  // namespace azcore::tracing::detail
