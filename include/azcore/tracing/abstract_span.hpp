#pragma once
// AbstractSpan: one traced operation as azcore and service clients see it (Python's
// azure.core.tracing.AbstractSpan), whatever tracing implementation records it; Link; and the
// span current on a thread.
#include <azcore/tracing/attributes.hpp>
#include <azcore/tracing/span_context.hpp>
#include <azcore/tracing/span_kind.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::tracing {

/// A span's outcome (OpenTelemetry's status codes).
enum class StatusCode { UNSET, OK, ERROR };

/// A link from a span to another span's context, from the W3C headers that carried it (Python's
/// `Link(headers, attributes)`).
struct Link {
    /// The linked span's context.
    SpanContext context;
    /// Attributes of the link.
    Attributes attributes{};

    /// The link for the `traceparent` / `tracestate` in headers; nullopt when there is no valid
    /// traceparent.
    static std::optional<Link> from_headers(const utils::CaseInsensitiveDict& headers, Attributes attributes = {});
    /// Equal when context and attributes are.
    friend bool operator==(const Link&, const Link&) = default;
};

/// A started span. Implementations are thread-safe: a span may be ended on another thread than
/// the one that started it.
class AbstractSpan {
public:
    virtual ~AbstractSpan() = default;

    /// The span's name.
    virtual std::string_view name() const = 0;
    /// The span's kind.
    virtual SpanKind kind() const = 0;
    /// The span's own ids (its children's parent).
    virtual const SpanContext& context() const = 0;
    /// False when the span records nothing (not sampled, or already ended).
    virtual bool is_recording() const = 0;

    /// Sets an attribute (Python's `add_attribute`).
    virtual void add_attribute(std::string_view key, AttributeValue value) = 0;
    /// Sets an attribute from a plain value (made an AttributeValue by attribute_value).
    template <class T>
    void add_attribute(std::string_view key, T&& value) {
        add_attribute(key, attribute_value(std::forward<T>(value)));
    }
    /// Sets the status; an OK status is final, and UNSET never replaces another.
    virtual void set_status(StatusCode code, std::string_view description = {}) = 0;
    /// Adds an "exception" event (exception.type, exception.message) for error, a thrown exception.
    virtual void record_exception(std::exception_ptr error) = 0;
    /// Ends the span (Python's `finish()`); later calls do nothing.
    virtual void end(std::optional<std::chrono::system_clock::time_point> end_time = std::nullopt) = 0;

    /// The W3C headers that carry this span to a server: `traceparent`, and `tracestate` when the
    /// span has one (Python's `to_header()`). Empty when the span has no valid context.
    utils::CaseInsensitiveDict to_header() const;
};

/// The span current on this thread (made so by a SpanScope), or nullptr. Coroutines interleaved
/// on one thread do not see each other's: they pass their span explicitly.
std::shared_ptr<AbstractSpan> get_current_span();

/// Makes a span current on this thread for its lifetime, then restores the one before (Python's
/// `with span:` / `use_span`); ends the span on exit unless told not to.
class SpanScope {
public:
    /// Makes span current on this thread.
    explicit SpanScope(std::shared_ptr<AbstractSpan> span, bool end_on_exit = true);
    /// Restores the span current before, and ends span when end_on_exit.
    ~SpanScope();
    /// Not copyable: one scope restores the previous span once.
    ///@{
    SpanScope(const SpanScope&) = delete;
    SpanScope& operator=(const SpanScope&) = delete;
    ///@}
    /// The span made current.
    const std::shared_ptr<AbstractSpan>& span() const { return span_; }

private:
    std::shared_ptr<AbstractSpan> span_;
    std::shared_ptr<AbstractSpan> previous_;
    bool end_on_exit_;
};

}  // namespace azcore::tracing
