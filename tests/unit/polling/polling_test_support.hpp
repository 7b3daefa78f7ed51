#pragma once
// Shared by the polling tests: the service URL they use and a response body as JSON.
#include <azcore/bytes.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json.hpp>

#include <string>

namespace azcore::polling {

inline const std::string base_url = "https://svc.example";

/// The body of a read response as JSON; null when it is empty.
inline boost::json::value json_body(const pipeline::PipelineResponse& response) {
    const Bytes& content = response.http_response->content();
    if (content.empty()) return nullptr;
    return boost::json::parse(as_string_view(content));
}

}  // namespace azcore::polling
