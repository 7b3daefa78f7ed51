#include <azcore/tracing/decorator.hpp>

#include "tracing/call_tracing.hpp"

namespace azcore::tracing {
namespace {

/// Whether a method span is open on this thread (the sync face's nested suppression).
thread_local int method_spans_on_thread = 0;

/// A method's span as handed to the calls it makes: the tracer's span, recognisable as a method's
/// (the async face's nested suppression).
class MethodSpanHandle final : public AbstractSpan {
public:
    explicit MethodSpanHandle(std::shared_ptr<AbstractSpan> span) : span_(std::move(span)) {}
    std::string_view name() const override { return span_->name(); }
    SpanKind kind() const override { return span_->kind(); }
    const SpanContext& context() const override { return span_->context(); }
    bool is_recording() const override { return span_->is_recording(); }
    void add_attribute(std::string_view key, AttributeValue value) override { span_->add_attribute(key, std::move(value)); }
    void set_status(StatusCode code, std::string_view description) override { span_->set_status(code, description); }
    void record_exception(std::exception_ptr error) override { span_->record_exception(std::move(error)); }
    void end(std::optional<std::chrono::system_clock::time_point> end_time) override { span_->end(end_time); }

private:
    std::shared_ptr<AbstractSpan> span_;
};

bool inside_method_span(const options::Kwargs& kwargs) {
    if (method_spans_on_thread > 0) return true;
    const std::optional<std::shared_ptr<AbstractSpan>> parent = options::parent_span.get(kwargs);
    return parent && *parent && dynamic_cast<const MethodSpanHandle*>(parent->get()) != nullptr;
}

}  // namespace

MethodSpan::MethodSpan(const DistributedTraceOptions& options, options::Kwargs& kwargs, bool make_current) {
    const bool merge = options::merge_span.pop(kwargs).value_or(false);
    if (inside_method_span(kwargs)) return;
    const std::optional<TracingOptions> tracing = options::tracing_options.get(kwargs);
    if (!detail::call_is_traced(tracing)) return;
    const std::optional<std::shared_ptr<AbstractSpan>> parent = options::parent_span.get(kwargs);
    if (merge && !(parent && *parent)) return;
    const std::shared_ptr<Tracer> tracer = get_tracer(options.instrumentation);
    if (!tracer) return;
    SpanOptions span_options{
        .kind = options.kind,
        .attributes = detail::call_attributes(options::tracing_attributes.get(kwargs), options.tracing_attributes, tracing)};
    if (parent && *parent) span_options.parent = (*parent)->context();
    span_ = std::make_shared<MethodSpanHandle>(tracer->start_span(options.name_of_span, std::move(span_options)));
    options::parent_span.set(kwargs, span_);
    if (make_current) {
        scope_.emplace(span_, false);
        ++method_spans_on_thread;
    }
}

MethodSpan::~MethodSpan() {
    if (scope_) --method_spans_on_thread;
    scope_.reset();
    if (span_) span_->end();
}

void MethodSpan::succeed() {
    if (span_) span_->end();
}

void MethodSpan::fail(std::exception_ptr error) {
    if (!span_ || !error) return;
    detail::record_failure(*span_, error);
    span_->end();
}

}  // namespace azcore::tracing
