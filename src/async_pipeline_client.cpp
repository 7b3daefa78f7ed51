#include <azcore/async_pipeline_client.hpp>

#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/async_beast_transport.hpp>

#include "client_core.hpp"
#include "utils/cancellation.hpp"
#include "utils/context_shutdown.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <thread>

namespace azcore {
namespace {

/// An io_context run by one thread of its own, for clients created without an executor. Destroyed
/// on that thread (by a coroutine of its own), it stops the context and lets the thread finish:
/// the thread's copy of the state destroys the context once run() has returned.
class OwnedIoThread {
public:
    OwnedIoThread() : state_(std::make_shared<State>()), thread_([state = state_] { state->context.run(); }) {}
    ~OwnedIoThread() {
        state_->work.reset();
        state_->context.stop();
        if (std::this_thread::get_id() == thread_.get_id()) thread_.detach();  // cannot join itself
        else thread_.join();
    }
    OwnedIoThread(const OwnedIoThread&) = delete;
    OwnedIoThread& operator=(const OwnedIoThread&) = delete;
    net::any_io_executor executor() { return state_->context.get_executor(); }

private:
    struct State {
        net::io_context context;
        net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(context);
    };
    std::shared_ptr<State> state_;
    std::thread thread_;
};

std::shared_ptr<transport::HttpTransport> transport_or_default(const PipelineClientOptions& options,
                                                               const net::any_io_executor& executor) {
    if (options.transport) return options.transport;
    return std::make_shared<transport::AsyncBeastTransport>(executor);
}

}  // namespace

/// A client's executor: given, or that of an OwnedIoThread. Let go of when its context is
/// destroyed (a strand's executor refers to a service of the context). Registered with the context
/// by its address, which a move of the client does not change.
class AsyncPipelineClient::ClientExecutor final : public detail::ContextMember {
public:
    explicit ClientExecutor(net::any_io_executor executor) : executor_(std::move(executor)) { join(); }
    ClientExecutor() : owned_(std::make_unique<OwnedIoThread>()), executor_(owned_->executor()) { join(); }
    ~ClientExecutor() {
        members_->remove(this);
        executor_ = net::any_io_executor();
    }
    ClientExecutor(const ClientExecutor&) = delete;
    ClientExecutor& operator=(const ClientExecutor&) = delete;
    const net::any_io_executor& get() const { return executor_; }
    void on_context_shutdown() noexcept override { executor_ = net::any_io_executor(); }

private:
    void join() { members_ = detail::join_context(executor_, this); }

    std::unique_ptr<OwnedIoThread> owned_;  // destroyed last
    net::any_io_executor executor_;
    std::shared_ptr<detail::ContextMembers> members_;
};

AsyncPipelineClient::AsyncPipelineClient(std::string base_url, net::any_io_executor executor, PipelineClientOptions options)
    : executor_(std::make_unique<ClientExecutor>(std::move(executor))),
      base_url_(std::move(base_url)),
      config_(detail::configuration_of(options)),
      pipeline_(transport_or_default(options, executor_->get()), build_policies(config_, options)) {}

AsyncPipelineClient::AsyncPipelineClient(std::string base_url, PipelineClientOptions options)
    : executor_(std::make_unique<ClientExecutor>()),
      base_url_(std::move(base_url)),
      config_(detail::configuration_of(options)),
      pipeline_(transport_or_default(options, executor_->get()), build_policies(config_, options)) {}

AsyncPipelineClient::~AsyncPipelineClient() = default;

AsyncPipelineClient::AsyncPipelineClient(AsyncPipelineClient&& other) noexcept = default;

AsyncPipelineClient& AsyncPipelineClient::operator=(AsyncPipelineClient&& other) noexcept {
    if (this == &other) return *this;
    // What this client held goes in the destructor's order: the pipeline (and a transport on the
    // executor's context) before the executor (and an io_context of its own).
    pipeline_ = std::move(other.pipeline_);
    config_ = std::move(other.config_);
    base_url_ = std::move(other.base_url_);
    executor_ = std::move(other.executor_);
    return *this;
}

const net::any_io_executor& AsyncPipelineClient::get_executor() const { return executor_->get(); }

std::string AsyncPipelineClient::format_url(std::string_view url_template,
                                            const std::map<std::string, std::string>& arguments) const {
    return format_url_for(base_url_, url_template, arguments);
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> AsyncPipelineClient::send_request(rest::HttpRequest request,
                                                                                          SendRequestOptions options) const {
    co_await detail::accept_every_cancellation();
    options::Kwargs kwargs = detail::prepare_send(base_url_, request, std::move(options));
    pipeline::PipelineResponse response = co_await pipeline_.async_run(std::move(request), std::move(kwargs));
    co_return std::static_pointer_cast<rest::AsyncHttpResponse>(response.http_response);
}

void AsyncPipelineClient::close() { pipeline_.transport()->close(); }

}  // namespace azcore
