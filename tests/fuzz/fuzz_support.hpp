#pragma once
// What the fuzz targets share: the input as text lines or as a small HTTP message, and invariant
// checks that hold in every build type (assert is compiled out under NDEBUG).
#include <azcore/utils/case_insensitive_dict.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Aborts with the condition and its place when an invariant fails: libFuzzer reports the crash and
/// keeps the input.
#define AZCORE_FUZZ_CHECK(condition)                                                                  \
    do {                                                                                              \
        if (!(condition)) {                                                                           \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition);    \
            std::abort();                                                                             \
        }                                                                                             \
    } while (false)

namespace azcore::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// text up to the first '\n' (without a '\r' before it), and what follows that '\n'.
inline std::pair<std::string_view, std::string_view> first_line(std::string_view text) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return {line, end == std::string_view::npos ? std::string_view{} : text.substr(end + 1)};
}

/// text cut at each '\n', each line without a trailing '\r'.
inline std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        auto [line, rest] = first_line(text);
        out.push_back(line);
        text = rest;
    }
    return out;
}

/// text without the spaces and tabs around it.
inline std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

/// c lower-cased when it is an ASCII letter (independent of the library's own folding).
constexpr char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

/// text with its ASCII letters lower-cased.
inline std::string fold(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = fold(c);
    return out;
}

/// A header line "name: value" as {name, value}, both trimmed; nullopt without a colon.
inline std::optional<std::pair<std::string_view, std::string_view>> header_line(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    return std::pair{trim(line.substr(0, colon)), trim(line.substr(colon + 1))};
}

/// An input shaped like an HTTP message head and body: header lines up to an empty line, then the body.
struct Message {
    CaseInsensitiveDict headers;
    std::string_view body;
};

inline Message message(std::string_view text) {
    Message out;
    while (!text.empty()) {
        auto [line, rest] = first_line(text);
        text = rest;
        if (line.empty()) break;
        if (auto header = header_line(line)) out.headers.add(header->first, std::string(header->second));
    }
    out.body = text;
    return out;
}

}  // namespace azcore::fuzz
