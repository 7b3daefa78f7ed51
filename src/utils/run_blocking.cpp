#include "utils/run_blocking.hpp"

#include <boost/asio/execution/context.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/query.hpp>

#include <algorithm>

namespace azcore::detail {
namespace {

/// The execution-context service that owns a context's BlockingThreads. Created after the
/// scheduler, so shut down before it: the joined threads' last posts are queued, then destroyed
/// with the scheduler's other handlers.
class BlockingThreadsService final : public net::execution_context::service {
public:
    static inline net::execution_context::id id;

    explicit BlockingThreadsService(net::execution_context& context) : net::execution_context::service(context) {}
    BlockingThreads& threads() { return threads_; }

private:
    void shutdown() override { threads_.join_all(); }

    BlockingThreads threads_;
};

}  // namespace

BlockingThreads& BlockingThreads::of(const net::any_io_executor& executor) {
    auto& context = net::query(executor, net::execution::context_as<net::execution_context&>);
    return net::use_service<BlockingThreadsService>(context).threads();
}

void BlockingThreads::finished(std::thread::id id) {
    std::lock_guard lock(mutex_);
    finished_.push_back(id);
}

void BlockingThreads::join_finished() {
    for (std::thread::id id : finished_) {
        auto thread = std::find_if(threads_.begin(), threads_.end(), [id](const std::thread& t) { return t.get_id() == id; });
        if (thread == threads_.end()) continue;
        thread->join();
        threads_.erase(thread);
    }
    finished_.clear();
}

void BlockingThreads::join_all() noexcept {
    std::list<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(threads_);
        finished_.clear();
    }
    for (std::thread& thread : threads) thread.join();
}

}  // namespace azcore::detail
