#pragma once
// Retry-After: how long a response asks the client to wait (used by retries and polling).
#include <chrono>
#include <optional>
#include <string_view>

namespace azcore::rest {
class HttpResponseBase;
}

namespace azcore::policies {

/// Seconds from a Retry-After value (Python's `parse_retry_after`): a number of seconds
/// (fractions allowed, never negative), or an HTTP-date as serialization::parse_rfc7231 reads it
/// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime
/// `Sun Nov  6 08:49:37 1994`), as seconds from now, never negative. std::invalid_argument for
/// anything else.
double parse_retry_after(std::string_view value);
/// The same, with the current time given (for tests and for callers with their own clock).
double parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

/// The wait a response asks for (Python's `get_retry_after`): `Retry-After` (seconds or HTTP-date),
/// else `retry-after-ms`, else `x-ms-retry-after-ms` (milliseconds); empty headers are skipped;
/// nullopt when none is present. As in Python, an unparsable value raises std::invalid_argument.
std::optional<double> get_retry_after(const rest::HttpResponseBase& response);
/// The same, with the current time given.
std::optional<double> get_retry_after(const rest::HttpResponseBase& response, std::chrono::system_clock::time_point now);

}  // namespace azcore::policies
