#pragma once
// CaseInsensitiveDict: HTTP headers (Python's `azure.core.utils.CaseInsensitiveDict`), multi-value aware.
#include <cstddef>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::utils {

/// Ordered (name, value) entries whose lookups ignore ASCII case.
///
/// The casing a name was last `set` with is kept for output. A name may carry several values
/// (several header lines): `set` replaces them all, `add` appends one more, `get` joins them with
/// ", " and `get_all` returns them one by one. Iteration yields one (name, value) pair per value, in
/// insertion order. Entries live in a small vector: headers are few, and a linear ASCII-case-insensitive
/// scan beats hashing at that size.
class CaseInsensitiveDict {
public:
    /// A (name, value) entry.
    using value_type = std::pair<std::string, std::string>;
    /// The container of the entries.
    using container_type = std::vector<value_type>;
    /// Iterators over the entries, read-only (set and add keep the names' invariants).
    ///@{
    using const_iterator = container_type::const_iterator;
    using iterator = const_iterator;
    ///@}
    /// A count of entries.
    using size_type = std::size_t;

    /// No entries.
    CaseInsensitiveDict() = default;
    /// Each pair is added in order: a name given twice gets two values.
    CaseInsensitiveDict(std::initializer_list<value_type> entries);

    /// Replaces every value of name with value; the entry keeps its position and takes this casing.
    void set(std::string_view name, std::string value);
    /// Appends another value for name (a name not present yet is added at the end).
    void add(std::string_view name, std::string value);

    /// The values of name joined with ", ", or nullopt when name is absent.
    std::optional<std::string> get(std::string_view name) const;
    /// The first value of name, or nullptr when absent; no allocation.
    const std::string* find(std::string_view name) const noexcept;
    /// Every value of name, in order (empty when absent).
    std::vector<std::string> get_all(std::string_view name) const;
    /// Whether name has a value.
    bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }

    /// Removes every value of name; returns how many entries were removed.
    std::size_t erase(std::string_view name);
    /// Sets each name of other (all of its values), as Python's dict.update.
    void update(const CaseInsensitiveDict& other);

    /// The number of (name, value) entries: a name with two values counts twice.
    std::size_t size() const noexcept { return entries_.size(); }
    /// Whether there are no entries.
    bool empty() const noexcept { return entries_.empty(); }
    /// Removes every entry.
    void clear() noexcept { entries_.clear(); }
    /// Makes room for count entries.
    void reserve(std::size_t count) { entries_.reserve(count); }

    /// The entries, one (name, value) pair per value, in insertion order.
    ///@{
    const_iterator begin() const noexcept { return entries_.begin(); }
    const_iterator end() const noexcept { return entries_.end(); }
    ///@}

    /// Same names (ignoring case) with the same values in the same order per name; the order of
    /// distinct names does not matter.
    friend bool operator==(const CaseInsensitiveDict& a, const CaseInsensitiveDict& b) noexcept;

private:
    container_type entries_;
};

/// Like Python's repr of a dict: {'Content-Type': 'text/plain', 'Accept': 'a, b'}; several values of
/// one name are shown joined, under the name's first casing.
std::ostream& operator<<(std::ostream& out, const CaseInsensitiveDict& dict);

}  // namespace azcore::utils

namespace azcore {
using utils::CaseInsensitiveDict;
}  // namespace azcore
