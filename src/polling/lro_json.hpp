#pragma once
// The body helpers of the polling algorithms (Python's _is_empty and _as_json in base_polling).
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <exception>

namespace azcore::polling::detail {

/// Whether the (read) body is empty; ResponseNotReadError when it was not read.
inline bool is_empty(const rest::HttpResponseBase& response) { return response.content().empty(); }

/// The body as JSON; DecodeError("Error occurred in deserializing the response body.") when it is not.
inline boost::json::value as_json(const pipeline::PipelineResponse& pipeline_response) {
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(pipeline_response.http_response->text(), error);
    if (error)
        throw exceptions::DecodeError(std::string("Error occurred in deserializing the response body."),
                                      pipeline_response.http_response);
    return value;
}

}  // namespace azcore::polling::detail
