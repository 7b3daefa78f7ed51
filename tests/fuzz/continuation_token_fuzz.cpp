// Continuation tokens as given back to from_continuation_token (base64 of JSON). A token decodes or
// throws std::invalid_argument; a decoded token encodes again to a token that decodes to the same
// request (method, URL, request id) and response.
#include "fuzz_support.hpp"

#include <azcore/polling/continuation_token.hpp>
#include <azcore/polling/polling_method.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace azcore::polling;
    const std::string token(azcore::fuzz::as_text(data, size));
    azcore::pipeline::PipelineResponse decoded;
    try {
        decoded = decode_continuation_token(token, PollingClient{});
    } catch (const std::invalid_argument&) {
        return 0;
    }
    const auto again = decode_continuation_token(encode_continuation_token(decoded), PollingClient{});
    AZCORE_FUZZ_CHECK(again.http_request->method == decoded.http_request->method);
    AZCORE_FUZZ_CHECK(again.http_request->url == decoded.http_request->url);
    // Of the request's headers a token keeps only the request id.
    AZCORE_FUZZ_CHECK(again.http_request->headers.get("x-ms-client-request-id") ==
                      decoded.http_request->headers.get("x-ms-client-request-id"));
    AZCORE_FUZZ_CHECK(again.http_response->status_code() == decoded.http_response->status_code());
    AZCORE_FUZZ_CHECK(again.http_response->reason() == decoded.http_response->reason());
    AZCORE_FUZZ_CHECK(again.http_response->headers() == decoded.http_response->headers());
    AZCORE_FUZZ_CHECK(again.http_response->content() == decoded.http_response->content());
    return 0;
}
