#pragma once
// distributed_trace / distributed_trace_async: a service-client method run in a span (Python's
// azure.core.tracing.decorator and decorator_async).
#include <azcore/net.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/options/kwargs.hpp>
#include <azcore/tracing/tracer.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace azcore::tracing {

/// The decorator's arguments (Python's `name_of_span`, `kind`, `tracing_attributes`), and the
/// client's instrumentation scope (Python's `_instrumentation_config`: library name and version,
/// schema URL, and scope attributes such as az.namespace).
struct DistributedTraceOptions {
    /// Python names the span after the method's qualified name; C++ cannot see it: give it
    /// ("ClassName.method").
    std::string name_of_span;
    /// The span's kind.
    SpanKind kind = SpanKind::INTERNAL;
    /// Attributes set on the span (a call's `tracing_attributes` option replaces them).
    Attributes tracing_attributes{};
    /// The client library's scope: the tracer the span comes from.
    InstrumentationScope instrumentation{};
};

/// The span of one client-method call, as distributed_trace decides it. Reads the call's options:
/// pops `merge_span` (true and no `parent_span`: no span of its own), reads `tracing_options` and
/// the call's `tracing_attributes` (which replace the decorator's) and `parent_span` (the parent;
/// else the span current on the thread). Opens no span when tracing is off for the call, when no
/// tracer provider is set, or inside another method's span (Python's nested suppression: the
/// outer method's span stays the parent of every HTTP span). Otherwise starts the span, puts it in
/// the options as `parent_span` for the calls the method makes and, when `make_current`, makes it
/// current on this thread until destroyed.
class MethodSpan {
public:
    /// Decides and starts the span of a call with kwargs, as described above.
    MethodSpan(const DistributedTraceOptions& options, options::Kwargs& kwargs, bool make_current);
    /// Restores the span current before (when it was made current); a span neither succeeded nor
    /// failed is ended.
    ~MethodSpan();
    /// Not copyable: it ends its span once.
    ///@{
    MethodSpan(const MethodSpan&) = delete;
    MethodSpan& operator=(const MethodSpan&) = delete;
    ///@}

    /// Ends the span after the method returned.
    void succeed();
    /// Ends the span for an exception the method threw: error.type (the C++ type), status ERROR
    /// ("Type: message"), an exception event.
    void fail(std::exception_ptr error);
    /// nullptr when no span was opened.
    const std::shared_ptr<AbstractSpan>& span() const { return span_; }

private:
    std::shared_ptr<AbstractSpan> span_;
    std::optional<SpanScope> scope_;
};

/// Runs method(kwargs) in a MethodSpan made current on this thread, and returns what it returns:
/// `return distributed_trace({.name_of_span = "Client.get"}, kwargs, [&](options::Kwargs& kw) { ... });`
template <class F>
decltype(auto) distributed_trace(const DistributedTraceOptions& options, options::Kwargs& kwargs, F&& method) {
    MethodSpan span(options, kwargs, true);
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<F&, options::Kwargs&>>) {
            std::invoke(method, kwargs);
            span.succeed();
        } else {
            decltype(auto) result = std::invoke(method, kwargs);
            span.succeed();
            return result;
        }
    } catch (...) {
        span.fail(std::current_exception());
        throw;
    }
}

/// The async face: awaits method(kwargs) in a MethodSpan that is not made current (coroutines
/// interleave on a thread); the calls the method makes with kwargs get it as `parent_span`.
template <class F>
auto distributed_trace_async(DistributedTraceOptions options, options::Kwargs kwargs, F method)
    -> std::invoke_result_t<F&, options::Kwargs&> {
    MethodSpan span(options, kwargs, false);
    std::exception_ptr error;
    try {
        if constexpr (std::is_void_v<typename std::invoke_result_t<F&, options::Kwargs&>::value_type>) {
            co_await std::invoke(method, kwargs);
            span.succeed();
            co_return;
        } else {
            auto result = co_await std::invoke(method, kwargs);
            span.succeed();
            co_return result;
        }
    } catch (...) {
        error = std::current_exception();
    }
    span.fail(error);
    std::rethrow_exception(error);
}

}  // namespace azcore::tracing
