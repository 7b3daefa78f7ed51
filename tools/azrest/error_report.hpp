#pragma once
// Errors as azrest reports them: one line on stderr, and the exit code of their class.
#include <exception>

namespace azcore::exceptions {
class HttpResponseError;
}

namespace azrest {

/// Prints "azrest: HTTP <status> <reason>[: <code>][: <message>][ (<request id header>: <id>)]" and
/// returns exit_authentication for 401 and 403, else exit_http_error.
int report_http_error(const azcore::exceptions::HttpResponseError& error);

/// Prints one line for the exception being handled and returns its exit code: usage errors,
/// connection errors, HTTP errors, anything else (exit_bad_response).
int report_error(std::exception_ptr error);

}  // namespace azrest
