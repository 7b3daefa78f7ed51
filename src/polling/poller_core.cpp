#include <azcore/polling/poller_core.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/logging/logger.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <chrono>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace azcore::polling {
namespace {

const logging::Logger& logger() {
    static const logging::Logger& instance = logging::get_logger("azure.core.polling");
    return instance;
}

bool is_cancellation(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const boost::system::system_error& error) {
        return error.code() == boost::asio::error::operation_aborted;
    } catch (const std::system_error& error) {
        return error.code() == std::errc::operation_canceled;
    } catch (...) {
        return false;
    }
}

}  // namespace

PollerCore::PollerCore(std::shared_ptr<PollingMethod> polling_method) : method_(std::move(polling_method)) {
    if (!method_) throw std::invalid_argument("polling_method: the poller needs one");
}

bool PollerCore::finish(std::exception_ptr failure) {
    if (failure && is_cancellation(failure)) return false;
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (exceptions::AzureError& error) {
            if (!error.continuation_token()) {
                try {
                    error.set_continuation_token(method_->get_continuation_token());
                } catch (const std::exception& reason) {
                    logger().warning("Unable to retrieve continuation token: {}", reason.what());
                }
            }
        } catch (...) {  // kept as it is
        }
    }
    std::vector<DoneCallback> callbacks;
    {
        std::lock_guard lock(mutex_);
        failure_ = failure;
        ended_ = true;
        callbacks.swap(callbacks_);
    }
    for (DoneCallback& callback : callbacks) {
        try {
            callback(*method_);
        } catch (...) {  // a callback's failure is its own; the operation's outcome stands
            logger().warning("A done callback of a long-running operation poller threw; the next callbacks run");
        }
    }
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    changed_.notify_all();
    return true;
}

void PollerCore::rethrow_failure() const {
    std::exception_ptr failure;
    {
        std::lock_guard lock(mutex_);
        failure = failure_;
    }
    if (failure) std::rethrow_exception(failure);
}

void PollerCore::wait(std::optional<double> timeout) {
    {
        std::unique_lock lock(mutex_);
        auto is_done = [this] { return done_; };
        if (timeout) changed_.wait_for(lock, std::chrono::duration<double>(*timeout), is_done);
        else changed_.wait(lock, is_done);
    }
    rethrow_failure();
}

bool PollerCore::done() const {
    std::lock_guard lock(mutex_);
    return done_;
}

void PollerCore::add_done_callback(DoneCallback func) {
    std::unique_lock lock(mutex_);
    if (!ended_) {
        callbacks_.push_back(std::move(func));
        return;
    }
    lock.unlock();
    func(*method_);
}

std::shared_ptr<void> PollerCore::begin_wait() {
    std::lock_guard lock(mutex_);
    if (waiting_) throw std::logic_error("AsyncLROPoller: a wait() is already running; await that one (one wait at a time)");
    waiting_ = true;
    return std::shared_ptr<void>(this, [](PollerCore* core) {
        std::lock_guard lock(core->mutex_);
        core->waiting_ = false;
    });
}

}  // namespace azcore::polling
