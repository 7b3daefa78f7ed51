#pragma once
// Option: a typed key for one per-call option: its name, its type and, where every consumer
// agrees on one, its default. The keys themselves are in options/keys.hpp.
#include <azcore/options/kwargs.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace azcore::options {

/// How a value of type T is stored in Kwargs and read back; specialised for options that take
/// more than one type. from() gives nothing for a value of another type.
template <class T>
struct OptionValue {
    /// The stored value as a T; nothing when it holds another type.
    static std::optional<T> from(const std::any& value) { return any_to<T>(value); }
    /// value as stored in Kwargs.
    static KwValue to(T value) { return KwValue(std::move(value)); }
};

/// An option that takes one of several types (`connection_verify`: a bool or a path): stored as
/// the alternative it holds; read from that alternative, or from the variant itself.
template <class... Alternatives>
struct OptionValue<std::variant<Alternatives...>> {
    /// The option's type.
    using Variant = std::variant<Alternatives...>;
    /// The stored value as the variant: from the variant itself or from any one alternative.
    static std::optional<Variant> from(const std::any& value) {
        if (const auto* whole = std::any_cast<Variant>(&value)) return *whole;
        std::optional<Variant> result;
        (void)((result = from_alternative<Alternatives>(value)) || ...);
        return result;
    }
    /// value as stored in Kwargs: the alternative it holds.
    static KwValue to(Variant value) {
        return std::visit([](auto&& alternative) { return KwValue(std::forward<decltype(alternative)>(alternative)); },
                          std::move(value));
    }

private:
    template <class A>
    static std::optional<Variant> from_alternative(const std::any& value) {
        if (const A* exact = std::any_cast<A>(&value)) return Variant(*exact);
        return std::nullopt;
    }
};

/// An option whose value may be "none" (`request_id`: std::nullopt sends no header): a T or a
/// std::optional<T>.
template <class T>
struct OptionValue<std::optional<T>> {
    /// The stored value, from a std::optional<T> or a plain T; nothing when it holds another type.
    static std::optional<std::optional<T>> from(const std::any& value) {
        if (const auto* maybe = std::any_cast<std::optional<T>>(&value)) return *maybe;
        if (std::optional<T> plain = any_to<T>(value)) return std::optional<T>(std::move(*plain));
        return std::nullopt;
    }
    /// value as stored in Kwargs, a std::optional<T>.
    static KwValue to(std::optional<T> value) { return KwValue(std::move(value)); }
};

/// A per-call option without one default: when it is absent each consumer uses its own
/// configuration (named in the key's documentation). T may be incomplete where the key is
/// declared; it must be complete where the key is used.
template <class T>
class Option {
public:
    /// The option's type.
    using value_type = T;
    /// `expected` describes the accepted types for the error message ("a bool").
    constexpr Option(std::string_view name, std::string_view expected) : name_(name), expected_(expected) {}

    /// The name the option is passed by (Python's keyword).
    constexpr std::string_view name() const { return name_; }
    /// The value, left in place; nothing when absent; std::invalid_argument ("name: expected …")
    /// for a value of another type.
    std::optional<T> get(const Kwargs& kwargs) const {
        const std::any* value = kwargs.find(name_);
        if (value == nullptr) return std::nullopt;
        std::optional<T> typed = OptionValue<T>::from(*value);
        if (!typed) throw std::invalid_argument(std::string(name_) + ": expected " + std::string(expected_));
        return typed;
    }
    /// Like get(), and removes the option.
    std::optional<T> pop(Kwargs& kwargs) const {
        std::optional<T> value = get(kwargs);
        if (value) kwargs.erase(name_);
        return value;
    }
    /// Sets (or replaces) the option.
    void set(Kwargs& kwargs, T value) const { kwargs.set(std::string(name_), OptionValue<T>::to(std::move(value))); }
    /// Whether the call passed it.
    bool in(const Kwargs& kwargs) const { return kwargs.contains(name_); }

private:
    std::string_view name_;
    std::string_view expected_;
};

/// A per-call option with one default that every consumer uses when it is absent.
template <class T>
class DefaultedOption {
public:
    /// The option's type.
    using value_type = T;
    /// The key of option name with its default; `expected` describes the accepted types for the error
    /// message ("a bool").
    constexpr DefaultedOption(std::string_view name, T default_value, std::string_view expected)
        : key_(name, expected), default_(default_value) {}

    /// The name the option is passed by (Python's keyword).
    constexpr std::string_view name() const { return key_.name(); }
    /// The value used when the option is absent.
    constexpr const T& default_value() const { return default_; }
    /// The value, or the default; std::invalid_argument for a value of another type.
    T get(const Kwargs& kwargs) const { return key_.get(kwargs).value_or(default_); }
    /// Like get(), and removes the option.
    T pop(Kwargs& kwargs) const { return key_.pop(kwargs).value_or(default_); }
    /// Whether the call passed it (a value equal to the default included).
    bool in(const Kwargs& kwargs) const { return key_.in(kwargs); }
    /// Sets (or replaces) the option.
    void set(Kwargs& kwargs, T value) const { key_.set(kwargs, std::move(value)); }

private:
    Option<T> key_;
    T default_;
};

}  // namespace azcore::options
