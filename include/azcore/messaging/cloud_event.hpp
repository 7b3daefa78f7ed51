#pragma once
// CloudEvent: an event in the CloudEvents 1.0 JSON format (Python's azure.core.messaging.CloudEvent),
// read from and written to JSON, one event or a batch.
#include <azcore/bytes.hpp>
#include <azcore/serialization.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace azcore::messaging {

/// A CloudEvent's data: none, a JSON value (written as "data"; a JSON null is data too), or bytes
/// (written as "data_base64"). Python's one `data` attribute, whose bytes go out as data_base64.
using CloudEventData = std::variant<std::monostate, boost::json::value, Bytes>;

/// Python's CloudEvent keyword arguments, in its order.
struct CloudEventOptions {
    /// Empty: "1.0".
    std::string specversion{};
    /// Empty: a random uuid4.
    std::string id{};
    /// Unset: now (UTC). An event without a time: clear `time` after construction.
    std::optional<serialization::DateTime> time{};
    /// The media type of data ("application/json").
    std::optional<std::string> datacontenttype{};
    /// The URI of the schema data follows.
    std::optional<std::string> dataschema{};
    /// The subject of the event in the context of its source.
    std::optional<std::string> subject{};
    /// The event's payload.
    CloudEventData data{};
    /// Extension attributes: names of ASCII lower-case letters and digits with at least one letter
    /// (Python's islower() and isalnum()), not a CloudEvent attribute's name; values any JSON.
    boost::json::object extensions{};
};

/// An event in the CloudEvents 1.0 schema. Attributes are public, as Python's are.
class CloudEvent {
public:
    /// std::invalid_argument "Extension attributes should be lower cased and alphanumeric." for a
    /// bad extension name (Python's message), and "Extension attribute 'NAME' is a CloudEvent
    /// attribute, not an extension." for a reserved one.
    CloudEvent(std::string source, std::string type, CloudEventOptions options = {});

    /// One event from its JSON object, by Python's rules: every member that is not a CloudEvent
    /// attribute is an extension; "data_base64" is decoded to bytes; a missing, null or empty id
    /// gets a uuid4 and specversion "1.0"; a missing, null or empty time stays unset; a null
    /// datacontenttype, dataschema or subject is unset. Throws exceptions::DeserializationError (a
    /// std::invalid_argument, as Python's ValueError) with Python's message for a missing source or
    /// type (naming Event Grid's schema when the object follows it), for both data and data_base64,
    /// and for a bad extension name; and naming the attribute for a wrong JSON type, bad base64 or
    /// a time that is not RFC 3339.
    static CloudEvent from_dict(const boost::json::object& event);

    /// Every event of a JSON text: an object is one event, an array a batch (possibly empty).
    /// exceptions::DeserializationError "Failed to load JSON content from the object." for text
    /// that is not JSON (Python's message), and from_dict's errors, prefixed with "Event N of the
    /// batch: " for a batch.
    static std::vector<CloudEvent> from_json(std::string_view json);

    /// The CloudEvents JSON form: the attributes that are set, time in RFC 3339 UTC
    /// (serialization::format_datetime), JSON data as "data", bytes as base64 "data_base64", then
    /// the extensions.
    boost::json::object to_dict() const;
    /// to_dict() as JSON text.
    std::string to_json() const;
    /// A batch as a JSON array of to_dict()s.
    static std::string to_json(std::span<const CloudEvent> events);

    /// Identifies the context in which the event happened.
    std::string source;
    /// The type of event ("Azure.Sdk.Sample").
    std::string type;
    /// The CloudEvents version, "1.0".
    std::string specversion;
    /// The event's id, unique for its source.
    std::string id;
    /// When the event happened; unset when the event has no time.
    std::optional<serialization::DateTime> time;
    /// The media type of data.
    std::optional<std::string> datacontenttype;
    /// The URI of the schema data follows.
    std::optional<std::string> dataschema;
    /// The subject of the event in the context of its source.
    std::optional<std::string> subject;
    /// The payload: none, JSON, or bytes.
    CloudEventData data;
    /// The extension attributes.
    boost::json::object extensions;

    /// Equal when every attribute is.
    friend bool operator==(const CloudEvent&, const CloudEvent&) = default;
};

/// Python's repr: "CloudEvent(source=S, type=T, specversion=1.0, id=I, time=2021-02-18
/// 20:18:10.123456+00:00)" (time=None when unset), cut to 1024 characters.
std::ostream& operator<<(std::ostream& out, const CloudEvent& event);

}  // namespace azcore::messaging
