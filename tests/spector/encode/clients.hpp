#pragma once
// Clients of Spector's encode/datetime and encode/duration specs (@typespec/http-specs), as a
// generator would emit them on azcore: every value is written and read with azcore::serialization
// (RFC 3339, RFC 7231, Unix seconds, ISO 8601 durations) or as the number of seconds or
// milliseconds the operation's @encode names. Query and header arrays are comma-joined; property
// operations POST {"value": ...} and return the value the service sends back; response-header
// operations return the `value` header read back. The last constructor argument of the Async face
// is the executor.
#include "value_client.hpp"

#include <azcore/serialization.hpp>

#include <boost/json/value.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace azcore::spector::encode {

using serialization::DateTime;
using std::chrono::microseconds;

/// The wire forms of a utcDateTime.
enum class DateTimeEncoding { Rfc3339, Rfc7231, UnixTimestamp };
/// The wire forms of a duration.
enum class DurationEncoding { Iso8601, Int32Seconds, FloatSeconds, Int32Milliseconds, FloatMilliseconds };

/// `value` as text (a query or header value) and as JSON (a property), and back.
std::string to_text(DateTime value, DateTimeEncoding encoding);
boost::json::value to_json(DateTime value, DateTimeEncoding encoding);
DateTime datetime_from(const boost::json::value& json, DateTimeEncoding encoding);
DateTime datetime_from(std::string_view text, DateTimeEncoding encoding);
std::string to_text(microseconds value, DurationEncoding encoding);
boost::json::value to_json(microseconds value, DurationEncoding encoding);
microseconds duration_from(const boost::json::value& json, DurationEncoding encoding);

/// The values joined with ',' (a csv array in a query or header).
template <class T, class Encoding>
std::string csv(const std::vector<T>& values, Encoding encoding) {
    std::string out;
    for (const T& value : values) out += (out.empty() ? "" : ",") + to_text(value, encoding);
    return out;
}
/// GET route with the query parameter `name` = text.
rest::HttpRequest get_with_query(std::string route, std::string name, std::string text);
/// GET route with the header `name` = text.
rest::HttpRequest get_with_header(std::string route, std::string name, std::string text);
/// POST route with the body {"value": value}.
rest::HttpRequest post_value(std::string route, boost::json::value value);
/// The body's "value" as T, each element read with read(json).
template <class T, class Read>
auto body_values(Read read) {
    return [read](const rest::HttpResponseBase& response) {
        std::vector<T> values;
        for (const auto& json : response.json().at("value").as_array()) values.push_back(read(json));
        return values;
    };
}

/// encode/datetime.
template <class Face>
class DatetimeClient : public ValueClient<Face> {
public:
    template <FaceExecutor... Executor>
    explicit DatetimeClient(std::string endpoint, Executor... executor)
        : ValueClient<Face>(std::move(endpoint), PipelineClientOptions{}, executor...) {}

    using Encoding = DateTimeEncoding;
    auto query_default(DateTime value) const { return query("default", {value}, Encoding::Rfc3339); }
    auto query_rfc3339(DateTime value) const { return query("rfc3339", {value}, Encoding::Rfc3339); }
    auto query_rfc7231(DateTime value) const { return query("rfc7231", {value}, Encoding::Rfc7231); }
    auto query_unix_timestamp(DateTime value) const { return query("unix-timestamp", {value}, Encoding::UnixTimestamp); }
    auto query_unix_timestamp_array(std::vector<DateTime> values) const {
        return query("unix-timestamp-array", values, Encoding::UnixTimestamp);
    }

    auto property_default(DateTime value) const { return property("default", value, Encoding::Rfc3339); }
    auto property_rfc3339(DateTime value) const { return property("rfc3339", value, Encoding::Rfc3339); }
    auto property_rfc7231(DateTime value) const { return property("rfc7231", value, Encoding::Rfc7231); }
    auto property_unix_timestamp(DateTime value) const { return property("unix-timestamp", value, Encoding::UnixTimestamp); }
    auto property_unix_timestamp_array(std::vector<DateTime> values) const {
        boost::json::array json;
        for (DateTime value : values) json.push_back(to_json(value, Encoding::UnixTimestamp));
        return this->send_then(post_value("/encode/datetime/property/unix-timestamp-array", std::move(json)), {200},
                               body_values<DateTime>([](const boost::json::value& item) {
                                   return datetime_from(item, Encoding::UnixTimestamp);
                               }));
    }

    /// A header's default encoding is RFC 7231.
    auto header_default(DateTime value) const { return header("default", {value}, Encoding::Rfc7231); }
    auto header_rfc3339(DateTime value) const { return header("rfc3339", {value}, Encoding::Rfc3339); }
    auto header_rfc7231(DateTime value) const { return header("rfc7231", {value}, Encoding::Rfc7231); }
    auto header_unix_timestamp(DateTime value) const { return header("unix-timestamp", {value}, Encoding::UnixTimestamp); }
    auto header_unix_timestamp_array(std::vector<DateTime> values) const {
        return header("unix-timestamp-array", values, Encoding::UnixTimestamp);
    }

