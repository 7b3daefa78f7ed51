#pragma once
// Python's azure.core.serialization.TypeHandlerRegistry: serializers and deserializers registered
// for user types, used by to_json / from_json before their own rules.
#include <boost/json/value.hpp>

#include <any>
#include <functional>
#include <typeindex>
#include <unordered_map>
#include <utility>

namespace azcore::serialization {

/// Handlers by type. Python also registers handlers by predicate; C++ picks by the static type, so
/// a handler is registered for the exact type it handles.
class TypeHandlerRegistry {
public:
    /// Writes a T as JSON.
    template <class T>
    using Serializer = std::function<boost::json::value(const T&)>;
    /// Reads a T from JSON.
    template <class T>
    using Deserializer = std::function<T(const boost::json::value&)>;

    /// Registers (or replaces) how T is written to JSON.
    template <class T>
    void register_serializer(Serializer<T> handler) {
        serializers_[typeid(T)] = std::move(handler);
    }
    /// Registers (or replaces) how T is read from JSON.
    template <class T>
    void register_deserializer(Deserializer<T> handler) {
        deserializers_[typeid(T)] = std::move(handler);
    }
    /// T's serializer; empty when none is registered.
    template <class T>
    Serializer<T> get_serializer() const {
        const auto found = serializers_.find(typeid(T));
        return found == serializers_.end() ? Serializer<T>{} : std::any_cast<Serializer<T>>(found->second);
    }
    /// T's deserializer; empty when none is registered.
    template <class T>
    Deserializer<T> get_deserializer() const {
        const auto found = deserializers_.find(typeid(T));
        return found == deserializers_.end() ? Deserializer<T>{} : std::any_cast<Deserializer<T>>(found->second);
    }

private:
    std::unordered_map<std::type_index, std::any> serializers_;
    std::unordered_map<std::type_index, std::any> deserializers_;
};

}  // namespace azcore::serialization
