#pragma once
// Kwargs: Python's **kwargs for per-call pipeline options, popped by the policy that owns each
// (options/keys.hpp names each option with its type and default).
#include <any>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

namespace azcore::options {

/// One option value. Integers are stored as int64_t, floating point as double, text as std::string.
class KwValue {
public:
    /// No value.
    KwValue() = default;
    /// value, normalised: an integer as int64_t, a floating point number as double, text as std::string.
    template <class T>
        requires(!std::is_same_v<std::decay_t<T>, KwValue>)
    KwValue(T&& value) : value_(normalize(std::forward<T>(value))) {}  // NOLINT(google-explicit-constructor)
    /// The stored value.
    const std::any& get() const { return value_; }

private:
    template <class T>
    static std::any normalize(T&& value) {
        using D = std::decay_t<T>;
        if constexpr (std::is_same_v<D, bool>) return value;
        else if constexpr (std::is_integral_v<D>) return static_cast<std::int64_t>(value);
        else if constexpr (std::is_floating_point_v<D>) return static_cast<double>(value);
        else if constexpr (std::is_convertible_v<D, std::string_view> && !std::is_same_v<D, std::string>)
            return std::string(std::string_view(value));
        else return D(std::forward<T>(value));
    }
    std::any value_;
};

/// An option's value as T: the value itself, or a stored integer or floating point number
/// converted to an arithmetic T (not bool); nothing for a value of another type.
template <class T>
std::optional<T> any_to(const std::any& value) {
    if (const T* exact = std::any_cast<T>(&value)) return *exact;
    if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
        if (const auto* i = std::any_cast<std::int64_t>(&value)) return static_cast<T>(*i);
        if constexpr (std::is_floating_point_v<T>)
            if (const auto* d = std::any_cast<double>(&value)) return static_cast<T>(*d);
    }
    return std::nullopt;
}

/// Ordered name → value options (Python's **kwargs).
class Kwargs {
public:
    /// No options.
    Kwargs() = default;
    /// Each option set in order: `Kwargs{{"retry_total", 1}, {"stream", true}}`.
    Kwargs(std::initializer_list<std::pair<std::string, KwValue>> items);

    /// Sets (or replaces) an option.
    void set(std::string name, KwValue value);
    /// Whether the option is given.
    bool contains(std::string_view name) const;
    /// Whether no option is given.
    bool empty() const { return items_.empty(); }
    /// The number of options.
    std::size_t size() const { return items_.size(); }
    /// Removes an option; true if it was there.
    bool erase(std::string_view name);
    /// The option's value converted to T, without removing it; std::invalid_argument on a wrong type.
    template <class T>
    std::optional<T> get(std::string_view name) const;
    /// Like get(), and removes the option.
    template <class T>
    std::optional<T> pop(std::string_view name);
    /// The raw value, or nullptr.
    const std::any* find(std::string_view name) const;
    /// The options' names, in order.
    std::vector<std::string> names() const;
    /// The (name, value) pairs in the order they were first set.
    ///@{
    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }
    ///@}

private:
    [[noreturn]] static void wrong_type(std::string_view name, const char* expected);
    std::vector<std::pair<std::string, std::any>> items_;
};

template <class T>
std::optional<T> Kwargs::get(std::string_view name) const {
    const std::any* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (std::optional<T> converted = any_to<T>(*value)) return converted;
    wrong_type(name, typeid(T).name());
}

template <class T>
std::optional<T> Kwargs::pop(std::string_view name) {
    auto value = get<T>(name);
    if (value) erase(name);
    return value;
}

}  // namespace azcore::options
