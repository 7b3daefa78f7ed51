#pragma once
// Objects that hold Asio objects of an execution context (timers, socket watches, strand
// executors) are told when the context is destroyed, while those can still be destroyed: a
// transport, a client or a response that outlives its io_context then throws on use instead of
// touching freed memory.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/execution_context.hpp>

#include <memory>
#include <mutex>
#include <vector>

namespace azcore::detail {

/// Told once, on the thread destroying the context (no thread runs it any more).
class ContextMember {
public:
    /// Drop every Asio object of the context now.
    virtual void on_context_shutdown() noexcept = 0;

protected:
    ~ContextMember() = default;
};

/// The members of one context. Shared by the context's service and its members, so that a member
/// destroyed after the context still finds it.
class ContextMembers {
public:
    /// A member joining after the shutdown is told at once.
    void add(ContextMember* member);
    void remove(ContextMember* member) noexcept;
    void shut_down() noexcept;

private:
    std::mutex mutex_;
    std::vector<ContextMember*> members_;
    bool shut_down_ = false;
};

/// Registers member with the context of executor; remove it (through the result) when destroyed.
/// The members are told when the context's services shut down, before the scheduler (created with
/// the context, so shut down last) destroys the pending handlers. Timers and descriptors may be
/// destroyed then, whether the reactor has shut down already or not.
std::shared_ptr<ContextMembers> join_context(const boost::asio::any_io_executor& executor, ContextMember* member);

}  // namespace azcore::detail
