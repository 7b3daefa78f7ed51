// Text of a body: the input's first line is a Content-Type value, the rest the body. The charset
// found is lower-case; decoding with it (when known, through iconv for most names) or with the
// UTF-8 default gives valid UTF-8 or, with a charset, a TextDecodeError; an unknown name is
// refused with std::invalid_argument; a body that is already valid UTF-8 without a BOM decodes to
// itself by default. The body is also decoded with a real charset picked by its length, so that
// iconv's stateful and multi-byte decoders (ISO-2022-JP, UTF-7, GB18030...) see random bytes.
#include "fuzz_support.hpp"

#include "rest/charset_converter.hpp"
#include "rest/text_decoding.hpp"

#include <array>
#include <stdexcept>

namespace {

using namespace azcore::rest::detail;

// Decodes with encoding; checks the outcome is valid UTF-8, a TextDecodeError, or (unknown name)
// std::invalid_argument.
void check_decoding(azcore::BytesView body, const std::string& encoding) {
    const bool known = is_known_encoding(encoding);
    try {
        const std::string text = decode_text(body, encoding);
        AZCORE_FUZZ_CHECK(is_valid_utf8(text));
        AZCORE_FUZZ_CHECK(known || body.empty());
    } catch (const TextDecodeError&) {
        AZCORE_FUZZ_CHECK(known && !body.empty());
    } catch (const std::invalid_argument&) {
        AZCORE_FUZZ_CHECK(!known && !body.empty());
    }
}

constexpr std::array<const char*, 12> kCharsets = {"shift_jis", "utf-16",  "utf-32",    "iso-2022-jp", "koi8-r", "cp1252",
                                                    "euc-kr",    "gb18030", "big5",      "utf-7",       "ascii",  "utf-8"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [content_type, body_text] = azcore::fuzz::first_line(azcore::fuzz::as_text(data, size));
    const azcore::BytesView body(reinterpret_cast<const std::uint8_t*>(body_text.data()), body_text.size());

    const std::string text = decode_text(body, std::nullopt);
    AZCORE_FUZZ_CHECK(is_valid_utf8(text));
    if (is_valid_utf8(body_text) && !body_text.starts_with("\xEF\xBB\xBF")) AZCORE_FUZZ_CHECK(text == body_text);

    check_decoding(body, kCharsets[body.size() % kCharsets.size()]);

    const auto charset = charset_of(content_type);
    if (!charset) return 0;
    AZCORE_FUZZ_CHECK(*charset == azcore::fuzz::fold(*charset));
    check_decoding(body, *charset);
    return 0;
}
