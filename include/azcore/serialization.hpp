#pragma once
// Serialisation of bytes, durations and datetimes as the Azure SDKs write them (Python's
// azure.core.serialization and generated models): base64 and base64url, ISO 8601 durations and
// RFC 3339 datetimes, in Python's output form.
#include <azcore/bytes.hpp>
#include <azcore/exceptions.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace azcore::serialization {

/// Base64 (RFC 4648 §4) with '=' padding: Python's base64.b64encode, how bytes go into JSON.
std::string encode_base64(BytesView data);

/// Base64 with its padding: the standard alphabet only, the length a multiple of four, at most two
/// '=' and only at the end. DeserializationError giving the reason and position (never the text,
/// which may be a key).
Bytes decode_base64(std::string_view text);

/// Base64url (RFC 4648 §5) without padding, as generated models write "base64url" values.
std::string encode_base64url(BytesView data);

/// Base64url with or without its '=' padding (the URL-safe alphabet only). DeserializationError
/// giving the reason and position.
Bytes decode_base64url(std::string_view text);

/// Python's _timedelta_as_isostr: "P4DT12H30M05S". Days only when not zero; hours once days are
/// there, minutes once hours are; two-digit hours, minutes and seconds; up to six fraction digits,
/// trailing zeros dropped ("PT01.5S"). A negative duration keeps Python's floor form: -1 s is
/// "P-1DT23H59M59S".
std::string format_duration(std::chrono::microseconds duration);

/// An ISO 8601 duration: an optional sign, "P", then weeks ("P2W") or days, and after "T" hours,
/// minutes and seconds; each a decimal number, the last given may have a fraction ('.' or ','),
/// rounded to the microsecond (half to even). Years and months have no fixed length and are
/// refused. DeserializationError naming the text and what is wrong; format_duration's output,
/// negative ones included, reads back to the same value.
std::chrono::microseconds parse_duration(std::string_view text);

/// A UTC instant with microseconds (Python's datetime resolution).
using DateTime = std::chrono::sys_time<std::chrono::microseconds>;

/// Python's _datetime_as_isostr: RFC 3339 in UTC, "2024-02-29T23:59:59Z", with ".ffffff" (six
/// digits) when the microseconds are not zero. Years 1 to 9999; SerializationError otherwise.
std::string format_datetime(DateTime time);

/// RFC 3339: "YYYY-MM-DDTHH:MM:SS", an optional fraction of any length (cut to six digits, as
/// Python's generated models do with Azure's seven), then "Z" or an offset "+HH:MM" / "-HH:MM";
/// 'T' and 'Z' in either case. A leap second (":60") is read as ":59". DeserializationError
/// naming the text and what is wrong.
DateTime parse_datetime(std::string_view text);

}  // namespace azcore::serialization
