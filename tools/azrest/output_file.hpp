#pragma once
// --output FILE: a response body streamed to a file, resumed when the connection is cut.
#include <azcore/pipeline_client.hpp>

#include <memory>
#include <string>

namespace azcore::rest {
class HttpResponse;
}

namespace azrest {

/// Streams response's body (sent by client with send_options) to path in constant memory through
/// azcore::ResumableBody, with progress on stderr (a bar when stderr is a terminal). On any error the
/// partial file is removed and the error propagates. Returns the bytes written.
std::size_t save_body(const azcore::PipelineClient& client, std::shared_ptr<azcore::rest::HttpResponse> response,
                      azcore::SendRequestOptions send_options, const std::string& path);

}  // namespace azrest
