#include <azcore/options/kwargs.hpp>

namespace azcore::options {

Kwargs::Kwargs(std::initializer_list<std::pair<std::string, KwValue>> items) {
    items_.reserve(items.size());
    for (const auto& [name, value] : items) set(name, value);
}

void Kwargs::set(std::string name, KwValue value) {
    for (auto& item : items_) {
        if (item.first == name) {
            item.second = value.get();
            return;
        }
    }
    if (items_.capacity() == 0) items_.reserve(4);  // a call's options: one allocation, not three
    items_.emplace_back(std::move(name), value.get());
}

bool Kwargs::contains(std::string_view name) const { return find(name) != nullptr; }

bool Kwargs::erase(std::string_view name) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
        if (it->first == name) {
            items_.erase(it);
            return true;
        }
    }
    return false;
}

const std::any* Kwargs::find(std::string_view name) const {
    for (const auto& item : items_)
        if (item.first == name) return &item.second;
    return nullptr;
}

std::vector<std::string> Kwargs::names() const {
    std::vector<std::string> result;
    result.reserve(items_.size());
    for (const auto& item : items_) result.push_back(item.first);
    return result;
}

void Kwargs::wrong_type(std::string_view name, const char* expected) {
    throw std::invalid_argument("option '" + std::string(name) + "' has the wrong type (expected " + expected + ")");
}

}  // namespace azcore::options
