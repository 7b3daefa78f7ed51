#include <azcore/tracing/attributes.hpp>

#include <algorithm>
#include <charconv>
#include <type_traits>

namespace azcore::tracing {
namespace {

std::string scalar_text(bool value) { return value ? "true" : "false"; }
std::string scalar_text(std::int64_t value) { return std::to_string(value); }
std::string scalar_text(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}
std::string scalar_text(const std::string& value) { return value; }

}  // namespace

Attributes::Attributes(std::initializer_list<value_type> entries) {
    for (const auto& [key, value] : entries) set(key, value);
}

void Attributes::set(std::string_view key, AttributeValue value) {
    const auto found = std::find_if(entries_.begin(), entries_.end(), [&](const value_type& entry) { return entry.first == key; });
    if (found != entries_.end()) found->second = std::move(value);
    else entries_.emplace_back(std::string(key), std::move(value));
}

void Attributes::update(const Attributes& other) {
    for (const auto& [key, value] : other) set(key, value);
}

const AttributeValue* Attributes::find(std::string_view key) const {
    for (const auto& [name, value] : entries_)
        if (name == key) return &value;
    return nullptr;
}

std::string to_string(const AttributeValue& value) {
    return std::visit(
        [](const auto& held) -> std::string {
            using T = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<T, std::vector<bool>> || std::is_same_v<T, std::vector<std::int64_t>> ||
                          std::is_same_v<T, std::vector<double>> || std::is_same_v<T, std::vector<std::string>>) {
                std::string out = "[";
                for (std::size_t i = 0; i < held.size(); ++i) {
                    if (i != 0) out += ", ";
                    out += scalar_text(static_cast<typename T::value_type>(held[i]));
                }
                return out + "]";
            } else {
                return scalar_text(held);
            }
        },
        value);
}

}  // namespace azcore::tracing
