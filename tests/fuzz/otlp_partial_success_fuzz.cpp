// A collector's answer to an accepted OTLP export (ExportTraceServiceResponse as JSON). Whatever
// the body, partial_success_warning does not throw; a warning names the exported count, holds no
// control character and is valid UTF-8 of bounded size.
#include "fuzz_support.hpp"

#include "rest/text_decoding.hpp"
#include "tracing/sdk/otlp_partial_success.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace azcore::tracing::sdk::detail;
    const std::string_view body = azcore::fuzz::as_text(data, size);
    const auto warning = partial_success_warning(body, 7);
    if (!warning) return 0;
    AZCORE_FUZZ_CHECK(warning->starts_with("the OTLP receiver rejected "));
    AZCORE_FUZZ_CHECK(warning->find(" of 7 spans: ") != std::string::npos);
    // The lead (at most 27 + 20 + 13 + 20 bytes), then the message: each byte at most 4 when
    // escaped, and the ellipsis.
    AZCORE_FUZZ_CHECK(warning->size() <= 80 + 4 * partial_success_message_limit + 3);
    for (const char c : *warning) {
        const auto byte = static_cast<unsigned char>(c);
        AZCORE_FUZZ_CHECK(byte >= 0x20 && byte != 0x7f);
    }
    AZCORE_FUZZ_CHECK(azcore::rest::detail::is_valid_utf8(*warning));
    return 0;
}
