#include "encode/clients.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace azcore::spector::encode {
namespace {

/// The shortest decimal that reads back as `value` ("35.625", "150"), as JavaScript writes numbers.
std::string shortest(double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) throw std::logic_error("to_chars failed");
    return std::string(buffer, end);
}

double seconds_of(microseconds value) { return std::chrono::duration<double>(value).count(); }
double milliseconds_of(microseconds value) { return std::chrono::duration<double, std::milli>(value).count(); }

}  // namespace

std::string to_text(DateTime value, DateTimeEncoding encoding) {
    switch (encoding) {
    case DateTimeEncoding::Rfc3339: return serialization::format_datetime(value);
    case DateTimeEncoding::Rfc7231: return serialization::format_rfc7231(value);
    case DateTimeEncoding::UnixTimestamp: return std::to_string(serialization::format_unix(value));
    }
    throw std::invalid_argument("encoding");
}

boost::json::value to_json(DateTime value, DateTimeEncoding encoding) {
    if (encoding == DateTimeEncoding::UnixTimestamp) return serialization::format_unix(value);
    return boost::json::string(to_text(value, encoding));
}

DateTime datetime_from(const boost::json::value& json, DateTimeEncoding encoding) {
    if (encoding == DateTimeEncoding::UnixTimestamp) return serialization::parse_unix(json.to_number<std::int64_t>());
    return datetime_from(std::string_view(json.as_string()), encoding);
}

DateTime datetime_from(std::string_view text, DateTimeEncoding encoding) {
    switch (encoding) {
    case DateTimeEncoding::Rfc3339: return serialization::parse_datetime(text);
    case DateTimeEncoding::Rfc7231: return serialization::parse_rfc7231(text);
    case DateTimeEncoding::UnixTimestamp: return serialization::parse_unix(text);
    }
    throw std::invalid_argument("encoding");
}

std::string to_text(microseconds value, DurationEncoding encoding) {
    switch (encoding) {
    case DurationEncoding::Iso8601: return serialization::format_duration_isodate(value);
    case DurationEncoding::Int32Seconds: return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(value).count());
    case DurationEncoding::FloatSeconds: return shortest(seconds_of(value));
    case DurationEncoding::Int32Milliseconds: return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(value).count());
    case DurationEncoding::FloatMilliseconds: return shortest(milliseconds_of(value));
    }
    throw std::invalid_argument("encoding");
}

boost::json::value to_json(microseconds value, DurationEncoding encoding) {
    switch (encoding) {
    case DurationEncoding::Iso8601: return boost::json::string(serialization::format_duration_isodate(value));
    case DurationEncoding::Int32Seconds: return std::chrono::duration_cast<std::chrono::seconds>(value).count();
    case DurationEncoding::FloatSeconds: return seconds_of(value);
    case DurationEncoding::Int32Milliseconds: return std::chrono::duration_cast<std::chrono::milliseconds>(value).count();
    case DurationEncoding::FloatMilliseconds: return milliseconds_of(value);
    }
    throw std::invalid_argument("encoding");
}

microseconds duration_from(const boost::json::value& json, DurationEncoding encoding) {
    switch (encoding) {
    case DurationEncoding::Iso8601: return serialization::parse_duration(std::string_view(json.as_string()));
    case DurationEncoding::Int32Seconds: return std::chrono::seconds(json.to_number<std::int64_t>());
    case DurationEncoding::FloatSeconds: return microseconds(std::llround(json.to_number<double>() * 1e6));
    case DurationEncoding::Int32Milliseconds: return std::chrono::milliseconds(json.to_number<std::int64_t>());
    case DurationEncoding::FloatMilliseconds: return microseconds(std::llround(json.to_number<double>() * 1e3));
    }
    throw std::invalid_argument("encoding");
}

rest::HttpRequest get_with_query(std::string route, std::string name, std::string text) {
    return rest::HttpRequest("GET", std::move(route), {.params = {{std::move(name), std::move(text)}}});
}

rest::HttpRequest get_with_header(std::string route, std::string name, std::string text) {
    return rest::HttpRequest("GET", std::move(route), {.headers = {{std::move(name), std::move(text)}}});
}

rest::HttpRequest post_value(std::string route, boost::json::value value) {
    return rest::HttpRequest("POST", std::move(route), {.json = boost::json::object{{"value", std::move(value)}}});
}

}  // namespace azcore::spector::encode
