#pragma once
// PollerCore: what LROPoller and AsyncLROPoller share, so that done(), wait() and the done
// callbacks mean the same in both faces.
#include <azcore/polling/polling_method.hpp>

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace azcore::polling {

/// The state of one poller, shared by its two faces: the polling method, whether polling ended
/// and how, and the done callbacks. Polling ends when the method's run ends, successfully or with
/// an error; a cancelled async wait does not end it. Thread-safe. Pollers use it; client code
/// need not.
class PollerCore {
public:
    /// Called with the polling method once polling ended.
    using DoneCallback = std::function<void(PollingMethod&)>;

    /// std::invalid_argument when polling_method is null.
    explicit PollerCore(std::shared_ptr<PollingMethod> polling_method);
    PollerCore(const PollerCore&) = delete;
    PollerCore& operator=(const PollerCore&) = delete;

    /// The polling method.
    PollingMethod& method() const noexcept { return *method_; }

    /// Ends polling with the outcome of the method's run (nullptr: success). An AzureError gets the
    /// continuation token when it has none (Python's rule); the error is kept for every later
    /// wait; the done callbacks then run, in order, on this thread (one that throws is logged
    /// and skipped); waiters wake. Returns whether this call ended polling: false when `failure`
    /// is a cancellation (boost::system::system_error with operation_aborted, or
    /// std::system_error with operation_canceled), which leaves polling to a later wait.
    bool finish(std::exception_ptr failure);

    /// Rethrows the error polling ended with, if any.
    void rethrow_failure() const;
    /// Blocks until polling ended or `timeout` seconds passed, then rethrows the error polling
    /// ended with, if it ended with one.
    void wait(std::optional<double> timeout);
    /// Whether polling ended and its done callbacks ran.
    bool done() const;
    /// Calls func(method()) when polling ends; at once, on this thread, when it has ended.
    void add_done_callback(DoneCallback func);

    /// Marks an async wait as running until the returned guard is destroyed; std::logic_error when
    /// one already is (one wait at a time: a second would poll the same operation twice).
    [[nodiscard]] std::shared_ptr<void> begin_wait();

private:
    std::shared_ptr<PollingMethod> method_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool ended_ = false;  // the run ended (Python's _done event)
    bool done_ = false;   // ... and the done callbacks ran (Python's thread ended)
    bool waiting_ = false;
    std::exception_ptr failure_;
    std::vector<DoneCallback> callbacks_;
};

/// What a poller's result() returns: callback(*response), or, when there is no response (Python's
/// None), T{} (an empty optional, a null JSON value…) or nothing for void; a T that cannot be
/// default-constructed gets std::logic_error then.
template <class T>
T deserialize_resource(const DeserializationCallback<T>& callback, const std::optional<pipeline::PipelineResponse>& response) {
    if (response) {
        if (!callback) throw std::invalid_argument("deserialization_callback: the poller needs one");
        return callback(*response);
    }
    if constexpr (std::is_void_v<T>) return;
    else if constexpr (std::is_default_constructible_v<T>) return T{};
    else throw std::logic_error("the long-running operation has no result (its final response has no body)");
}

}  // namespace azcore::polling
