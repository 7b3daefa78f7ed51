#pragma once
// sdk::TracerProvider: azcore's own tracing implementation (OpenTelemetry's C++ SDK is not in
// Debian): W3C ids, a sampler, span processors.
#include <azcore/tracing/sdk/span_processor.hpp>
#include <azcore/tracing/tracer.hpp>

#include <memory>
#include <mutex>
#include <vector>

namespace azcore::tracing::sdk {

/// Which spans are recorded (OpenTelemetry's samplers "always_on", "always_off" and their
/// "parentbased_" forms: a span with a parent follows the parent's sampled flag).
enum class Sampler { AlwaysOn, AlwaysOff, ParentBasedAlwaysOn, ParentBasedAlwaysOff };

/// TracerProvider's settings.
struct TracerProviderOptions {
    /// Which spans are recorded.
    Sampler sampler = Sampler::ParentBasedAlwaysOn;
    /// Where recorded spans go, in order.
    std::vector<std::shared_ptr<SpanProcessor>> processors{};
};

/// Makes tracers whose spans go to its processors. Thread-safe.
class TracerProvider final : public tracing::TracerProvider, public std::enable_shared_from_this<TracerProvider> {
public:
    /// A provider with these settings (always shared: its tracers refer back to it).
    static std::shared_ptr<TracerProvider> create(TracerProviderOptions options = {});
    std::shared_ptr<Tracer> get_tracer(const InstrumentationScope& scope) override;
    /// Adds a processor after the others; std::invalid_argument when it is null.
    void add_span_processor(std::shared_ptr<SpanProcessor> processor);
    /// Flushes every processor; false when one did not finish within the time.
    bool force_flush(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// Shuts every processor down; spans ended later are dropped.
    void shutdown();

    /// For the spans of this provider's tracers: its sampler and a snapshot of its processors.
    ///@{
    Sampler sampler() const { return sampler_; }
    std::vector<std::shared_ptr<SpanProcessor>> processors() const;
    ///@}

private:
    explicit TracerProvider(TracerProviderOptions options);
    Sampler sampler_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<SpanProcessor>> processors_;
    bool shut_down_ = false;
};

}  // namespace azcore::tracing::sdk
