#pragma once
// TraceState: the W3C `tracestate` header, vendor entries that travel with a trace.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::tracing {

/// The ordered `key=value` entries of a W3C Trace Context `tracestate` (at most 32, newest first).
class TraceState {
public:
    /// The most entries a tracestate holds (W3C).
    static constexpr std::size_t max_entries = 32;

    /// No entries.
    TraceState() = default;
    /// Parses a `tracestate` header value; nullopt when it breaks the W3C grammar (bad key or
    /// value, a key twice, more than 32 entries), in which case the header is not propagated.
    /// Empty entries and spaces around commas are allowed.
    static std::optional<TraceState> from_header(std::string_view header);

    /// The value for key, if present.
    std::optional<std::string_view> get(std::string_view key) const;
    /// A copy with key set to value and moved to the front (W3C: an updated entry goes first);
    /// std::invalid_argument naming the key when key or value is not valid, or when adding the
    /// entry would make more than 32.
    TraceState with(std::string_view key, std::string_view value) const;
    /// A copy without key.
    TraceState without(std::string_view key) const;

    /// The header value: entries joined by ",", newest first ("" when empty).
    std::string to_header() const;
    /// Whether there are no entries.
    bool empty() const { return entries_.empty(); }
    /// The (key, value) entries, newest first.
    const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

    /// The W3C key grammar: `lcalpha 0*255(lcalpha / digit / "_" / "-" / "*" / "/")`, or
    /// `tenant@system` (tenant up to 241 characters starting with a letter or digit, system up to
    /// 14 starting with a letter).
    static bool is_valid_key(std::string_view key);
    /// 1 to 256 printable ASCII characters other than "," and "=", not ending in a space.
    static bool is_valid_value(std::string_view value);

    /// Equal when the same entries are in the same order.
    friend bool operator==(const TraceState&, const TraceState&) = default;

private:
    std::vector<std::pair<std::string, std::string>> entries_;
};

}  // namespace azcore::tracing
