#include <azcore/tracing/sdk/span_processor.hpp>

#include <stdexcept>

namespace azcore::tracing::sdk {

SimpleSpanProcessor::SimpleSpanProcessor(std::shared_ptr<SpanExporter> exporter) : exporter_(std::move(exporter)) {
    if (!exporter_) throw std::invalid_argument("exporter: SimpleSpanProcessor needs an exporter");
}

void SimpleSpanProcessor::on_end(const SpanData& span) {
    std::lock_guard lock(mutex_);
    if (shut_down_) return;
    exporter_->export_spans(std::span<const SpanData>(&span, 1));
}

bool SimpleSpanProcessor::force_flush(std::chrono::milliseconds timeout) {
    std::lock_guard lock(mutex_);
    return shut_down_ || exporter_->force_flush(timeout);
}

void SimpleSpanProcessor::shutdown() {
    std::lock_guard lock(mutex_);
    if (std::exchange(shut_down_, true)) return;
    exporter_->shutdown();
}

}  // namespace azcore::tracing::sdk
