#include <azcore/serialization/model.hpp>

#include <charconv>
#include <string>

namespace azcore::serialization {
namespace {

std::string_view kind_name(const boost::json::value& json) {
    switch (json.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
    }
    return "JSON";
}

template <class Integer>
Integer parse_integer(std::string_view text) {
    Integer number{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        throw exceptions::DeserializationError("expected an integer in a string, got \"" + std::string(text.substr(0, 40)) + "\"");
    }
    return number;
}

}  // namespace

void JsonCodec::throw_unexpected(std::string_view expected, const boost::json::value& json) {
    std::string message = "expected " + std::string(expected) + ", got " + std::string(kind_name(json));
    if (json.is_number()) message += " " + serialize_json(json);
    throw exceptions::DeserializationError(message);
}

void JsonCodec::throw_member_error(std::string_view name, std::string_view reason) {
    throw exceptions::DeserializationError("Cannot deserialize '" + std::string(name) + "': " + std::string(reason));
}

std::int64_t JsonCodec::parse_int64(std::string_view text) { return parse_integer<std::int64_t>(text); }
std::uint64_t JsonCodec::parse_uint64(std::string_view text) { return parse_integer<std::uint64_t>(text); }

}  // namespace azcore::serialization
