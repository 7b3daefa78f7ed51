#pragma once
// SpanProcessor and SpanExporter: where azcore's tracing SDK sends the spans it records
// (OpenTelemetry's SDK interfaces), and SimpleSpanProcessor, which exports each span as it ends.
#include <azcore/tracing/sdk/span_data.hpp>

#include <memory>
#include <mutex>
#include <span>

namespace azcore::tracing::sdk {

/// Sends finished spans somewhere. Called by one processor at a time.
class SpanExporter {
public:
    virtual ~SpanExporter() = default;
    /// Exports a batch; false when it could not (the spans are then dropped).
    virtual bool export_spans(std::span<const SpanData> spans) = 0;
    /// Sends what it still holds; false when it could not within the time.
    virtual bool force_flush(std::chrono::milliseconds timeout) { return (void)timeout, true; }
    /// Releases the exporter; later exports fail.
    virtual void shutdown() {}
};

/// Sees every recorded span start and end. Thread-safe.
class SpanProcessor {
public:
    virtual ~SpanProcessor() = default;
    /// Called when a span starts (its end fields not set yet); does nothing by default.
    virtual void on_start(const SpanData& span) { (void)span; }
    /// Called when a span ends, with everything it recorded.
    virtual void on_end(const SpanData& span) = 0;
    /// Exports the spans ended so far; false when that did not finish within timeout.
    virtual bool force_flush(std::chrono::milliseconds timeout) = 0;
    /// Exports what is left and shuts the exporter down; later spans are dropped. Idempotent.
    virtual void shutdown() = 0;
};

/// Exports each span on the thread that ends it, one at a time (for tests and debugging; a
/// batching processor keeps the caller off the exporter).
class SimpleSpanProcessor final : public SpanProcessor {
public:
    /// A processor exporting each span to exporter.
    explicit SimpleSpanProcessor(std::shared_ptr<SpanExporter> exporter);
    void on_end(const SpanData& span) override;
    bool force_flush(std::chrono::milliseconds timeout) override;
    void shutdown() override;

private:
    std::mutex mutex_;
    std::shared_ptr<SpanExporter> exporter_;
    bool shut_down_ = false;
};

}  // namespace azcore::tracing::sdk
