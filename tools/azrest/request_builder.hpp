#pragma once
// The first request of a command: METHOD, URL and --body.
#include <azcore/rest/http_request.hpp>

namespace azrest {

struct Arguments;

/// The request METHOD URL with the body of --body: JSON text as given (Content-Type
/// application/json), or @FILE's bytes (application/json when they parse as JSON, else
/// application/octet-stream). UsageError naming --body when the text is not JSON or the file
/// cannot be read. --header and --query are added by the pipeline, to every request.
azcore::rest::HttpRequest make_request(const Arguments& arguments);

}  // namespace azrest
