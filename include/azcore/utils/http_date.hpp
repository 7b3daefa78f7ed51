#pragma once
// The HTTP date a client sends in a header (If-Modified-Since, x-ms-date).
#include <chrono>
#include <string>

namespace azcore::utils {

/// RFC 7231's IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT", whatever the process's locale (Python's
/// email.utils.format_datetime(usegmt=True)); the same writer as serialization::format_rfc7231.
/// Years 1 to 9999; exceptions::SerializationError otherwise.
std::string format_http_date(std::chrono::sys_seconds time);

}  // namespace azcore::utils
