#pragma once
// The continuation token of a long-running operation: its initial response, self-contained.
#include <azcore/pipeline/pipeline_request.hpp>

#include <string>

namespace azcore::polling {

class PollingClient;

/// base64 of a JSON document holding the version of the format, the initial request's method, URL
/// and x-ms-client-request-id, and the initial response's status, reason, headers and body (as
/// base64). Like Python 1.38's versioned JSON token (not pickle): it holds no credentials of the
/// request, and any process can resume from it. std::logic_error for a response whose body was not
/// read.
std::string encode_continuation_token(const pipeline::PipelineResponse& initial_response);

/// The initial response encoded in continuation_token; its context uses client's transport (no
/// context without a client). std::invalid_argument naming `continuation_token` when it is not a
/// token of this format.
pipeline::PipelineResponse decode_continuation_token(const std::string& continuation_token, const PollingClient& client);

}  // namespace azcore::polling
