#include "query_parameters_policy.hpp"

#include <azcore/rest/http_request.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <stdexcept>

namespace azrest {

QueryParametersPolicy::QueryParametersPolicy(std::vector<std::pair<std::string, std::string>> parameters)
    : parameters_(std::move(parameters)) {}

void QueryParametersPolicy::on_request(azcore::pipeline::PipelineRequest& request) const {
    if (parameters_.empty()) return;
    azcore::rest::HttpRequest& http_request = *request.http_request;
    auto parsed = boost::urls::parse_uri_reference(http_request.url);
    if (!parsed) throw std::invalid_argument("url: not a valid URL");  // not quoted: it may hold a SAS
    boost::urls::url url(*parsed);
    // Names the URL carried before this policy: a name given twice with --query is added twice.
    auto params = url.params();
    std::vector<bool> present;
    present.reserve(parameters_.size());
    for (const auto& parameter : parameters_) present.push_back(params.contains(parameter.first));
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
        if (!present[i]) params.append({parameters_[i].first, parameters_[i].second});
    }
    http_request.url = std::string(url.buffer());
}

}  // namespace azrest
