// Unix seconds (serialization.hpp), as the generated clients' serialize_unix / deserialize_unix.
#include <azcore/serialization.hpp>

#include "serialization/calendar.hpp"

#include <charconv>

namespace azcore::serialization {

std::int64_t format_unix(DateTime time) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    detail::check_serializable(seconds);
    return seconds.time_since_epoch().count();
}

DateTime parse_unix(std::int64_t seconds) {
    if (seconds < detail::first_second.time_since_epoch().count() || seconds > detail::last_second.time_since_epoch().count())
        throw exceptions::DeserializationError("Cannot deserialize Unix time " + std::to_string(seconds) +
                                               ": it is outside years 1 to 9999");
    return DateTime(std::chrono::seconds(seconds));
}

DateTime parse_unix(std::string_view text) {
    std::int64_t seconds = 0;
    const char* const end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, seconds);
    if (error == std::errc::result_out_of_range)
        throw exceptions::DeserializationError("Cannot deserialize Unix time '" + std::string(text) +
                                               "': it is outside years 1 to 9999");
    if (error != std::errc() || stop != end)
        throw exceptions::DeserializationError("Cannot deserialize Unix time '" + std::string(text) +
                                               "': an integer number of seconds expected");
    return parse_unix(seconds);
}

}  // namespace azcore::serialization
