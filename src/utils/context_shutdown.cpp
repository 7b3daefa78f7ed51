#include "utils/context_shutdown.hpp"

#include <boost/asio/execution/context.hpp>
#include <boost/asio/query.hpp>

#include <algorithm>

namespace azcore::detail {
namespace {

/// The execution-context service that owns a context's ContextMembers.
class ContextShutdownService final : public boost::asio::execution_context::service {
public:
    static inline boost::asio::execution_context::id id;

    explicit ContextShutdownService(boost::asio::execution_context& context)
        : boost::asio::execution_context::service(context), members_(std::make_shared<ContextMembers>()) {}
    const std::shared_ptr<ContextMembers>& members() const { return members_; }

private:
    void shutdown() override { members_->shut_down(); }

    std::shared_ptr<ContextMembers> members_;
};

}  // namespace

void ContextMembers::add(ContextMember* member) {
    std::lock_guard lock(mutex_);
    if (shut_down_) {
        member->on_context_shutdown();
        return;
    }
    members_.push_back(member);
}

void ContextMembers::remove(ContextMember* member) noexcept {
    std::lock_guard lock(mutex_);
    std::erase(members_, member);
}

void ContextMembers::shut_down() noexcept {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    for (ContextMember* member : members_) member->on_context_shutdown();
    members_.clear();
}

std::shared_ptr<ContextMembers> join_context(const boost::asio::any_io_executor& executor, ContextMember* member) {
    auto& context = boost::asio::query(executor, boost::asio::execution::context_as<boost::asio::execution_context&>);
    std::shared_ptr<ContextMembers> members = boost::asio::use_service<ContextShutdownService>(context).members();
    members->add(member);
    return members;
}

}  // namespace azcore::detail
