// Text of a body: the input's first line is a Content-Type value, the rest the body. The charset
// found is lower-case; decoding with it (when known) or with the UTF-8 default gives valid UTF-8,
// and a body that is already valid UTF-8 without a BOM decodes to itself.
#include "fuzz_support.hpp"

#include "rest/text_decoding.hpp"

#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace azcore::rest::detail;
    const auto [content_type, body_text] = azcore::fuzz::first_line(azcore::fuzz::as_text(data, size));
    const azcore::BytesView body(reinterpret_cast<const std::uint8_t*>(body_text.data()), body_text.size());

    const std::string text = decode_text(body, std::nullopt);
    AZCORE_FUZZ_CHECK(is_valid_utf8(text));
    if (is_valid_utf8(body_text) && !body_text.starts_with("\xEF\xBB\xBF")) AZCORE_FUZZ_CHECK(text == body_text);

    const auto charset = charset_of(content_type);
    if (!charset) return 0;
    AZCORE_FUZZ_CHECK(*charset == azcore::fuzz::fold(*charset));
    if (!is_known_encoding(*charset)) {
        bool rejected = false;
        try {
            decode_text(body, charset);
        } catch (const std::invalid_argument&) {
            rejected = true;
        }
        AZCORE_FUZZ_CHECK(rejected);
        return 0;
    }
    AZCORE_FUZZ_CHECK(is_valid_utf8(decode_text(body, charset)));
    return 0;
}
