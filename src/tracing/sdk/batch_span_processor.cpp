#include <azcore/tracing/sdk/batch_span_processor.hpp>

#include <azcore/logging/logger.hpp>

#include "tracing/exception_description.hpp"
#include "tracing/sdk/otel_environment.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace azcore::tracing::sdk {
namespace {

std::size_t resolve_size(std::optional<std::size_t> given, const char* variable, std::size_t fallback) {
    if (given) return *given;
    if (auto from_env = detail::env_unsigned(variable)) return static_cast<std::size_t>(*from_env);
    return fallback;
}

std::chrono::milliseconds resolve_millis(std::optional<std::chrono::milliseconds> given, const char* variable,
                                         std::chrono::milliseconds fallback) {
    if (given) return *given;
    if (auto from_env = detail::env_unsigned(variable)) return std::chrono::milliseconds(*from_env);
    return fallback;
}

}  // namespace

BatchSpanProcessor::BatchSpanProcessor(std::shared_ptr<SpanExporter> exporter, BatchSpanProcessorOptions options)
    : exporter_(std::move(exporter)),
      max_queue_size_(resolve_size(options.max_queue_size, "OTEL_BSP_MAX_QUEUE_SIZE", 2048)),
      schedule_delay_(resolve_millis(options.schedule_delay, "OTEL_BSP_SCHEDULE_DELAY", std::chrono::milliseconds(5000))),
      max_export_batch_size_(resolve_size(options.max_export_batch_size, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 512)),
      export_timeout_(resolve_millis(options.export_timeout, "OTEL_BSP_EXPORT_TIMEOUT", std::chrono::milliseconds(30000))) {
    if (!exporter_) throw std::invalid_argument("exporter: BatchSpanProcessor needs an exporter");
    if (max_queue_size_ == 0) throw std::invalid_argument("max_queue_size: must be at least 1");
    if (max_export_batch_size_ == 0) throw std::invalid_argument("max_export_batch_size: must be at least 1");
    if (max_export_batch_size_ > max_queue_size_) {
        // OpenTelemetry's SDKs refuse this when given in code; from the environment, the batch is cut to the queue.
        if (options.max_export_batch_size && options.max_queue_size)
            throw std::invalid_argument("max_export_batch_size: " + std::to_string(max_export_batch_size_) +
                                        " is larger than max_queue_size " + std::to_string(max_queue_size_));
        max_export_batch_size_ = max_queue_size_;
    }
    if (schedule_delay_.count() <= 0) throw std::invalid_argument("schedule_delay: must be positive");
    if (export_timeout_.count() < 0) throw std::invalid_argument("export_timeout: must not be negative");
    worker_ = std::thread([this] { run(); });
}

BatchSpanProcessor::~BatchSpanProcessor() { shutdown(); }

void BatchSpanProcessor::on_end(const SpanData& span) {
    SpanData copy = span;  // copied before the lock: the worker and other threads wait less
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_queue_size_) {
        ++stats_.dropped;
        return;
    }
    queue_.push_back(std::move(copy));
    ++accepted_;
    if (queue_.size() == max_export_batch_size_) wake_worker_.notify_one();
}

void BatchSpanProcessor::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto ready = [&] {
            return stopping_ || queue_.size() >= max_export_batch_size_ || (flush_target_ > done_ && !queue_.empty());
        };
        wake_worker_.wait_for(lock, schedule_delay_, ready);
        if (queue_.empty()) {
            if (stopping_) return;
            continue;
        }
        const std::size_t count = std::min(queue_.size(), max_export_batch_size_);
        std::vector<SpanData> batch(std::make_move_iterator(queue_.begin()),
                                    std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(count)));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
        exporting_ = count;
        lock.unlock();
        bool exported = false;
        try {
            exported = exporter_->export_spans(batch);
        } catch (...) {
            const tracing::detail::ExceptionDescription error = tracing::detail::describe(std::current_exception());
            logging::get_logger(detail::sdk_logger_name)
                .warning("the span exporter threw {} exporting {} spans: {}", error.type, count, error.message);
        }
        batch.clear();
        lock.lock();
        exporting_ = 0;
        done_ += count;
        (exported ? stats_.exported : stats_.export_failed) += count;
        progress_.notify_all();
    }
}

bool BatchSpanProcessor::force_flush(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    {
        std::unique_lock lock(mutex_);
        if (stopping_) return true;
        const std::uint64_t target = accepted_;
        flush_target_ = std::max(flush_target_, target);
        wake_worker_.notify_one();
        if (!progress_.wait_until(lock, deadline, [&] { return done_ >= target; })) return false;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return exporter_->force_flush(std::max(left, std::chrono::milliseconds(0)));
}

void BatchSpanProcessor::shutdown() {
    std::lock_guard once(shutdown_mutex_);
    {
        std::unique_lock lock(mutex_);
        if (shut_down_) return;
        stopping_ = true;
        wake_worker_.notify_one();
        if (!progress_.wait_for(lock, export_timeout_, [&] { return done_ >= accepted_; })) {
            // Out of time: what is still queued is dropped; the export under way finishes first.
            stats_.dropped += queue_.size();
            done_ += queue_.size();
            queue_.clear();
        }
        shut_down_ = true;
    }
    worker_.join();
    exporter_->shutdown();
}

BatchSpanProcessorStats BatchSpanProcessor::stats() const {
    std::lock_guard lock(mutex_);
    BatchSpanProcessorStats stats = stats_;
    stats.queued = queue_.size();
    return stats;
}

}  // namespace azcore::tracing::sdk
