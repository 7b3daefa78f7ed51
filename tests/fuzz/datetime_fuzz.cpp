// Datetimes as a service sends them, read by each of the three parsers of serialization.hpp: RFC
// 3339 (parse_datetime), RFC 7231 (parse_rfc7231) and Unix seconds (parse_unix). Each returns an
// instant or throws DeserializationError; an instant in years 1 to 9999 is written back by the
// matching formatter and reads the same; outside them, the formatter throws SerializationError.
#include "fuzz_support.hpp"

#include <azcore/serialization.hpp>

namespace {

using azcore::serialization::DateTime;

bool outside_years_1_to_9999(DateTime value) {
    const int year = static_cast<int>(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(value)).year());
    return year < 1 || year > 9999;
}

/// parse(text), then format and parse again: the same instant, or SerializationError out of range.
template <class Parse, class Format>
void round_trip(std::string_view text, Parse parse, Format format) {
    DateTime value;
    try {
        value = parse(text);
    } catch (const azcore::exceptions::DeserializationError&) {
        return;
    }
    try {
        AZCORE_FUZZ_CHECK(parse(format(value)) == value);
    } catch (const azcore::exceptions::SerializationError&) {
        AZCORE_FUZZ_CHECK(outside_years_1_to_9999(value));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace s = azcore::serialization;
    const std::string_view text = azcore::fuzz::as_text(data, size);
    round_trip(text, [](std::string_view t) { return s::parse_datetime(t); }, [](DateTime v) { return s::format_datetime(v); });
    round_trip(text, [](std::string_view t) { return s::parse_rfc7231(t); }, [](DateTime v) { return s::format_rfc7231(v); });
    round_trip(text, [](std::string_view t) { return s::parse_unix(t); }, [](DateTime v) { return std::to_string(s::format_unix(v)); });
    return 0;
}
