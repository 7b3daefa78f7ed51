// Connection strings as a user or a service's portal hands them over. Whatever the input, the
// parser returns parts or throws std::invalid_argument; parts have non-empty keys and values, keys
// hold no '=' or ';', values no ';', lower-cased keys hold no ASCII capital, and there are never more
// parts than ';'-separated pieces.
#include "fuzz_support.hpp"

#include <azcore/utils/connection_string.hpp>

#include <algorithm>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = azcore::fuzz::as_text(data, size);
    const auto pieces = static_cast<std::size_t>(std::count(text.begin(), text.end(), ';')) + 1;
    for (const bool case_sensitive : {false, true}) {
        try {
            const azcore::utils::ConnectionStringParts parts = azcore::utils::parse_connection_string(text, case_sensitive);
            AZCORE_FUZZ_CHECK(!parts.empty() && parts.size() <= pieces);
            for (const auto& [key, value] : parts) {
                AZCORE_FUZZ_CHECK(!key.empty() && !value.empty());
                AZCORE_FUZZ_CHECK(key.find_first_of("=;") == std::string::npos && value.find(';') == std::string::npos);
                if (!case_sensitive) AZCORE_FUZZ_CHECK(std::none_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
            }
        } catch (const std::invalid_argument&) {
        }
    }
    return 0;
}
