// BatchSpanProcessor: batches, the schedule, a bounded queue whose overflow is counted, a caller
// that never waits for the exporter, force_flush and shutdown.
#include <azcore/tracing/sdk/batch_span_processor.hpp>

#include "support/log_capture.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <stdexcept>
#include <thread>

namespace azcore::tracing::sdk {
namespace {

using namespace std::chrono_literals;
using test::LogCapture;
using test::ScopedEnv;

/// Records each batch's span names; can be held (export_spans waits until released), made to
/// fail, or made to throw.
class RecordingExporter final : public SpanExporter {
public:
    bool export_spans(std::span<const SpanData> spans) override {
        std::unique_lock lock(mutex_);
        std::vector<std::string> names;
        for (const SpanData& span : spans) names.push_back(span.name);
        batches_.push_back(std::move(names));
        ++entered_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !held_; });
        if (throws_) throw std::runtime_error("the collector is on fire");
        return succeeds_;
    }
    void shutdown() override {
        std::lock_guard lock(mutex_);
        shut_down_ = true;
    }
    void hold() {
        std::lock_guard lock(mutex_);
        held_ = true;
    }
    void release() {
        std::lock_guard lock(mutex_);
        held_ = false;
        changed_.notify_all();
    }
    void fail(bool throws = false) {
        std::lock_guard lock(mutex_);
        succeeds_ = false;
        throws_ = throws;
    }
    /// Waits (at most 10 s) until export_spans was entered n times in all.
    bool wait_entered(std::size_t n) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, 10s, [&] { return entered_ >= n; });
    }
    std::vector<std::vector<std::string>> batches() const {
        std::lock_guard lock(mutex_);
        return batches_;
    }
    bool shut_down() const {
        std::lock_guard lock(mutex_);
        return shut_down_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::vector<std::string>> batches_;
    std::size_t entered_ = 0;
    bool held_ = false;
    bool succeeds_ = true;
    bool throws_ = false;
    bool shut_down_ = false;
};

SpanData span_named(std::string name) {
    SpanData span;
    span.name = std::move(name);
    return span;
}

std::vector<std::string> names(std::initializer_list<int> numbers) {
    std::vector<std::string> result;
    for (int n : numbers) result.push_back("s" + std::to_string(n));
    return result;
}

TEST(BatchSpanProcessorTest, AFullBatchIsExportedAtOnceAndTheRestWhenFlushed) {
    auto exporter = std::make_shared<RecordingExporter>();
    BatchSpanProcessor processor(exporter, {.max_queue_size = 10, .schedule_delay = 1h, .max_export_batch_size = 3});
    for (int i = 1; i <= 7; ++i) processor.on_end(span_named("s" + std::to_string(i)));
    ASSERT_TRUE(exporter->wait_entered(2));  // two full batches, without waiting an hour
    EXPECT_TRUE(processor.force_flush(10s));
    EXPECT_EQ(exporter->batches(), (std::vector<std::vector<std::string>>{names({1, 2, 3}), names({4, 5, 6}), names({7})}));
    EXPECT_EQ(processor.stats(), (BatchSpanProcessorStats{.exported = 7, .export_failed = 0, .dropped = 0, .queued = 0}));
}

TEST(BatchSpanProcessorTest, SpansWaitingLongerThanTheScheduleDelayAreExported) {
    auto exporter = std::make_shared<RecordingExporter>();
    BatchSpanProcessor processor(exporter, {.max_queue_size = 10, .schedule_delay = 20ms, .max_export_batch_size = 5});
    processor.on_end(span_named("s1"));
    processor.on_end(span_named("s2"));
    // No flush: the delay alone exports them (in one batch, or two if it ran out between them).
    for (int i = 0; i < 1000 && processor.stats().exported < 2; ++i) std::this_thread::sleep_for(10ms);
    std::vector<std::string> exported;
    for (const auto& batch : exporter->batches()) exported.insert(exported.end(), batch.begin(), batch.end());
    EXPECT_EQ(exported, names({1, 2}));
}

