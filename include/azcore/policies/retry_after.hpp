#pragma once
// Retry-After: how long a response asks the client to wait (used by retries and polling).
#include <optional>
#include <string_view>

namespace azcore::rest {
class HttpResponseBase;
}

namespace azcore::policies {

/// Seconds from a Retry-After value: a number of seconds, or an HTTP-date (seconds from now,
/// never negative). std::invalid_argument for anything else.
double parse_retry_after(std::string_view value);

/// The wait a response asks for: `Retry-After` (seconds or HTTP-date), else `retry-after-ms`,
/// else `x-ms-retry-after-ms` (milliseconds); nullopt when none is present. As Python, an
/// unparsable value raises std::invalid_argument.
std::optional<double> get_retry_after(const rest::HttpResponseBase& response);

}  // namespace azcore::policies
