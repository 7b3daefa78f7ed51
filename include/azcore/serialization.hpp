#pragma once
// Serialisation of bytes, durations and datetimes as the Azure SDKs write them (Python's
// azure.core.serialization and the generated clients' Serializer): base64 and base64url, ISO 8601
// durations, and RFC 3339, RFC 7231 and Unix-seconds datetimes, in Python's output form.
#include <azcore/bytes.hpp>
#include <azcore/exceptions.hpp>

#include <chrono>
#include <cstdint>
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

/// The generated clients' serialize_duration (isodate.duration_isoformat): the shortest ISO 8601
/// form, "P40D", "PT35.625S", "P1DT2H", "P0D", a leading '-' when negative ("-PT1S"). What
/// services and Spector expect on the wire; parse_duration reads it back.
std::string format_duration_isodate(std::chrono::microseconds duration);

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

/// RFC 7231's IMF-fixdate in GMT, "Fri, 26 Aug 2022 14:38:00 GMT" (the generated clients'
/// serialize_rfc), whatever the process's locale; sub-seconds are dropped. Years 1 to 9999;
/// SerializationError otherwise.
std::string format_rfc7231(DateTime time);

/// An HTTP-date in any of RFC 7231's three forms: IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT",
/// RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" (two-digit years 69-99 are 19xx, 00-68 are 20xx, as
/// Python's email.utils) and asctime "Sun Nov  6 08:49:37 1994". Like Python's parsedate_tz: names
/// in any case, the weekday optional and not checked, seconds optional, and the zone GMT, UT, UTC,
/// Z, a numeric offset ("+0100") or none (GMT). A leap second (":60") is read as ":59".
/// DeserializationError naming the text and what is wrong.
DateTime parse_rfc7231(std::string_view text);

/// Whole seconds since 1970-01-01T00:00:00Z (the generated clients' serialize_unix): sub-seconds
/// are dropped (rounded down, also before 1970). Years 1 to 9999; SerializationError otherwise.
std::int64_t format_unix(DateTime time);

/// The instant `seconds` after 1970-01-01T00:00:00Z (deserialize_unix), as a JSON number gives it.
/// Years 1 to 9999 (-62135596800 to 253402300799); DeserializationError otherwise.
DateTime parse_unix(std::int64_t seconds);
/// The same from text (a header or query value): an optional '-' and decimal digits, nothing else.
DateTime parse_unix(std::string_view text);

}  // namespace azcore::serialization
