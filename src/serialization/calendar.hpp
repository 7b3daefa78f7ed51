#pragma once
// What the datetime formats of serialization.hpp share: the range Python's datetime can hold
// (years 1 to 9999) and the HTTP-date writer behind format_rfc7231 and utils::format_http_date.
#include <azcore/serialization.hpp>

#include <chrono>
#include <string>

namespace azcore::serialization::detail {

/// The first and last second Python's datetime can hold: 0001-01-01T00:00:00 and 9999-12-31T23:59:59.
inline constexpr std::chrono::sys_seconds first_second{std::chrono::sys_days{std::chrono::year{1} / 1 / 1}};
inline constexpr std::chrono::sys_seconds last_second{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} +
                                                      std::chrono::seconds(86399)};

/// SerializationError "Cannot serialize datetime: year N is outside 1 to 9999" unless `time` is in range.
void check_serializable(std::chrono::sys_seconds time);

/// IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"; SerializationError outside years 1 to 9999.
std::string format_imf_fixdate(std::chrono::sys_seconds time);

}  // namespace azcore::serialization::detail
