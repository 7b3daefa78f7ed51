// multipart/mixed batch responses as a server sends them. The first line of the input is the
// Content-Type, the rest the body; the batch holds a changeset of two requests, a HEAD and a GET,
// so nested changesets and bodiless parts are reached. Whatever the input, decode_parts returns
// parts or throws std::invalid_argument; every part's body fits in the input, and a HEAD part has none.
#include "fuzz_support.hpp"

#include "rest/multipart_mixed_parser.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using azcore::rest::HttpRequest;
    static const auto requests = [] {
        HttpRequest changeset("POST", "");
        changeset.set_multipart_mixed({HttpRequest("POST", "/t1"), HttpRequest("MERGE", "/t1(r)")});
        return std::vector<std::shared_ptr<HttpRequest>>{std::make_shared<HttpRequest>(std::move(changeset)),
                                                         std::make_shared<HttpRequest>("HEAD", "/h"),
                                                         std::make_shared<HttpRequest>("GET", "/g")};
    }();
    static const auto parent = std::make_shared<HttpRequest>("POST", "/batch");
    const std::string_view text = azcore::fuzz::as_text(data, size);
    const std::size_t newline = text.find('\n');
    const std::string_view content_type = newline == std::string_view::npos ? text : text.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    try {
        for (const auto& part : azcore::rest::detail::decode_parts(body, content_type, requests, parent)) {
            AZCORE_FUZZ_CHECK(part.request != nullptr);
            AZCORE_FUZZ_CHECK(part.body.size() <= body.size());
            AZCORE_FUZZ_CHECK(part.head.status_code >= 0 && part.head.status_code <= 999);
            if (part.request->method == "HEAD") AZCORE_FUZZ_CHECK(part.body.empty());
        }
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
