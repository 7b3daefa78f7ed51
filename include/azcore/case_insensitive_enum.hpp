#pragma once
// Python's CaseInsensitiveEnumMeta, as the other Azure SDKs' "expandable string enums": a string
// enum whose known values compare and look up in any case, and whose unknown values (new ones a
// service sends) are kept as they are, so they survive a round trip.
#include <azcore/exceptions.hpp>
#include <azcore/utils/string_utils.hpp>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace azcore {

/// One known member of a CaseInsensitiveEnum: Python's member name and its value.
struct EnumMember {
    /// Python's member name ("CREATED").
    std::string_view name{};
    /// Its value on the wire ("created").
    std::string_view value{};
};

/// Base of an extensible enum:
///   struct Color : CaseInsensitiveEnum<Color> {
///       using CaseInsensitiveEnum::CaseInsensitiveEnum;
///       static constexpr EnumMember members[] = {{"RED", "red"}, {"BLUE", "blue"}};
///       static const Color RED, BLUE;
///   };
///   inline const Color Color::RED{"red"}, Color::BLUE{"blue"};
/// In JSON (to_json / value_from) it is its string.
template <class Derived>
class CaseInsensitiveEnum {
public:
    /// No value (an empty string).
    CaseInsensitiveEnum() = default;
    /// Any value, known or not, kept as given.
    ///@{
    explicit CaseInsensitiveEnum(std::string value) : value_(std::move(value)) {}
    explicit CaseInsensitiveEnum(const char* value) : value_(value) {}
    ///@}

    /// The value as given or received: what is sent back.
    const std::string& value() const { return value_; }
    /// The known value this one equals in any case, spelled as declared; empty when unknown.
    std::optional<std::string_view> known_value() const {
        for (const auto& member : Derived::members) {
            if (utils::iequals(member.value, value_)) return member.value;
        }
        return std::nullopt;
    }
    /// True when it equals a declared value in any case.
    bool is_known() const { return known_value().has_value(); }

    /// Python's Enum["name"]: the member named `name` in any case. std::invalid_argument naming
    /// the name when there is none.
    static Derived from_name(std::string_view name) {
        for (const auto& member : Derived::members) {
            if (utils::iequals(member.name, name)) return Derived(std::string(member.value));
        }
        throw std::invalid_argument("no member named '" + std::string(name) + "'");
    }

    /// Equal when the values are equal in any case ("Red" == "RED").
    friend bool operator==(const Derived& a, const Derived& b) { return utils::iequals(a.value_, b.value_); }

private:
    std::string value_;
};

/// True for the enums built on CaseInsensitiveEnum.
template <class T>
concept ExtensibleEnum = std::is_base_of_v<CaseInsensitiveEnum<T>, T>;

/// Its value as a JSON string.
template <ExtensibleEnum T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& json, const T& value) {
    json = value.value();
}

/// From a JSON string, known or not; exceptions::DeserializationError for any other JSON.
template <ExtensibleEnum T>
T tag_invoke(boost::json::value_to_tag<T>, const boost::json::value& json) {
    if (!json.is_string()) throw exceptions::DeserializationError("expected a string for an enum value");
    return T(std::string(json.get_string()));
}

}  // namespace azcore
