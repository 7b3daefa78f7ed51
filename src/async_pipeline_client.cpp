#include <azcore/async_pipeline_client.hpp>

#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include "utils/cancellation.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/url/parse.hpp>

#include <cassert>
#include <thread>

namespace azcore {
namespace detail {

/// An io_context run by one thread of its own, for clients created without an executor.
class OwnedIoThread {
public:
    OwnedIoThread() : work_(net::make_work_guard(context_)), thread_([this] { context_.run(); }) {}
    ~OwnedIoThread() {
        assert(std::this_thread::get_id() != thread_.get_id() &&
               "an AsyncPipelineClient that runs its own io_context cannot be destroyed on that io_context's thread");
        work_.reset();
        context_.stop();
        thread_.join();
    }
    net::any_io_executor executor() { return context_.get_executor(); }

private:
    net::io_context context_;
    net::executor_work_guard<net::io_context::executor_type> work_;
    std::thread thread_;
};

}  // namespace detail

namespace {

std::shared_ptr<transport::HttpTransport> transport_or_default(const PipelineClientOptions& options,
                                                               const net::any_io_executor& executor) {
    if (options.transport) return options.transport;
    return std::make_shared<transport::AsyncCurlTransport>(executor);
}

bool is_absolute(std::string_view url) {
    auto parsed = boost::urls::parse_uri(url);
    return parsed && parsed->has_authority() && !parsed->host().empty();
}

}  // namespace

AsyncPipelineClient::AsyncPipelineClient(std::string base_url, net::any_io_executor executor, PipelineClientOptions options)
    : executor_(std::move(executor)),
      base_url_(std::move(base_url)),
      config_(options.config ? *options.config : default_configuration()),
      pipeline_(transport_or_default(options, executor_), build_policies(config_, options)) {}

AsyncPipelineClient::AsyncPipelineClient(std::string base_url, PipelineClientOptions options)
    : owned_(std::make_unique<detail::OwnedIoThread>()),
      executor_(owned_->executor()),
      base_url_(std::move(base_url)),
      config_(options.config ? *options.config : default_configuration()),
      pipeline_(transport_or_default(options, executor_), build_policies(config_, options)) {}

AsyncPipelineClient::~AsyncPipelineClient() = default;

std::string AsyncPipelineClient::format_url(std::string_view url_template,
                                            const std::map<std::string, std::string>& arguments) const {
    return format_url_for(base_url_, url_template, arguments);
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> AsyncPipelineClient::send_request(rest::HttpRequest request,
                                                                                          SendRequestOptions options) const {
    co_await detail::accept_every_cancellation();
    if (!is_absolute(request.url)) request.url = format_url(request.url);
    pipeline::Kwargs kwargs = std::move(options.kwargs);
    kwargs.set("stream", options.stream);
    pipeline::PipelineResponse response = co_await pipeline_.async_run(std::move(request), std::move(kwargs));
    co_return std::static_pointer_cast<rest::AsyncHttpResponse>(response.http_response);
}

void AsyncPipelineClient::close() { pipeline_.transport()->close(); }

}  // namespace azcore
