#pragma once
// RequestHistory: one try of a request, as recorded by the retry and redirect policies.
#include <exception>
#include <memory>

namespace azcore::rest {
class HttpRequest;
class HttpResponseBase;
}  // namespace azcore::rest

namespace azcore {

/// A request as it was sent, with the response or the error it got (Python's `RequestHistory`).
struct RequestHistory {
    /// The request as sent on that try.
    std::shared_ptr<rest::HttpRequest> http_request{};
    /// The response it got; null when the try failed.
    std::shared_ptr<rest::HttpResponseBase> http_response{};
    /// The error the try ended with; null when a response came.
    std::exception_ptr error{};
};

}  // namespace azcore
