// Error bodies: the input is a response's header lines (Content-Type and its charset matter), an
// empty line, then the body of a 400. HttpResponseError and ODataV4Error never throw while being
// built; the message is the OData error's str() when the body is one, else the status line; what()
// is valid UTF-8 and a non-OData body is cut to 2048 characters in it. With ARMErrorFormat as the
// error format, the same holds; a body that is an ARM error is an OData error with the same code
// and message and at most as many details (ARM skips details with a bad additionalInfo).
#include "fuzz_support.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/mgmt/exceptions.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include "rest/text_decoding.hpp"

#include <algorithm>
#include <memory>

namespace {

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace azcore::exceptions;
    auto [headers, body] = azcore::fuzz::message(azcore::fuzz::as_text(data, size));
    auto request = std::make_shared<const azcore::rest::HttpRequest>("GET", "https://example.org/items");
    auto response = std::make_shared<azcore::rest::HttpResponseBase>(request, 400, "Bad Request", std::move(headers));
    response->set_content(azcore::to_bytes(body));

    const HttpResponseError error(response);
    const std::string_view what = error.what();
    AZCORE_FUZZ_CHECK(azcore::rest::detail::is_valid_utf8(what));
    AZCORE_FUZZ_CHECK(error.status_code() == 400 && error.reason() == "Bad Request");
    if (error.error()) {
        AZCORE_FUZZ_CHECK(error.message() == error.error()->str());
        AZCORE_FUZZ_CHECK(what == error.message());
        for (const auto& detail : error.error()->details()) AZCORE_FUZZ_CHECK(!detail->str().empty());
    } else {
        AZCORE_FUZZ_CHECK(error.message() == "Operation returned an invalid status 'Bad Request'");
        AZCORE_FUZZ_CHECK(what.starts_with(error.message()) && code_points(what) <= 2048);
    }

    using azcore::mgmt::exceptions::ARMErrorFormat;
    const HttpResponseError arm(response, {.error_format = error_format<ARMErrorFormat>()});
    AZCORE_FUZZ_CHECK(azcore::rest::detail::is_valid_utf8(arm.what()));
    if (const auto* format = arm.error_as<ARMErrorFormat>()) {
        AZCORE_FUZZ_CHECK(arm.message() == format->str() && arm.what() == arm.message());
        AZCORE_FUZZ_CHECK(error.error() && error.error()->code() == format->code() && error.error()->message() == format->message());
        AZCORE_FUZZ_CHECK(format->details().size() <= error.error()->details().size());
        for (const auto& info : format->additional_info()) AZCORE_FUZZ_CHECK(info.str().starts_with("Type: "));
    } else {
        AZCORE_FUZZ_CHECK(arm.error() == nullptr);
        AZCORE_FUZZ_CHECK(arm.message() == "Operation returned an invalid status 'Bad Request'");
    }

    const ODataV4Error odata(response);
    AZCORE_FUZZ_CHECK(azcore::rest::detail::is_valid_utf8(odata.what()));
    AZCORE_FUZZ_CHECK(odata.code() == (error.error() ? error.error()->code() : std::nullopt));
    AZCORE_FUZZ_CHECK(odata.details().size() == (error.error() ? error.error()->details().size() : 0));
    (void)odata.target();
    (void)odata.innererror();
    return 0;
}
