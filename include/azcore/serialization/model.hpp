#pragma once
// Models on Boost.JSON, as Python's generated models (_model_base.py's Model and rest_field) and
// azure.core.serialization (as_attribute_dict, attribute_list) give them: a struct described with
// AZCORE_MODEL (Boost.Describe) is a JSON object; its members keep their C++ names and may have a
// different REST name, be read-only or have a wire format; JSON members it does not know are kept
// in an UnknownMembers member and written back. to_json / from_json convert any value: azcore's
// types (DateTime as RFC 3339, durations as ISO 8601, Bytes as base64, Null, Nullable, optionals,
// extensible enums), models, containers, and anything Boost.JSON converts.
#include <azcore/bytes.hpp>
#include <azcore/case_insensitive_enum.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/serialization.hpp>
#include <azcore/serialization/json.hpp>
#include <azcore/serialization/null.hpp>
#include <azcore/serialization/type_handler_registry.hpp>

#include <boost/core/demangle.hpp>
#include <boost/describe/class.hpp>
#include <boost/describe/members.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <concepts>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <typeinfo>
#include <vector>

namespace azcore::serialization {

/// How a value is written on the wire (Python's rest_field(format=...)).
enum class RestFormat {
    Default,    ///< the type's own form (bytes: base64)
    Base64Url,  ///< bytes as base64url without padding
    String,     ///< a number as a JSON string ("10000000000")
};

/// What a model member is on the wire (Python's rest_field): its REST name when it differs from the
/// C++ name, read-only (visibility ["read"]: sent by the service only), its format.
struct RestField {
    /// The member's C++ name.
    std::string_view member{};
    /// Its name in JSON; empty: the C++ name.
    std::string_view name{};
    /// Whether only the service sets it (left out by ToJsonOptions::exclude_readonly).
    bool read_only = false;
    /// How its value is written.
    RestFormat format = RestFormat::Default;
};

/// JSON members a model does not declare, kept from from_json and written back by to_json (as
/// Python's models keep every key of the dict they were built from).
struct UnknownMembers {
    /// The members, in the order read.
    boost::json::object members{};
    /// Equal when the members are.
    friend bool operator==(const UnknownMembers&, const UnknownMembers&) = default;
};

/// Options of to_json.
struct ToJsonOptions {
    /// Leave out read-only members (what a request body must not carry).
    bool exclude_readonly = false;
    /// Handlers consulted before the built-in rules, at every level.
    const TypeHandlerRegistry* registry = nullptr;
    /// The format of the top-level value (members use their RestField's).
    RestFormat format = RestFormat::Default;
    /// Name members by their C++ names (as_attribute_dict) instead of their REST names.
    bool attribute_names = false;
};

/// Options of from_json.
struct FromJsonOptions {
    /// Handlers consulted before the built-in rules, at every level.
    const TypeHandlerRegistry* registry = nullptr;
    /// The format of the top-level value (members use their RestField's).
    RestFormat format = RestFormat::Default;
};

/// Python's is_generated_model: a struct described with AZCORE_MODEL (or BOOST_DESCRIBE_STRUCT).
template <class T>
concept GeneratedModel = std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

/// The rules of to_json and from_json, one value at a time, in the format given.
class JsonCodec {
public:
    /// `value` as JSON, written in `format`.
    template <class T>
    static boost::json::value encode(const T& value, RestFormat format, const ToJsonOptions& options) {
        if (options.registry) {
            if (auto handler = options.registry->template get_serializer<T>()) return handler(value);
        }
        if constexpr (std::is_same_v<T, boost::json::value>) {
            return value;
        } else if constexpr (std::is_same_v<T, Null>) {
            return nullptr;
        } else if constexpr (IsNullable<T>::value) {
            if (!value.has_value()) return nullptr;
            return encode(*value, format, options);
        } else if constexpr (IsOptional<T>::value) {
            if (!value) return nullptr;
            return encode(*value, format, options);
        } else if constexpr (std::is_same_v<T, DateTime>) {
            return boost::json::string(format_datetime(value));
        } else if constexpr (IsDuration<T>::value) {
            return boost::json::string(format_duration(std::chrono::duration_cast<std::chrono::microseconds>(value)));
        } else if constexpr (std::is_same_v<T, Bytes>) {
            return boost::json::string(format == RestFormat::Base64Url ? encode_base64url(value) : encode_base64(value));
        } else if constexpr (std::is_same_v<T, bool>) {
            return value;
        } else if constexpr (std::is_integral_v<T>) {
            if (format == RestFormat::String) return boost::json::string(std::to_string(value));
            return value;
        } else if constexpr (std::is_floating_point_v<T>) {
            if (format == RestFormat::String) return boost::json::string(format_json_number(static_cast<double>(value)));
            return static_cast<double>(value);
        } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
            return boost::json::string(std::string_view(value));
        } else if constexpr (ExtensibleEnum<T>) {
            return boost::json::string(value.value());
        } else if constexpr (GeneratedModel<T>) {
            return encode_model(value, options);
        } else if constexpr (IsStringMap<T>::value) {
            boost::json::object object;
            for (const auto& [key, element] : value) object[key] = encode(element, format, options);
            return object;
        } else if constexpr (IsVector<T>::value) {
            boost::json::array array;
            for (const auto& element : value) array.push_back(encode(element, format, options));
            return array;
        } else if constexpr (boost::json::has_value_from<T>::value) {
            return boost::json::value_from(value);
        } else {
            throw exceptions::SerializationError(std::string("no serializer registered for ") + boost::core::demangle(typeid(T).name()));
        }
    }

