// ISO 8601 durations as a service sends them. parse_duration returns a value or throws
// DeserializationError; a value written by format_duration (Python's form) reads back the same.
#include "fuzz_support.hpp"

#include <azcore/serialization.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = azcore::fuzz::as_text(data, size);
    try {
        const std::chrono::microseconds value = azcore::serialization::parse_duration(text);
        const std::string written = azcore::serialization::format_duration(value);
        AZCORE_FUZZ_CHECK(azcore::serialization::parse_duration(written) == value);
    } catch (const azcore::exceptions::DeserializationError&) {
    }
    return 0;
}
