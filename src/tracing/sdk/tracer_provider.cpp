#include <azcore/tracing/sdk/tracer_provider.hpp>

#include "tracing/exception_description.hpp"

#include <stdexcept>

namespace azcore::tracing::sdk {
namespace {

bool sampled(Sampler sampler, const SpanContext& parent) {
    switch (sampler) {
        case Sampler::AlwaysOn: return true;
        case Sampler::AlwaysOff: return false;
        case Sampler::ParentBasedAlwaysOn: return parent.is_valid() ? parent.is_sampled() : true;
        case Sampler::ParentBasedAlwaysOff: return parent.is_valid() ? parent.is_sampled() : false;
    }
    return false;
}

/// A span of this SDK: records into its SpanData until ended (when sampled), then hands it to the
/// processors it started with.
class Span final : public AbstractSpan {
public:
    Span(SpanData data, bool recording, std::vector<std::shared_ptr<SpanProcessor>> processors)
        : name_(data.name), kind_(data.kind), context_(data.context), data_(std::move(data)), recording_(recording),
          processors_(std::move(processors)) {
        if (recording_)
            for (const auto& processor : processors_) processor->on_start(data_);
    }
    ~Span() override = default;

    // Kept apart from data_, which goes to the processors when the span ends.
    std::string_view name() const override { return name_; }
    SpanKind kind() const override { return kind_; }
    const SpanContext& context() const override { return context_; }
    bool is_recording() const override {
        std::lock_guard lock(mutex_);
        return recording_;
    }

    void add_attribute(std::string_view key, AttributeValue value) override {
        std::lock_guard lock(mutex_);
        if (recording_) data_.attributes.set(key, std::move(value));
    }

    void set_status(StatusCode code, std::string_view description) override {
        std::lock_guard lock(mutex_);
        if (!recording_ || code == StatusCode::UNSET || data_.status == StatusCode::OK) return;
        data_.status = code;
        data_.status_description = code == StatusCode::ERROR ? std::string(description) : std::string();
    }

    void record_exception(std::exception_ptr error) override {
        if (!error) return;
        const detail::ExceptionDescription described = detail::describe(error);
        Attributes attributes{{"exception.type", described.type}};
        if (!described.message.empty()) attributes.set("exception.message", described.message);
        std::lock_guard lock(mutex_);
        if (recording_) data_.events.push_back(SpanEvent{"exception", std::chrono::system_clock::now(), std::move(attributes)});
    }

    void end(std::optional<std::chrono::system_clock::time_point> end_time) override {
        SpanData finished;
        {
            std::lock_guard lock(mutex_);
            if (!recording_) return;
            recording_ = false;
            data_.end_time = end_time.value_or(std::chrono::system_clock::now());
            finished = std::move(data_);
        }
        for (const auto& processor : processors_) processor->on_end(finished);
    }

private:
    const std::string name_;
    const SpanKind kind_;
    const SpanContext context_;
    mutable std::mutex mutex_;
    SpanData data_;
    bool recording_;
    std::vector<std::shared_ptr<SpanProcessor>> processors_;
};

class SdkTracer final : public Tracer {
public:
    SdkTracer(std::shared_ptr<TracerProvider> provider, InstrumentationScope scope)
        : provider_(std::move(provider)), scope_(std::move(scope)) {}

    std::shared_ptr<AbstractSpan> start_span(std::string_view name, SpanOptions options) override {
        SpanData data;
        data.name = std::string(name);
        data.kind = options.kind;
        if (options.parent) {
            data.parent = std::move(*options.parent);
        } else if (const std::shared_ptr<AbstractSpan> current = get_current_span()) {
            data.parent = current->context();
        }
        if (!data.parent.is_valid()) data.parent = SpanContext();
        const bool sample = sampled(provider_->sampler(), data.parent);
        data.context.trace_id = data.parent.is_valid() ? data.parent.trace_id : TraceId::random();
        data.context.span_id = SpanId::random();
        data.context.trace_flags = sample ? SpanContext::sampled_flag : 0;
        data.context.trace_state = data.parent.trace_state;
        data.start_time = options.start_time.value_or(std::chrono::system_clock::now());
        if (sample) {
            data.attributes = std::move(options.attributes);
            data.links = std::move(options.links);
            data.scope = scope_;
        }
        return std::make_shared<Span>(std::move(data), sample, sample ? provider_->processors() : std::vector<std::shared_ptr<SpanProcessor>>{});
    }

private:
    std::shared_ptr<TracerProvider> provider_;
    InstrumentationScope scope_;
};

}  // namespace

std::shared_ptr<TracerProvider> TracerProvider::create(TracerProviderOptions options) {
    return std::shared_ptr<TracerProvider>(new TracerProvider(std::move(options)));
}

TracerProvider::TracerProvider(TracerProviderOptions options)
    : sampler_(options.sampler), processors_(std::move(options.processors)) {
    for (const auto& processor : processors_)
        if (!processor) throw std::invalid_argument("processors: a span processor is null");
}

std::shared_ptr<Tracer> TracerProvider::get_tracer(const InstrumentationScope& scope) {
    return std::make_shared<SdkTracer>(shared_from_this(), scope);
}

void TracerProvider::add_span_processor(std::shared_ptr<SpanProcessor> processor) {
    if (!processor) throw std::invalid_argument("processor: the span processor is null");
    std::lock_guard lock(mutex_);
    processors_.push_back(std::move(processor));
}

std::vector<std::shared_ptr<SpanProcessor>> TracerProvider::processors() const {
    std::lock_guard lock(mutex_);
    if (shut_down_) return {};
    return processors_;
}

bool TracerProvider::force_flush(std::chrono::milliseconds timeout) {
    bool all = true;
    for (const auto& processor : processors()) all = processor->force_flush(timeout) && all;
    return all;
}

void TracerProvider::shutdown() {
    std::vector<std::shared_ptr<SpanProcessor>> processors;
    {
        std::lock_guard lock(mutex_);
        if (std::exchange(shut_down_, true)) return;
        processors = processors_;
    }
    for (const auto& processor : processors) processor->shutdown();
}

}  // namespace azcore::tracing::sdk
