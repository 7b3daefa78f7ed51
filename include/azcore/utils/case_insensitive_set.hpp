#pragma once
// CaseInsensitiveSet: a set of names (header names, query keys) whose lookups ignore ASCII case.
#include <azcore/utils/string_utils.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>

namespace azcore::utils {

/// Orders strings by their ASCII lower-case form; transparent, so string_views look up without copies.
struct CaseInsensitiveLess {
    /// Lets sets and maps look up string_views without a copy.
    using is_transparent = void;
    /// Whether a sorts before b, ignoring ASCII case.
    bool operator()(std::string_view a, std::string_view b) const noexcept {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                            [](char x, char y) { return to_lower(x) < to_lower(y); });
    }
};

/// A set of names where "Content-Type" and "content-type" are the same entry (the first casing is kept).
using CaseInsensitiveSet = std::set<std::string, CaseInsensitiveLess>;

}  // namespace azcore::utils

namespace azcore {
using utils::CaseInsensitiveSet;
}  // namespace azcore
