#include <azcore/tracing/trace_state.hpp>

#include <algorithm>
#include <stdexcept>

namespace azcore::tracing {
namespace {

bool is_lcalpha(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_key_char(char c) { return is_lcalpha(c) || is_digit(c) || c == '_' || c == '-' || c == '*' || c == '/'; }

/// A first character, then up to max_rest key characters.
bool is_key_part(std::string_view part, bool digit_first, std::size_t max_rest) {
    if (part.empty() || part.size() > max_rest + 1) return false;
    if (!is_lcalpha(part[0]) && !(digit_first && is_digit(part[0]))) return false;
    return std::all_of(part.begin() + 1, part.end(), is_key_char);
}

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

bool TraceState::is_valid_key(std::string_view key) {
    const std::size_t at = key.find('@');
    if (at == std::string_view::npos) return is_key_part(key, false, 255);
    return is_key_part(key.substr(0, at), true, 240) && is_key_part(key.substr(at + 1), false, 13);
}

bool TraceState::is_valid_value(std::string_view value) {
    if (value.empty() || value.size() > 256 || value.back() == ' ') return false;
    return std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7e && c != ',' && c != '='; });
}

std::optional<TraceState> TraceState::from_header(std::string_view header) {
    TraceState state;
    while (true) {
        const std::size_t comma = header.find(',');
        const std::string_view member = trim_ows(header.substr(0, comma));
        if (!member.empty()) {
            const std::size_t equals = member.find('=');
            if (equals == std::string_view::npos) return std::nullopt;
            const std::string_view key = member.substr(0, equals);
            const std::string_view value = member.substr(equals + 1);
            if (!is_valid_key(key) || !is_valid_value(value) || state.get(key)) return std::nullopt;
            if (state.entries_.size() == max_entries) return std::nullopt;
            state.entries_.emplace_back(key, value);
        }
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return state;
}

std::optional<std::string_view> TraceState::get(std::string_view key) const {
    for (const auto& [name, value] : entries_)
        if (name == key) return value;
    return std::nullopt;
}

TraceState TraceState::with(std::string_view key, std::string_view value) const {
    if (!is_valid_key(key)) throw std::invalid_argument("tracestate: \"" + std::string(key) + "\" is not a valid key");
    if (!is_valid_value(value))
        throw std::invalid_argument("tracestate: the value for \"" + std::string(key) + "\" is not valid");
    TraceState updated = without(key);
    if (updated.entries_.size() == max_entries)
        throw std::invalid_argument("tracestate: adding \"" + std::string(key) + "\" would make more than 32 entries");
    updated.entries_.emplace(updated.entries_.begin(), key, value);
    return updated;
}

TraceState TraceState::without(std::string_view key) const {
    TraceState copy = *this;
    std::erase_if(copy.entries_, [&](const auto& entry) { return entry.first == key; });
    return copy;
}

std::string TraceState::to_header() const {
    std::string out;
    for (const auto& [key, value] : entries_) {
        if (!out.empty()) out += ',';
        out.append(key).append("=").append(value);
    }
    return out;
}

}  // namespace azcore::tracing
