#pragma once
// QueryParametersPolicy: the --query parameters, added to every request of the command.
#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <string>
#include <utility>
#include <vector>

namespace azrest {

/// Adds its parameters to every request that goes through the pipeline (the first request, next
/// links, status polls), except those whose name the request's URL already carries: services
/// often leave api-version off their links, and a link that has one keeps its own.
class QueryParametersPolicy : public azcore::pipeline::SansIOHTTPPolicy {
public:
    /// Parameters in order; a name given twice is sent twice (k=a&k=b).
    explicit QueryParametersPolicy(std::vector<std::pair<std::string, std::string>> parameters);
    void on_request(azcore::pipeline::PipelineRequest& request) const override;

private:
    std::vector<std::pair<std::string, std::string>> parameters_;
};

}  // namespace azrest
