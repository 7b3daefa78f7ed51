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
    std::shared_ptr<rest::HttpRequest> http_request{};
    std::shared_ptr<rest::HttpResponseBase> http_response{};
    std::exception_ptr error{};
};

}  // namespace azcore
