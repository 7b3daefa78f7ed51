#pragma once
// BatchSpanProcessor: queues finished spans and exports them in batches on its own thread, so that
// the code ending a span never waits for an exporter (OpenTelemetry's BatchSpanProcessor).
#include <azcore/tracing/sdk/span_processor.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace azcore::tracing::sdk {

/// BatchSpanProcessor's settings. Each one left empty is read from its OpenTelemetry environment
/// variable (a bad value logs a warning on "azcore.tracing.sdk" and is ignored), else its default.
struct BatchSpanProcessorOptions {
    /// Spans waiting for export at most; a span ended when the queue is full is dropped and counted.
    /// OTEL_BSP_MAX_QUEUE_SIZE, 2048.
    std::optional<std::size_t> max_queue_size{};
    /// The longest wait between two exports. OTEL_BSP_SCHEDULE_DELAY (milliseconds), 5000 ms.
    std::optional<std::chrono::milliseconds> schedule_delay{};
    /// Spans per export call at most; a full batch is exported at once. Not more than
    /// max_queue_size. OTEL_BSP_MAX_EXPORT_BATCH_SIZE, 512.
    std::optional<std::size_t> max_export_batch_size{};
    /// How long shutdown() waits for the last exports. OTEL_BSP_EXPORT_TIMEOUT (milliseconds), 30000 ms.
    std::optional<std::chrono::milliseconds> export_timeout{};
};

/// What a BatchSpanProcessor did with the spans it was given.
struct BatchSpanProcessorStats {
    /// Spans handed to the exporter in batches it accepted.
    std::uint64_t exported = 0;
    /// Spans in batches the exporter refused or failed to send.
    std::uint64_t export_failed = 0;
    /// Spans dropped because the queue was full (or ended after shutdown).
    std::uint64_t dropped = 0;
    /// Spans waiting in the queue now.
    std::size_t queued = 0;
    /// Equal when every count is.
    friend bool operator==(const BatchSpanProcessorStats&, const BatchSpanProcessorStats&) = default;
};

/// Exports finished spans in batches from a thread of its own. on_end() only queues (under a
/// short lock) and never waits for the exporter; when the queue is full the span is dropped and
/// counted. A batch is exported when max_export_batch_size spans are waiting, when schedule_delay
/// has passed, or on force_flush(); shutdown() (also run by the destructor) exports what is queued,
/// then shuts the exporter down. Thread-safe.
class BatchSpanProcessor final : public SpanProcessor {
public:
    /// std::invalid_argument for a null exporter or a bad setting (zero sizes, a batch larger than
    /// the queue, a non-positive delay).
    explicit BatchSpanProcessor(std::shared_ptr<SpanExporter> exporter, BatchSpanProcessorOptions options = {});
    ~BatchSpanProcessor() override;
    /// Not copyable: it owns its export thread.
    ///@{
    BatchSpanProcessor(const BatchSpanProcessor&) = delete;
    BatchSpanProcessor& operator=(const BatchSpanProcessor&) = delete;
    ///@}

    void on_end(const SpanData& span) override;
    /// Exports every span queued before the call; false when that did not finish within timeout.
    bool force_flush(std::chrono::milliseconds timeout) override;
    void shutdown() override;

    /// What was exported, failed, dropped and is queued so far.
    BatchSpanProcessorStats stats() const;
    /// The settings in force (the options, the environment and the defaults resolved).
    ///@{
    std::size_t max_queue_size() const { return max_queue_size_; }
    std::chrono::milliseconds schedule_delay() const { return schedule_delay_; }
    std::size_t max_export_batch_size() const { return max_export_batch_size_; }
    std::chrono::milliseconds export_timeout() const { return export_timeout_; }
    ///@}

private:
    void run();

    std::shared_ptr<SpanExporter> exporter_;
    std::size_t max_queue_size_;
    std::chrono::milliseconds schedule_delay_;
    std::size_t max_export_batch_size_;
    std::chrono::milliseconds export_timeout_;

    mutable std::mutex mutex_;
    std::condition_variable wake_worker_;
    std::condition_variable progress_;
    std::deque<SpanData> queue_;
    /// Spans taken from the queue and not yet through the exporter.
    std::size_t exporting_ = 0;
    /// Spans accepted into the queue so far, and those through the exporter (exported or failed):
    /// a flush waits until the second reaches what the first was when it began.
    std::uint64_t accepted_ = 0;
    std::uint64_t done_ = 0;
    std::uint64_t flush_target_ = 0;
    BatchSpanProcessorStats stats_;
    bool stopping_ = false;
    bool shut_down_ = false;
    std::mutex shutdown_mutex_;
    std::thread worker_;
};

}  // namespace azcore::tracing::sdk
