#pragma once
// Tracer and TracerProvider: the plug-in point of a tracing implementation (Python 1.33's
// `azure.core.instrumentation.get_tracer` and its tracer). azcore's own SDK implements them
// (azcore::tracing::sdk); an OpenTelemetry C++ adapter implements the same three interfaces.
#include <azcore/tracing/abstract_span.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::tracing {

/// This library's version ("0.1.0").
std::string_view library_version();

/// Who produces the spans (OpenTelemetry's instrumentation scope); Python's get_tracer arguments.
struct InstrumentationScope {
    /// The instrumented library's name (a client library's package name).
    std::string library_name = "azcore";
    /// Its version.
    std::string library_version = std::string(tracing::library_version());
    /// The OpenTelemetry schema the attribute names follow.
    std::string schema_url = "https://opentelemetry.io/schemas/1.23.1";
    /// Attributes of the scope itself.
    Attributes attributes{};
    /// Equal when every field is.
    friend bool operator==(const InstrumentationScope&, const InstrumentationScope&) = default;
};

/// How a span starts (Python's `start_span` keyword arguments).
struct SpanOptions {
    /// The span's kind.
    SpanKind kind = SpanKind::INTERNAL;
    /// Attributes set at the start (a sampler may read them).
    Attributes attributes{};
    /// Links to other spans' contexts.
    std::vector<Link> links{};
    /// The start time; unset: now.
    std::optional<std::chrono::system_clock::time_point> start_time{};
    /// The parent's context (local or remote); without one, the span current on this thread, if any.
    std::optional<SpanContext> parent{};
};

/// Starts spans for one instrumentation scope.
class Tracer {
public:
    virtual ~Tracer() = default;
    /// A started span; never nullptr (a span that records nothing when not sampled).
    virtual std::shared_ptr<AbstractSpan> start_span(std::string_view name, SpanOptions options = {}) = 0;
};

/// Gives the tracers of a tracing implementation.
class TracerProvider {
public:
    virtual ~TracerProvider() = default;
    /// A tracer whose spans carry scope.
    virtual std::shared_ptr<Tracer> get_tracer(const InstrumentationScope& scope) = 0;
};

/// Makes provider the process's tracing implementation (nullptr: none), as an application
/// configures OpenTelemetry's global provider. Whether anything is traced is still
/// settings.tracing_enabled's (or the call's `tracing_options`). Thread-safe.
void set_tracer_provider(std::shared_ptr<TracerProvider> provider);
/// Registers provider as the tracing implementation named name (lower-cased), which
/// settings.tracing_implementation (AZURE_SDK_TRACING_IMPLEMENTATION) can then select; nullptr
/// removes the name. Thread-safe.
void register_tracer_provider(std::string_view name, std::shared_ptr<TracerProvider> provider);
/// The provider in force: the one registered under settings.tracing_implementation's name when it
/// names one, else the one set last with set_tracer_provider, or nullptr.
std::shared_ptr<TracerProvider> get_tracer_provider();
/// A tracer of the process's provider for scope, or nullptr when none is set (Python 1.33's
/// `azure.core.instrumentation.get_tracer`).
std::shared_ptr<Tracer> get_tracer(const InstrumentationScope& scope = {});

}  // namespace azcore::tracing
