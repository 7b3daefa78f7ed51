#pragma once
// AsyncPipelineClient: PipelineClient's async face.
#include <azcore/net.hpp>
#include <azcore/pipeline_client.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace azcore::rest {
class AsyncHttpResponse;
}

namespace azcore {

/// A client of one service with coroutine methods (Python's AsyncPipelineClient). The same
/// policies as PipelineClient run through their async face. Movable, like PipelineClient (not
/// while a request of it is in progress); a moved-from client may only be destroyed or assigned to.
class AsyncPipelineClient {
public:
    /// Requests run on executor (an AsyncBeastTransport on it unless options.transport is set).
    AsyncPipelineClient(std::string base_url, net::any_io_executor executor, PipelineClientOptions options = {});
    /// Creates its own io_context, run by one thread of its own until the client is destroyed.
    explicit AsyncPipelineClient(std::string base_url, PipelineClientOptions options = {});
    ~AsyncPipelineClient();
    /// Movable (not while a request is in progress); other may then only be destroyed or assigned to.
    ///@{
    AsyncPipelineClient(AsyncPipelineClient&& other) noexcept;
    AsyncPipelineClient& operator=(AsyncPipelineClient&& other) noexcept;
    ///@}

    /// Joins a relative template to the base URL (both formatted with arguments), as PipelineClient::format_url.
    std::string format_url(std::string_view url_template, const std::map<std::string, std::string>& arguments = {}) const;
    /// Runs the request through the pipeline; the response, whatever its status. The URL is
    /// prepared as PipelineClient::send_request prepares it.
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_request(rest::HttpRequest request,
                                                                          SendRequestOptions options = {}) const;
    /// Closes the transport's idle connections; requests in flight keep theirs.
    void close();

    /// The URL relative request URLs are joined to.
    const std::string& base_url() const { return base_url_; }
    /// The policy slots the pipeline was built from.
    const Configuration& config() const { return config_; }
    /// The pipeline requests run through.
    const pipeline::Pipeline& pipeline() const { return pipeline_; }
    /// The executor requests run on (empty once its io_context has been destroyed).
    const net::any_io_executor& get_executor() const;

private:
    /// The executor requests run on, let go of when its io_context is destroyed; with an io_context
    /// and thread of its own when none was given (src/async_pipeline_client.cpp).
    class ClientExecutor;
    std::unique_ptr<ClientExecutor> executor_;
    std::string base_url_;
    Configuration config_;
    pipeline::Pipeline pipeline_;
};

}  // namespace azcore
