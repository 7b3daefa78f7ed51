#include <azcore/pipeline_client.hpp>

#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/beast_transport.hpp>

#include "client_core.hpp"

namespace azcore {

PipelineClient::PipelineClient(std::string base_url, PipelineClientOptions options)
    : base_url_(std::move(base_url)),
      config_(detail::configuration_of(options)),
      pipeline_(options.transport ? options.transport : std::make_shared<transport::BeastTransport>(),
                build_policies(config_, options)) {}

std::string PipelineClient::format_url(std::string_view url_template, const std::map<std::string, std::string>& arguments) const {
    return format_url_for(base_url_, url_template, arguments);
}

std::shared_ptr<rest::HttpResponse> PipelineClient::send_request(rest::HttpRequest request, SendRequestOptions options) const {
    options::Kwargs kwargs = detail::prepare_send(base_url_, request, std::move(options));
    pipeline::PipelineResponse response = pipeline_.run(std::move(request), std::move(kwargs));
    return std::static_pointer_cast<rest::HttpResponse>(response.http_response);
}

void PipelineClient::close() { pipeline_.transport()->close(); }

}  // namespace azcore
