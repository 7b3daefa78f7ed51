// RFC 3339 datetimes as a service sends them. parse_datetime returns an instant or throws
// DeserializationError; an instant in years 1 to 9999 is written back by format_datetime
// (Python's form) and reads the same; outside them, SerializationError.
#include "fuzz_support.hpp"

#include <azcore/serialization.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = azcore::fuzz::as_text(data, size);
    azcore::serialization::DateTime value;
    try {
        value = azcore::serialization::parse_datetime(text);
    } catch (const azcore::exceptions::DeserializationError&) {
        return 0;
    }
    try {
        const std::string written = azcore::serialization::format_datetime(value);
        AZCORE_FUZZ_CHECK(azcore::serialization::parse_datetime(written) == value);
    } catch (const azcore::exceptions::SerializationError&) {
        const int year = static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(value)).year());
        AZCORE_FUZZ_CHECK(year < 1 || year > 9999);
    }
    return 0;
}