TEST(BatchSpanProcessorTest, EndingSpansNeverWaitsForABlockedExporterAndTheOverflowIsCounted) {
    auto exporter = std::make_shared<RecordingExporter>();
    exporter->hold();
    BatchSpanProcessor processor(exporter, {.max_queue_size = 100, .schedule_delay = 1h, .max_export_batch_size = 10});
    for (int i = 1; i <= 10; ++i) processor.on_end(span_named("s" + std::to_string(i)));
    ASSERT_TRUE(exporter->wait_entered(1));  // the worker holds the first batch and is stuck in the exporter
    // 500 more spans end while the exporter is stuck: the caller goes on; 100 wait, 400 are dropped.
    for (int i = 11; i <= 510; ++i) processor.on_end(span_named("s" + std::to_string(i)));
    EXPECT_EQ(processor.stats(), (BatchSpanProcessorStats{.exported = 0, .export_failed = 0, .dropped = 400, .queued = 100}));
    exporter->release();
    EXPECT_TRUE(processor.force_flush(10s));
    EXPECT_EQ(processor.stats(), (BatchSpanProcessorStats{.exported = 110, .export_failed = 0, .dropped = 400, .queued = 0}));
    EXPECT_EQ(exporter->batches().size(), 11u);
    EXPECT_EQ(exporter->batches()[1].front(), "s11");
    EXPECT_EQ(exporter->batches()[10].back(), "s110");
}

TEST(BatchSpanProcessorTest, FailedAndThrowingExportsAreCountedAndLogged) {
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    auto exporter = std::make_shared<RecordingExporter>();
    exporter->fail();
    BatchSpanProcessor processor(exporter, {.max_queue_size = 10, .schedule_delay = 1h, .max_export_batch_size = 2});
    processor.on_end(span_named("s1"));
    processor.on_end(span_named("s2"));
    ASSERT_TRUE(exporter->wait_entered(1));
    exporter->fail(/*throws=*/true);
    processor.on_end(span_named("s3"));
    EXPECT_TRUE(processor.force_flush(10s));
    EXPECT_EQ(processor.stats(), (BatchSpanProcessorStats{.exported = 0, .export_failed = 3, .dropped = 0, .queued = 0}));
    EXPECT_EQ(log.messages(), std::vector<std::string>{
                                  "the span exporter threw std::runtime_error exporting 1 spans: the collector is on fire"});
}

TEST(BatchSpanProcessorTest, ShutdownExportsWhatIsQueuedThenShutsTheExporterDownAndDropsLaterSpans) {
    auto exporter = std::make_shared<RecordingExporter>();
    BatchSpanProcessor processor(exporter, {.max_queue_size = 10, .schedule_delay = 1h, .max_export_batch_size = 4});
    for (int i = 1; i <= 6; ++i) processor.on_end(span_named("s" + std::to_string(i)));
    processor.shutdown();
    EXPECT_TRUE(exporter->shut_down());
    EXPECT_EQ(exporter->batches(), (std::vector<std::vector<std::string>>{names({1, 2, 3, 4}), names({5, 6})}));
    processor.on_end(span_named("late"));
    processor.shutdown();  // once only
    EXPECT_TRUE(processor.force_flush(1s));
    EXPECT_EQ(processor.stats(), (BatchSpanProcessorStats{.exported = 6, .export_failed = 0, .dropped = 1, .queued = 0}));
}

TEST(BatchSpanProcessorTest, TheDestructorFlushes) {
    auto exporter = std::make_shared<RecordingExporter>();
    {
        BatchSpanProcessor processor(exporter, {.max_queue_size = 10, .schedule_delay = 1h, .max_export_batch_size = 4});
        processor.on_end(span_named("s1"));
    }
    EXPECT_EQ(exporter->batches(), (std::vector<std::vector<std::string>>{names({1})}));
    EXPECT_TRUE(exporter->shut_down());
}

