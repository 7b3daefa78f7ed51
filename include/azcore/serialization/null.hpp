#pragma once
// Python's azure.core.serialization.NULL: a value that is sent as JSON null, where an absent
// optional member is left out of the JSON object.
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace azcore::serialization {

/// The type of `null` (C++ reserves the name NULL for a macro).
struct Null {
    /// Every Null is equal.
    friend constexpr bool operator==(Null, Null) { return true; }
};

/// Python's NULL: serialised as JSON null, e.g. to delete a member in a JSON merge-patch.
inline constexpr Null null{};

/// A model member with three states: absent (left out of the JSON object), null (JSON null) or a
/// value. `Nullable<std::string> description = null;` sends "description": null.
template <class T>
class Nullable {
public:
    /// Absent.
    constexpr Nullable() = default;
    /// JSON null.
    constexpr Nullable(Null) : state_(std::in_place_index<1>) {}
    /// An absent optional stays absent.
    Nullable(std::optional<T> value) {
        if (value) state_.template emplace<2>(std::move(*value));
    }
    /// A value.
    template <class U>
        requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::remove_cvref_t<U>, Nullable> &&
                 !std::is_same_v<std::remove_cvref_t<U>, Null> && !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>>)
    Nullable(U&& value) : state_(std::in_place_index<2>, std::forward<U>(value)) {}

    /// False when absent.
    bool has_member() const { return state_.index() != 0; }
    /// True when it is JSON null.
    bool is_null() const { return state_.index() == 1; }
    /// True when it holds a value.
    bool has_value() const { return state_.index() == 2; }
    /// The value; std::bad_variant_access when absent or null.
    ///@{
    const T& value() const { return std::get<2>(state_); }
    T& value() { return std::get<2>(state_); }
    const T& operator*() const { return value(); }
    const T* operator->() const { return &value(); }
    ///@}

    /// Equal when both are absent, both null, or both hold equal values.
    friend bool operator==(const Nullable&, const Nullable&) = default;

private:
    std::variant<std::monostate, Null, T> state_;
};

/// JSON null.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& json, Null) { json = nullptr; }

}  // namespace azcore::serialization