    auto response_header_default() const { return response_header("default", Encoding::Rfc7231); }
    auto response_header_rfc3339() const { return response_header("rfc3339", Encoding::Rfc3339); }
    auto response_header_rfc7231() const { return response_header("rfc7231", Encoding::Rfc7231); }
    auto response_header_unix_timestamp() const { return response_header("unix-timestamp", Encoding::UnixTimestamp); }

private:
    auto query(std::string route, const std::vector<DateTime>& values, Encoding encoding) const {
        return this->send_void(get_with_query("/encode/datetime/query/" + route, "value", csv(values, encoding)), {204});
    }
    auto header(std::string route, const std::vector<DateTime>& values, Encoding encoding) const {
        return this->send_void(get_with_header("/encode/datetime/header/" + route, "value", csv(values, encoding)), {204});
    }
    auto property(std::string route, DateTime value, Encoding encoding) const {
        return this->send_then(post_value("/encode/datetime/property/" + route, to_json(value, encoding)), {200},
                               [encoding](const rest::HttpResponseBase& response) {
                                   return datetime_from(response.json().at("value"), encoding);
                               });
    }
    auto response_header(std::string route, Encoding encoding) const {
        return this->send_then(rest::HttpRequest("GET", "/encode/datetime/responseheader/" + route), {204},
                               [encoding](const rest::HttpResponseBase& response) {
                                   return datetime_from(response.headers().get("value").value(), encoding);
                               });
    }
};

/// encode/duration. The float and float64 operations differ only in the service's model.
template <class Face>
class DurationClient : public ValueClient<Face> {
public:
    template <FaceExecutor... Executor>
    explicit DurationClient(std::string endpoint, Executor... executor)
        : ValueClient<Face>(std::move(endpoint), PipelineClientOptions{}, executor...) {}

    using Encoding = DurationEncoding;
    /// One operation of each of the Query, Property and Header interfaces: its route and @encode.
    struct Operation {
        const char* route;
        Encoding encoding;
    };
    static constexpr Operation default_ = {"default", Encoding::Iso8601};
    static constexpr Operation iso8601 = {"iso8601", Encoding::Iso8601};
    static constexpr Operation int32_seconds = {"int32-seconds", Encoding::Int32Seconds};
    static constexpr Operation int32_seconds_larger_unit = {"int32-seconds-larger-unit", Encoding::Int32Seconds};
    static constexpr Operation float_seconds = {"float-seconds", Encoding::FloatSeconds};
    static constexpr Operation float_seconds_larger_unit = {"float-seconds-larger-unit", Encoding::FloatSeconds};
    static constexpr Operation float64_seconds = {"float64-seconds", Encoding::FloatSeconds};
    static constexpr Operation int32_milliseconds = {"int32-milliseconds", Encoding::Int32Milliseconds};
    static constexpr Operation int32_milliseconds_larger_unit = {"int32-milliseconds-larger-unit", Encoding::Int32Milliseconds};
    static constexpr Operation float_milliseconds = {"float-milliseconds", Encoding::FloatMilliseconds};
    static constexpr Operation float_milliseconds_larger_unit = {"float-milliseconds-larger-unit", Encoding::FloatMilliseconds};
    static constexpr Operation float64_milliseconds = {"float64-milliseconds", Encoding::FloatMilliseconds};
    static constexpr Operation int32_seconds_array = {"int32-seconds-array", Encoding::Int32Seconds};
    static constexpr Operation int32_milliseconds_array = {"int32-milliseconds-array", Encoding::Int32Milliseconds};
    static constexpr Operation iso8601_array = {"iso8601-array", Encoding::Iso8601};
    static constexpr Operation float_seconds_array = {"float-seconds-array", Encoding::FloatSeconds};
    static constexpr Operation float_milliseconds_array = {"float-milliseconds-array", Encoding::FloatMilliseconds};

    /// Query.<operation>(input): GET with ?input=<values, comma-joined>.
    auto query(Operation operation, std::vector<microseconds> input) const {
        return this->send_void(get_with_query(std::string("/encode/duration/query/") + operation.route, "input", csv(input, operation.encoding)),
                               {204});
    }
    /// Header.<operation>(duration): GET with the header `duration`.
    auto header(Operation operation, std::vector<microseconds> duration) const {
        return this->send_void(
            get_with_header(std::string("/encode/duration/header/") + operation.route, "duration", csv(duration, operation.encoding)), {204});
    }
    /// Property.<operation>(body): the value sent back.
    auto property(Operation operation, microseconds value) const {
        return this->send_then(post_value(std::string("/encode/duration/property/") + operation.route, to_json(value, operation.encoding)),
                               {200}, [encoding = operation.encoding](const rest::HttpResponseBase& response) {
                                   return duration_from(response.json().at("value"), encoding);
                               });
    }
    /// Property.<array operation>(body): the values sent back.
    auto property(Operation operation, std::vector<microseconds> values) const {
        boost::json::array json;
        for (microseconds value : values) json.push_back(to_json(value, operation.encoding));
        return this->send_then(post_value(std::string("/encode/duration/property/") + operation.route, std::move(json)), {200},
                               body_values<microseconds>([encoding = operation.encoding](const boost::json::value& item) {
                                   return duration_from(item, encoding);
                               }));
    }
};

}  // namespace azcore::spector::encode
