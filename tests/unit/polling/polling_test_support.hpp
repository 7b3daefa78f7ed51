#pragma once
// Shared by the polling tests: the service URL they use, a response body as JSON, and a canned
// MockTransport response.
#include <azcore/bytes.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <boost/json.hpp>

#include <string>
#include <utility>

namespace azcore::polling {

inline const std::string base_url = "https://svc.example";

/// The body of a read response as JSON; null when it is empty.
inline boost::json::value json_body(const pipeline::PipelineResponse& response) {
    const Bytes& content = response.http_response->content();
    if (content.empty()) return nullptr;
    return boost::json::parse(as_string_view(content));
}

/// A MockTransport response with status, body and headers.
inline transport::MockResponse reply(int status, const std::string& body = {}, CaseInsensitiveDict headers = {}) {
    return transport::MockResponse{.status_code = status, .headers = std::move(headers), .body = to_bytes(body)};
}

}  // namespace azcore::polling
