#include <azcore/messaging/cloud_event.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/serialization/json.hpp>
#include <azcore/utils/uuid.hpp>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <ostream>
#include <sstream>
#include <utility>

namespace azcore::messaging {
namespace {

namespace json = boost::json;
using exceptions::DeserializationError;

/// The attributes of the CloudEvents schema that from_dict does not take as extensions (Python's
/// reserved_attr).
constexpr std::array<std::string_view, 10> reserved_attributes{
    "data", "data_base64", "id", "source", "type", "specversion", "time", "dataschema", "datacontenttype", "subject"};

bool is_reserved(std::string_view name) {
    return std::find(reserved_attributes.begin(), reserved_attributes.end(), name) != reserved_attributes.end();
}

constexpr std::string_view bad_extension_name = "Extension attributes should be lower cased and alphanumeric.";

/// Python's key.islower() and key.isalnum(), on the ASCII letters and digits the CloudEvents spec
/// allows: lower-case letters and digits only, at least one letter.
bool is_extension_name(std::string_view name) {
    bool letter = false;
    for (char c : name) {
        if (c >= 'a' && c <= 'z') {
            letter = true;
        } else if (c < '0' || c > '9') {
            return false;
        }
    }
    return letter;
}

/// The message refusing `name` as an extension name, or nothing when it is a good one.
std::optional<std::string> extension_name_error(std::string_view name) {
    if (!is_extension_name(name)) return std::string(bad_extension_name);
    if (is_reserved(name)) return "Extension attribute '" + std::string(name) + "' is a CloudEvent attribute, not an extension.";
    return std::nullopt;
}

std::string_view kind_name(const json::value& value) {
    switch (value.kind()) {
        case json::kind::null: return "null";
        case json::kind::bool_: return "boolean";
        case json::kind::int64:
        case json::kind::uint64:
        case json::kind::double_: return "number";
        case json::kind::string: return "string";
        case json::kind::array: return "array";
        case json::kind::object: return "object";
    }
    return "value";
}

[[noreturn]] void wrong_type(std::string_view name, const json::value& value) {
    throw DeserializationError("CloudEvent attribute '" + std::string(name) + "' must be a string, not " +
                               std::string(kind_name(value)) + ".");
}

/// The string member `name`: nullopt when absent or null; DeserializationError for another type.
std::optional<std::string> optional_string(const json::object& event, std::string_view name) {
    const json::value* value = event.if_contains(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_string()) wrong_type(name, *value);
    return std::string(value->get_string());
}

[[noreturn]] void missing_source_or_type(const json::object& event) {
    // Python takes a KeyError for source or type from an event in Event Grid's own schema as a
    // hint to use EventGridEvent instead.
    constexpr std::array<std::string_view, 6> event_grid_keys{"subject", "eventType", "data", "dataVersion", "id", "eventTime"};
    const bool event_grid_schema = std::all_of(event_grid_keys.begin(), event_grid_keys.end(),
                                               [&](std::string_view key) { return event.contains(key); });
    if (event_grid_schema)
        throw DeserializationError(
            "The event you are trying to parse follows the Eventgrid Schema. You can parse EventGrid events using "
            "EventGridEvent.from_dict method in the azure-eventgrid library.");
    throw DeserializationError(
        "The event does not conform to the cloud event spec https://github.com/cloudevents/spec. The `source` and "
        "`type` params are required.");
}

CloudEventData read_data(const json::object& event) {
    const json::value* data = event.if_contains("data");
    const json::value* data_base64 = event.if_contains("data_base64");
    if (data != nullptr && data_base64 != nullptr)
        throw DeserializationError("Invalid input. Only one of data and data_base64 must be present.");
    if (data != nullptr) return *data;
    if (data_base64 == nullptr) return std::monostate{};
    if (!data_base64->is_string()) wrong_type("data_base64", *data_base64);
    try {
        return serialization::decode_base64(data_base64->get_string());
    } catch (const DeserializationError& error) {
        throw DeserializationError("CloudEvent attribute 'data_base64': " + std::string(error.what()));
    }
}

std::optional<serialization::DateTime> read_time(const json::object& event) {
    const std::optional<std::string> time = optional_string(event, "time");
    if (!time || time->empty()) return std::nullopt;
    try {
        return serialization::parse_datetime(*time);
    } catch (const DeserializationError& error) {
        throw DeserializationError("CloudEvent attribute 'time': " + std::string(error.what()));
    }
}

}  // namespace

CloudEvent::CloudEvent(std::string source, std::string type, CloudEventOptions options)
    : source(std::move(source)),
      type(std::move(type)),
      specversion(options.specversion.empty() ? "1.0" : std::move(options.specversion)),
      id(options.id.empty() ? utils::uuid4() : std::move(options.id)),
      time(options.time ? *options.time
                        : std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now())),
      datacontenttype(std::move(options.datacontenttype)),
      dataschema(std::move(options.dataschema)),
      subject(std::move(options.subject)),
      data(std::move(options.data)),
      extensions(std::move(options.extensions)) {
    for (const auto& member : extensions) {
        if (auto error = extension_name_error(member.key())) throw std::invalid_argument(*error);
    }
}

