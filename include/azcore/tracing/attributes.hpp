#pragma once
// Attributes: the key/value pairs of spans, links and instrumentation scopes (OpenTelemetry's
// attribute values: a bool, an integer, a float, a string, or a list of one of them).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace azcore::tracing {

/// One attribute value.
using AttributeValue = std::variant<bool, std::int64_t, double, std::string, std::vector<bool>, std::vector<std::int64_t>,
                                    std::vector<double>, std::vector<std::string>>;

/// An AttributeValue from a plain value: any integer becomes an int64, any floating point a
/// double, text (a literal, a string_view) a string; an AttributeValue or a list is taken as is.
template <class T>
AttributeValue attribute_value(T&& value) {
    using D = std::decay_t<T>;
    if constexpr (std::is_same_v<D, bool>) return AttributeValue(value);
    else if constexpr (std::is_integral_v<D>) return AttributeValue(static_cast<std::int64_t>(value));
    else if constexpr (std::is_floating_point_v<D>) return AttributeValue(static_cast<double>(value));
    else if constexpr (std::is_convertible_v<T, std::string_view> && !std::is_same_v<D, std::string>)
        return AttributeValue(std::string(std::string_view(value)));
    else return AttributeValue(std::forward<T>(value));
}

/// Attributes in the order they were first set; setting a key again replaces its value in place.
class Attributes {
public:
    /// A (key, value) entry.
    using value_type = std::pair<std::string, AttributeValue>;

    /// No attributes.
    Attributes() = default;
    /// Each entry set in order (a repeated key keeps its first position and its last value).
    Attributes(std::initializer_list<value_type> entries);

    /// Sets key to value (made an AttributeValue by attribute_value).
    ///@{
    void set(std::string_view key, AttributeValue value);
    template <class T>
    void set(std::string_view key, T&& value) {
        set(key, attribute_value(std::forward<T>(value)));
    }
    ///@}
    /// Sets every entry of other (its values win).
    void update(const Attributes& other);
    /// The value of key, or nullptr.
    const AttributeValue* find(std::string_view key) const;
    /// Whether key is set.
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    /// The number of attributes.
    std::size_t size() const { return entries_.size(); }
    /// Whether there are none.
    bool empty() const { return entries_.empty(); }
    /// The (key, value) entries in the order the keys were first set.
    ///@{
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }
    ///@}
    /// Equal when the same entries are in the same order.
    friend bool operator==(const Attributes&, const Attributes&) = default;

private:
    std::vector<value_type> entries_;
};

/// The value as it would be printed: strings as is, numbers in their shortest form, lists as
/// "[a, b]", booleans as true/false.
std::string to_string(const AttributeValue& value);

}  // namespace azcore::tracing
