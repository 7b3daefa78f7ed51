// Long-running-operation responses: the input's first line is "<initial request method> <status>",
// then the response's header lines (Operation-Location, Azure-AsyncOperation, Location…), an empty
// line and the body. Each polling algorithm, with each final-state-via, reads it as an initial
// response and as a status response: it gives a non-empty status or throws one of the documented
// errors (OperationFailed, BadResponse, DecodeError), and nothing else. Its continuation token
// decodes back to the same response.
#include "fuzz_support.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/polling/continuation_token.hpp>
#include <azcore/polling/exceptions.hpp>
#include <azcore/polling/long_running_operation.hpp>
#include <azcore/polling/polling_method.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <array>
#include <charconv>
#include <memory>

namespace {

using namespace azcore;
using namespace azcore::polling;

constexpr std::array<const char*, 5> final_states = {"", "location", "azure-async-operation", "operation-location",
                                                     "original-uri"};

// Runs a documented-to-throw step; false when it threw one of the polling errors.
template <class Step>
bool documented(Step&& step) {
    try {
        step();
        return true;
    } catch (const OperationFailed&) {
    } catch (const BadResponse&) {
    } catch (const exceptions::DecodeError&) {
    }
    return false;
}

void poll(LongRunningOperation& algorithm, const pipeline::PipelineResponse& response) {
    if (!algorithm.can_poll(response)) return;
    if (!documented([&] { AZCORE_FUZZ_CHECK(!algorithm.set_initial_status(response).empty()); })) return;
    documented([&] { AZCORE_FUZZ_CHECK(!algorithm.get_status(response).empty()); });
    documented([&] {
        if (auto url = algorithm.get_final_get_url(response)) AZCORE_FUZZ_CHECK(!url->empty());
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [request_line, rest] = fuzz::first_line(fuzz::as_text(data, size));
    const std::size_t space = request_line.find(' ');
    const std::string method(request_line.substr(0, space));
    int status = 202;
    if (space != std::string_view::npos) std::from_chars(request_line.data() + space + 1, request_line.data() + request_line.size(), status);
    auto [headers, body] = fuzz::message(rest);

    auto request = std::make_shared<rest::HttpRequest>(method, "https://example.org/resource?api-version=1");
    auto http_response = std::make_shared<rest::HttpResponseBase>(request, status, "Status", std::move(headers));
    http_response->set_content(to_bytes(body));
    const pipeline::PipelineResponse response{request, http_response, nullptr};

    for (const char* header : {"operation-location", "azure-asyncoperation"}) {
        for (const char* via : final_states) {
            OperationResourcePolling algorithm(header, LroOptions{.final_state_via = via});
            poll(algorithm, response);
        }
    }
    LocationPolling location;
    poll(location, response);

    const auto decoded = decode_continuation_token(encode_continuation_token(response), PollingClient{});
    AZCORE_FUZZ_CHECK(decoded.http_request->method == method && decoded.http_request->url == request->url);
    AZCORE_FUZZ_CHECK(decoded.http_response->status_code() == status);
    AZCORE_FUZZ_CHECK(decoded.http_response->headers() == http_response->headers());
    AZCORE_FUZZ_CHECK(decoded.http_response->content() == http_response->content());
    return 0;
}