TEST(BatchSpanProcessorTest, ShutdownGivesUpOnTheQueueAfterTheExportTimeout) {
    auto exporter = std::make_shared<RecordingExporter>();
    exporter->hold();
    BatchSpanProcessor processor(
        exporter, {.max_queue_size = 10, .schedule_delay = 1h, .max_export_batch_size = 2, .export_timeout = 50ms});
    for (int i = 1; i <= 5; ++i) processor.on_end(span_named("s" + std::to_string(i)));
    ASSERT_TRUE(exporter->wait_entered(1));
    std::thread releaser([&] {
        std::this_thread::sleep_for(200ms);  // after shutdown's 50 ms
        exporter->release();
    });
    processor.shutdown();  // waits 50 ms, drops the 3 queued spans, then waits for the export under way
    releaser.join();
    EXPECT_EQ(processor.stats(), (BatchSpanProcessorStats{.exported = 2, .export_failed = 0, .dropped = 3, .queued = 0}));
    EXPECT_EQ(exporter->batches().size(), 1u);
}

TEST(BatchSpanProcessorTest, SettingsComeFromTheOptionsThenTheEnvironmentThenTheDefaults) {
    auto exporter = std::make_shared<RecordingExporter>();
    {
        BatchSpanProcessor defaults(exporter);
        EXPECT_EQ(defaults.max_queue_size(), 2048u);
        EXPECT_EQ(defaults.schedule_delay(), 5000ms);
        EXPECT_EQ(defaults.max_export_batch_size(), 512u);
        EXPECT_EQ(defaults.export_timeout(), 30000ms);
    }
    ScopedEnv queue("OTEL_BSP_MAX_QUEUE_SIZE", "100");
    ScopedEnv delay("OTEL_BSP_SCHEDULE_DELAY", "250");
    ScopedEnv batch("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "500");  // larger than the queue: cut to it
    ScopedEnv timeout("OTEL_BSP_EXPORT_TIMEOUT", "soon");
    LogCapture log("azcore.tracing.sdk", logging::WARNING);
    BatchSpanProcessor from_env(exporter);
    EXPECT_EQ(from_env.max_queue_size(), 100u);
    EXPECT_EQ(from_env.schedule_delay(), 250ms);
    EXPECT_EQ(from_env.max_export_batch_size(), 100u);
    EXPECT_EQ(from_env.export_timeout(), 30000ms);
    EXPECT_EQ(log.messages(), std::vector<std::string>{
                                  "OTEL_BSP_EXPORT_TIMEOUT=\"soon\" is not a whole non-negative number; the default is used instead"});
    BatchSpanProcessor given(exporter, {.max_queue_size = 7, .schedule_delay = 1s});
    EXPECT_EQ(given.max_queue_size(), 7u);
    EXPECT_EQ(given.schedule_delay(), 1s);
    EXPECT_EQ(given.max_export_batch_size(), 7u);
}

TEST(BatchSpanProcessorTest, BadSettingsInCodeAreRefused) {
    auto exporter = std::make_shared<RecordingExporter>();
    const auto message = [&](BatchSpanProcessorOptions options, std::shared_ptr<SpanExporter> to = nullptr) {
        try {
            BatchSpanProcessor processor(to ? to : exporter, options);
        } catch (const std::invalid_argument& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message({}, nullptr), "no error");
    EXPECT_EQ(message({.max_queue_size = 0}), "max_queue_size: must be at least 1");
    EXPECT_EQ(message({.max_queue_size = 10, .max_export_batch_size = 0}), "max_export_batch_size: must be at least 1");
    EXPECT_EQ(message({.max_queue_size = 10, .max_export_batch_size = 11}),
              "max_export_batch_size: 11 is larger than max_queue_size 10");
    EXPECT_EQ(message({.schedule_delay = 0ms}), "schedule_delay: must be positive");
    EXPECT_EQ(message({.export_timeout = -1ms}), "export_timeout: must not be negative");
    try {
        BatchSpanProcessor processor(nullptr);
        ADD_FAILURE() << "a null exporter was taken";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "exporter: BatchSpanProcessor needs an exporter");
    }
}

}  // namespace
}  // namespace azcore::tracing::sdk
