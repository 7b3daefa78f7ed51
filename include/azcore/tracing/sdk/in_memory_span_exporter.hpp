#pragma once
// InMemorySpanExporter: keeps the exported spans (for tests, and for printing a span tree).
#include <azcore/tracing/sdk/span_processor.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace azcore::tracing::sdk {

/// Holds every span exported to it, in the order they ended. Thread-safe.
class InMemorySpanExporter final : public SpanExporter {
public:
    bool export_spans(std::span<const SpanData> spans) override;
    void shutdown() override;
    /// A copy of the spans so far.
    std::vector<SpanData> get_finished_spans() const;
    /// Forgets the spans so far.
    void clear();

private:
    mutable std::mutex mutex_;
    std::vector<SpanData> spans_;
    bool shut_down_ = false;
};

/// The spans as an indented tree, children under their parent in start order:
/// "name (KIND, 12.3 ms) key=value ..." per line, and "[ERROR: description]" for a failed span.
/// Spans whose parent is not among them are roots.
std::string format_span_tree(const std::vector<SpanData>& spans);

}  // namespace azcore::tracing::sdk