    /// A T from `json` written in `format`.
    template <class T>
    static T decode(const boost::json::value& json, RestFormat format, const FromJsonOptions& options) {
        if (options.registry) {
            if (auto handler = options.registry->template get_deserializer<T>()) return handler(json);
        }
        if constexpr (std::is_same_v<T, boost::json::value>) {
            return json;
        } else if constexpr (std::is_same_v<T, Null>) {
            if (!json.is_null()) throw_unexpected("null", json);
            return null;
        } else if constexpr (IsNullable<T>::value) {
            if (json.is_null()) return null;
            return T(decode<typename IsNullable<T>::type>(json, format, options));
        } else if constexpr (IsOptional<T>::value) {
            if (json.is_null()) return std::nullopt;
            return T(decode<typename T::value_type>(json, format, options));
        } else if constexpr (std::is_same_v<T, DateTime>) {
            if (!json.is_string()) throw_unexpected("an RFC 3339 datetime string", json);
            return parse_datetime(json.get_string());
        } else if constexpr (IsDuration<T>::value) {
            if (!json.is_string()) throw_unexpected("an ISO 8601 duration string", json);
            return std::chrono::duration_cast<T>(parse_duration(json.get_string()));
        } else if constexpr (std::is_same_v<T, Bytes>) {
            if (!json.is_string()) throw_unexpected(format == RestFormat::Base64Url ? "a base64url string" : "a base64 string", json);
            return format == RestFormat::Base64Url ? decode_base64url(json.get_string()) : decode_base64(json.get_string());
        } else if constexpr (std::is_same_v<T, bool>) {
            if (!json.is_bool()) throw_unexpected("a boolean", json);
            return json.get_bool();
        } else if constexpr (std::is_integral_v<T>) {
            return decode_integer<T>(json, format);
        } else if constexpr (std::is_floating_point_v<T>) {
            if (!json.is_number()) throw_unexpected("a number", json);
            return static_cast<T>(json.to_number<double>());
        } else if constexpr (std::is_same_v<T, std::string>) {
            if (!json.is_string()) throw_unexpected("a string", json);
            return std::string(json.get_string());
        } else if constexpr (ExtensibleEnum<T>) {
            if (!json.is_string()) throw_unexpected("a string", json);
            return T(std::string(json.get_string()));
        } else if constexpr (GeneratedModel<T>) {
            return decode_model<T>(json, options);
        } else if constexpr (IsStringMap<T>::value) {
            if (!json.is_object()) throw_unexpected("an object", json);
            T map;
            for (const auto& entry : json.get_object()) {
                try {
                    map.emplace(std::string(entry.key()), decode<typename T::mapped_type>(entry.value(), format, options));
                } catch (const exceptions::DeserializationError& error) {
                    throw_member_error(entry.key(), error.what());
                }
            }
            return map;
        } else if constexpr (IsVector<T>::value) {
            if (!json.is_array()) throw_unexpected("an array", json);
            T vector;
            for (const auto& element : json.get_array()) vector.push_back(decode<typename T::value_type>(element, format, options));
            return vector;
        } else if constexpr (!boost::json::has_value_to<T>::value) {
            throw exceptions::DeserializationError(std::string("no deserializer registered for ") + boost::core::demangle(typeid(T).name()));
        } else {
            try {
                return boost::json::value_to<T>(json);
            } catch (const std::system_error& error) {
                throw exceptions::DeserializationError(error.what());
            } catch (const std::invalid_argument& error) {
                throw exceptions::DeserializationError(error.what());
            }
        }
    }

