#include <azcore/pipeline/pipeline.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/http_transport.hpp>

#include <algorithm>
#include <stdexcept>

namespace azcore::pipeline {

namespace {

// Python's Pipeline._prepare_multipart_mixed_request: a changeset first prepares its own parts,
// then every sub-request goes through the batch's policies' on_request, in a context of its own.
void prepare_multipart_mixed_request(const rest::HttpRequest& request, transport::HttpTransport& transport) {
    const auto& info = request.multipart_mixed_info();
    if (!info) return;
    for (const auto& sub_request : info->requests) {
        prepare_multipart_mixed_request(*sub_request, transport);
        PipelineRequest pipeline_request{sub_request, std::make_shared<PipelineContext>(transport)};
        for (const auto& policy : info->policies) policy->on_request(pipeline_request);
    }
}

}  // namespace

Pipeline::Pipeline(std::shared_ptr<transport::HttpTransport> transport, std::vector<std::shared_ptr<HTTPPolicy>> policies)
    : transport_(std::move(transport)), policies_(std::move(policies)) {
    if (!transport_) throw std::invalid_argument("transport: a pipeline needs a transport");
    for (const auto& policy : policies_) {
        if (!policy) throw std::invalid_argument("policies: a policy is null");
        for (std::string_view name : policy->option_names()) accepted_options_.push_back(name);
    }
    for (std::string_view name : transport_->option_names()) accepted_options_.push_back(name);
    std::sort(accepted_options_.begin(), accepted_options_.end());
    accepted_options_.erase(std::unique(accepted_options_.begin(), accepted_options_.end()), accepted_options_.end());
}

PipelineRequest Pipeline::prepare(rest::HttpRequest request, options::Kwargs options) const {
    const auto accepted = [this](std::string_view name) {
        return std::binary_search(accepted_options_.begin(), accepted_options_.end(), name);
    };
    // What distributed_trace passes on to a client's calls is dropped when no policy here traces
    // (Python's pipeline strips tracing_options too): a client without the tracing policy works.
    for (std::string_view name : {options::parent_span.name(), options::tracing_options.name()})
        if (!accepted(name)) options.erase(name);
    for (const auto& [name, value] : options) {
        if (!accepted(name))
            throw std::invalid_argument("option '" + name + "' is not taken by any policy of this pipeline nor by its transport");
    }
    prepare_multipart_mixed_request(request, *transport_);
    request.prepare_multipart_body();
    auto context = std::make_shared<PipelineContext>(*transport_, std::move(options));
    return PipelineRequest{std::make_shared<rest::HttpRequest>(std::move(request)), std::move(context)};
}

PipelineResponse Pipeline::run(rest::HttpRequest request, options::Kwargs options) const {
    PipelineRequest pipeline_request = prepare(std::move(request), std::move(options));
    return NextPolicy(policies_, *transport_).send(pipeline_request);
}

net::awaitable<PipelineResponse> Pipeline::async_run(rest::HttpRequest request, options::Kwargs options) const {
    PipelineRequest pipeline_request = prepare(std::move(request), std::move(options));
    co_return co_await NextPolicy(policies_, *transport_).async_send(pipeline_request);
}

}  // namespace azcore::pipeline