CloudEvent CloudEvent::from_dict(const json::object& event) {
    // Python's order of checks: data, then source and type, then the other attributes.
    CloudEventData data = read_data(event);
    const json::value* source = event.if_contains("source");
    const json::value* type = event.if_contains("type");
    if (source == nullptr || type == nullptr || source->is_null() || type->is_null()) missing_source_or_type(event);
    if (!source->is_string()) wrong_type("source", *source);
    if (!type->is_string()) wrong_type("type", *type);
    std::optional<std::string> id = optional_string(event, "id");
    std::optional<std::string> specversion = optional_string(event, "specversion");
    std::optional<serialization::DateTime> time = read_time(event);

    json::object extensions;
    for (const auto& member : event) {
        if (is_reserved(member.key())) continue;
        if (auto error = extension_name_error(member.key())) throw DeserializationError(*error);
        extensions.emplace(member.key(), member.value());
    }
    CloudEvent out(std::string(source->get_string()), std::string(type->get_string()),
                   CloudEventOptions{
                       .specversion = specversion.value_or(""),
                       .id = id.value_or(""),
                       .time = time,
                       .datacontenttype = optional_string(event, "datacontenttype"),
                       .dataschema = optional_string(event, "dataschema"),
                       .subject = optional_string(event, "subject"),
                       .data = std::move(data),
                       .extensions = std::move(extensions),
                   });
    out.time = time;  // no time in the object: none, not now
    return out;
}

std::vector<CloudEvent> CloudEvent::from_json(std::string_view text) {
    json::parse_options options;
    options.max_depth = 1000;  // as deep as Python's json (its recursion limit), not Boost's 32
    boost::system::error_code error;
    json::value document = json::parse(text, error, {}, options);
    if (error) throw DeserializationError("Failed to load JSON content from the object.");
    if (document.is_object()) return {from_dict(document.get_object())};
    if (!document.is_array())
        throw DeserializationError("A CloudEvent is a JSON object, and a batch an array of them, not a " +
                                   std::string(kind_name(document)) + ".");
    const json::array& batch = document.get_array();
    std::vector<CloudEvent> events;
    events.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const std::string where = "Event " + std::to_string(i) + " of the batch: ";
        if (!batch[i].is_object())
            throw DeserializationError(where + "a " + std::string(kind_name(batch[i])) + ", not a JSON object.");
        try {
            events.push_back(from_dict(batch[i].get_object()));
        } catch (const DeserializationError& failure) {
            throw DeserializationError(where + failure.what());
        }
    }
    return events;
}

json::object CloudEvent::to_dict() const {
    json::object out;
    out["specversion"] = specversion;
    out["id"] = id;
    out["source"] = source;
    out["type"] = type;
    if (time) out["time"] = serialization::format_datetime(*time);
    if (datacontenttype) out["datacontenttype"] = *datacontenttype;
    if (dataschema) out["dataschema"] = *dataschema;
    if (subject) out["subject"] = *subject;
    if (const auto* value = std::get_if<json::value>(&data)) out["data"] = *value;
    if (const auto* bytes = std::get_if<Bytes>(&data)) out["data_base64"] = serialization::encode_base64(*bytes);
    for (const auto& member : extensions) out[member.key()] = member.value();
    return out;
}

std::string CloudEvent::to_json() const { return serialization::serialize_json(to_dict()); }

std::string CloudEvent::to_json(std::span<const CloudEvent> events) {
    json::array batch;
    batch.reserve(events.size());
    for (const CloudEvent& event : events) batch.emplace_back(event.to_dict());
    return serialization::serialize_json(batch);
}

std::ostream& operator<<(std::ostream& out, const CloudEvent& event) {
    std::string time = "None";
    if (event.time) {
        // Python's str(datetime) of an aware UTC time: a space for the 'T', "+00:00" for the 'Z'.
        time = serialization::format_datetime(*event.time);
        time[10] = ' ';
        time.replace(time.size() - 1, 1, "+00:00");
    }
    std::ostringstream text;
    text << "CloudEvent(source=" << event.source << ", type=" << event.type << ", specversion=" << event.specversion
         << ", id=" << event.id << ", time=" << time << ')';
    return out << text.view().substr(0, 1024);
}

}  // namespace azcore::messaging