    /// The RestField of T's member `member`: from T::rest_fields when listed there, else the C++ name.
    template <class T>
    static constexpr RestField rest_field(std::string_view member) {
        if constexpr (requires { T::rest_fields; }) {
            for (const RestField& field : T::rest_fields) {
                if (field.member == member) return {member, field.name.empty() ? member : field.name, field.read_only, field.format};
            }
        }
        return {member, member, false, RestFormat::Default};
    }

    /// The public members AZCORE_MODEL described.
    template <class T>
    using Members = boost::describe::describe_members<T, boost::describe::mod_public>;

private:
    template <class T> struct IsOptional : std::false_type {};
    template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
    template <class T> struct IsNullable : std::false_type {};
    template <class T> struct IsNullable<Nullable<T>> : std::true_type { using type = T; };
    template <class T> struct IsDuration : std::false_type {};
    template <class R, class P> struct IsDuration<std::chrono::duration<R, P>> : std::true_type {};
    template <class T> struct IsStringMap : std::false_type {};
    template <class V, class C, class A> struct IsStringMap<std::map<std::string, V, C, A>> : std::true_type {};
    template <class T> struct IsVector : std::false_type {};
    template <class V, class A> struct IsVector<std::vector<V, A>> : std::true_type {};

    /// DeserializationError "expected <expected>, got <the kind of json>".
    [[noreturn]] static void throw_unexpected(std::string_view expected, const boost::json::value& json);
    /// DeserializationError "Cannot deserialize '<name>': <reason>".
    [[noreturn]] static void throw_member_error(std::string_view name, std::string_view reason);
    /// An integer written as a JSON string; DeserializationError when it is not one.
    static std::int64_t parse_int64(std::string_view text);
    static std::uint64_t parse_uint64(std::string_view text);

    template <class T>
    static T decode_integer(const boost::json::value& json, RestFormat format) {
        constexpr auto low = std::numeric_limits<T>::min();
        constexpr auto high = std::numeric_limits<T>::max();
        const std::string range = "an integer from " + std::to_string(low) + " to " + std::to_string(high);
        if (format == RestFormat::String) {
            if (!json.is_string()) throw_unexpected(range + " in a string", json);
            if constexpr (std::is_signed_v<T>) {
                const auto number = parse_int64(json.get_string());
                if (number < low || number > high) throw_unexpected(range, json);
                return static_cast<T>(number);
            } else {
                const auto number = parse_uint64(json.get_string());
                if (number > high) throw_unexpected(range, json);
                return static_cast<T>(number);
            }
        }
        std::error_code error;
        const T number = json.is_number() ? json.to_number<T>(error) : T{};
        if (!json.is_number() || error) throw_unexpected(range, json);
        return number;
    }

    template <class T>
    static boost::json::object encode_model(const T& model, const ToJsonOptions& options) {
        boost::json::object object;
        const UnknownMembers* unknown = nullptr;
        boost::mp11::mp_for_each<Members<T>>([&](auto descriptor) {
            using M = std::remove_cvref_t<decltype(model.*descriptor.pointer)>;
            const M& member = model.*descriptor.pointer;
            if constexpr (std::is_same_v<M, UnknownMembers>) {
                unknown = &member;
            } else {
                const RestField field = rest_field<T>(descriptor.name);
                if (options.exclude_readonly && field.read_only) return;
                if constexpr (IsOptional<M>::value) {
                    if (!member) return;
                } else if constexpr (IsNullable<M>::value) {
                    if (!member.has_member()) return;
                }
                object[options.attribute_names ? field.member : field.name] = encode(member, field.format, options);
            }
        });
        if (unknown) {
            for (const auto& entry : unknown->members) object.emplace(entry.key(), entry.value());
        }
        return object;
    }

