#include <azcore/utils/case_insensitive_dict.hpp>

#include <azcore/utils/string_utils.hpp>

#include <algorithm>
#include <ostream>

namespace azcore::utils {

namespace {

// Python's repr of a str: single quotes unless the text holds ' and no ", escapes for the rest.
void write_python_repr(std::ostream& out, std::string_view text) {
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = (has_single && !has_double) ? '"' : '\'';
    static constexpr char hex[] = "0123456789abcdef";
    out << quote;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == quote || c == '\\') {
            out << '\\' << c;
        } else if (c == '\n') {
            out << "\\n";
        } else if (c == '\r') {
            out << "\\r";
        } else if (c == '\t') {
            out << "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            out << "\\x" << hex[byte >> 4] << hex[byte & 0x0f];
        } else {
            out << c;
        }
    }
    out << quote;
}

}  // namespace

CaseInsensitiveDict::CaseInsensitiveDict(std::initializer_list<value_type> entries) : entries_(entries) {}

void CaseInsensitiveDict::set(std::string_view name, std::string value) {
    auto first = std::find_if(entries_.begin(), entries_.end(),
                              [&](const value_type& entry) { return iequals(entry.first, name); });
    if (first == entries_.end()) {
        entries_.emplace_back(std::string(name), std::move(value));
        return;
    }
    if (first->first != name) {
        first->first.assign(name);
    }
    first->second = std::move(value);
    entries_.erase(std::remove_if(std::next(first), entries_.end(),
                                  [&](const value_type& entry) { return iequals(entry.first, name); }),
                   entries_.end());
}

void CaseInsensitiveDict::add(std::string_view name, std::string value) {
    entries_.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string> CaseInsensitiveDict::get(std::string_view name) const {
    std::optional<std::string> result;
    for (const auto& [key, value] : entries_) {
        if (!iequals(key, name)) {
            continue;
        }
        if (result) {
            result->append(", ").append(value);
        } else {
            result = value;
        }
    }
    return result;
}

const std::string* CaseInsensitiveDict::find(std::string_view name) const noexcept {
    for (const auto& [key, value] : entries_) {
        if (iequals(key, name)) {
            return &value;
        }
    }
    return nullptr;
}

std::vector<std::string> CaseInsensitiveDict::get_all(std::string_view name) const {
    std::vector<std::string> result;
    for (const auto& [key, value] : entries_) {
        if (iequals(key, name)) {
            result.push_back(value);
        }
    }
    return result;
}

std::size_t CaseInsensitiveDict::erase(std::string_view name) {
    const auto before = entries_.size();
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const value_type& entry) { return iequals(entry.first, name); }),
                   entries_.end());
    return before - entries_.size();
}

void CaseInsensitiveDict::update(const CaseInsensitiveDict& other) {
    if (&other == this) {
        return;
    }
    for (auto it = other.entries_.begin(); it != other.entries_.end(); ++it) {
        const bool seen_before = std::any_of(other.entries_.begin(), it, [&](const value_type& entry) {
            return iequals(entry.first, it->first);
        });
        if (seen_before) {
            add(it->first, it->second);
        } else {
            set(it->first, it->second);
        }
    }
}

bool operator==(const CaseInsensitiveDict& a, const CaseInsensitiveDict& b) noexcept {
    if (a.entries_.size() != b.entries_.size()) {
        return false;
    }
    // For each distinct name of a, its values in a and in b must match one for one. With equal sizes,
    // b can then hold no other name.
    const auto& left = a.entries_;
    const auto& right = b.entries_;
    for (auto it = left.begin(); it != left.end(); ++it) {
        const std::string_view name = it->first;
        const bool first_of_name =
            std::none_of(left.begin(), it, [&](const auto& entry) { return iequals(entry.first, name); });
        if (!first_of_name) {
            continue;
        }
        auto l = it;
        auto r = right.begin();
        const auto next_of = [&](auto from, const auto& entries) {
            return std::find_if(from, entries.end(), [&](const auto& entry) { return iequals(entry.first, name); });
        };
        r = next_of(r, right);
        while (l != left.end() && r != right.end()) {
            if (l->second != r->second) {
                return false;
            }
            l = next_of(std::next(l), left);
            r = next_of(std::next(r), right);
        }
        if (l != left.end() || r != right.end()) {
            return false;
        }
    }
    return true;
}

std::ostream& operator<<(std::ostream& out, const CaseInsensitiveDict& dict) {
    out << '{';
    bool first = true;
    for (auto it = dict.begin(); it != dict.end(); ++it) {
        const bool first_of_name = std::none_of(dict.begin(), it, [&](const auto& entry) {
            return iequals(entry.first, it->first);
        });
        if (!first_of_name) {
            continue;
        }
        if (!first) {
            out << ", ";
        }
        first = false;
        write_python_repr(out, it->first);
        out << ": ";
        write_python_repr(out, dict.get(it->first).value_or(std::string{}));
    }
    return out << '}';
}

}  // namespace azcore::utils
