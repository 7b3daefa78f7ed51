#pragma once
// TracingOn: tracing turned on for a test, with azcore's SDK and an in-memory exporter.
#include <azcore/settings.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/tracing/tracer.hpp>

#include <memory>
#include <vector>

namespace azcore::test {

/// Tracing on for its lifetime: azcore's SDK with an in-memory exporter as the process's provider.
struct TracingOn {
    TracingOn() {
        tracing::set_tracer_provider(provider);
        settings.tracing_enabled.set_value(true);
    }
    ~TracingOn() {
        settings.tracing_enabled.unset_value();
        tracing::set_tracer_provider(nullptr);
    }
    TracingOn(const TracingOn&) = delete;
    TracingOn& operator=(const TracingOn&) = delete;
    /// The spans ended so far, in the order they ended.
    std::vector<tracing::sdk::SpanData> spans() const { return exporter->get_finished_spans(); }

    std::shared_ptr<tracing::sdk::InMemorySpanExporter> exporter = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    std::shared_ptr<tracing::sdk::TracerProvider> provider = tracing::sdk::TracerProvider::create(
        {.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter)}});
};

}  // namespace azcore::test