    template <class T>
    static T decode_model(const boost::json::value& json, const FromJsonOptions& options) {
        if (!json.is_object()) throw_unexpected("an object", json);
        const boost::json::object& object = json.get_object();
        T model{};
        UnknownMembers* unknown = nullptr;
        std::vector<std::string_view> known;
        boost::mp11::mp_for_each<Members<T>>([&](auto descriptor) {
            using M = std::remove_cvref_t<decltype(model.*descriptor.pointer)>;
            M& member = model.*descriptor.pointer;
            if constexpr (std::is_same_v<M, UnknownMembers>) {
                unknown = &member;
            } else {
                const RestField field = rest_field<T>(descriptor.name);
                known.push_back(field.name);
                const auto* found = object.if_contains(field.name);
                if (!found) return;  // absent: the default, as Python's models leave it unset
                try {
                    member = decode<M>(*found, field.format, options);
                } catch (const exceptions::DeserializationError& error) {
                    throw_member_error(field.name, error.what());
                }
            }
        });
        if (unknown) {
            for (const auto& entry : object) {
                if (std::find(known.begin(), known.end(), std::string_view(entry.key())) == known.end()) {
                    unknown->members.emplace(entry.key(), entry.value());
                }
            }
        }
        return model;
    }
};

/// `value` as JSON (Python's AzureJSONEncoder.default, recursively). SerializationError for
/// datetimes outside years 1-9999.
template <class T>
boost::json::value to_json(const T& value, const ToJsonOptions& options = {}) {
    return JsonCodec::encode(value, options.format, options);
}

/// A T from JSON. DeserializationError naming the member ("Cannot deserialize 'createdAt': expected
/// an RFC 3339 datetime string, got a number"); absent members keep their defaults.
template <class T>
T from_json(const boost::json::value& json, const FromJsonOptions& options = {}) {
    return JsonCodec::decode<T>(json, options.format, options);
}

/// Python's attribute_list: the C++ names of a model's members (its UnknownMembers left out).
template <GeneratedModel T>
std::vector<std::string> attribute_list(const T& = {}) {
    std::vector<std::string> names;
    boost::mp11::mp_for_each<JsonCodec::Members<T>>([&](auto descriptor) {
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*descriptor.pointer)>;
        if constexpr (!std::is_same_v<M, UnknownMembers>) names.emplace_back(descriptor.name);
    });
    return names;
}

/// Python's as_attribute_dict: the model's members under their C++ names (nested models too),
/// absent ones left out, Null as null, unknown members under their JSON names; values in their JSON
/// form (a datetime is its RFC 3339 string). exclude_readonly leaves out read-only members.
template <GeneratedModel T>
boost::json::object as_attribute_dict(const T& model, bool exclude_readonly = false) {
    return to_json(model, {.exclude_readonly = exclude_readonly, .attribute_names = true}).as_object();
}

}  // namespace azcore::serialization

/// Describes a model (BOOST_DESCRIBE_STRUCT) and gives it Boost.JSON's value_from / value_to
/// through to_json / from_json. At namespace scope, after the struct:
///   AZCORE_MODEL(Widget, (name, created_at, unknown))
#define AZCORE_MODEL(Type, Members)                                                                    \
    BOOST_DESCRIBE_STRUCT(Type, (), Members)                                                          \
    inline void tag_invoke(::boost::json::value_from_tag, ::boost::json::value& json, const Type& model) { \
        json = ::azcore::serialization::to_json(model);                                               \
    }                                                                                                  \
    inline Type tag_invoke(::boost::json::value_to_tag<Type>, const ::boost::json::value& json) {     \
        return ::azcore::serialization::from_json<Type>(json);                                        \
    }
