#pragma once
// JSON compared as a reader sees it, for fuzz targets that check a write-then-read round trip, and
// the doubles JSON cannot write.
#include <boost/json/value.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace azcore::fuzz {

/// a and b are the same JSON, numbers compared as numbers: Boost.JSON 1.81 reads some doubles a few
/// ulps off (its parser is not exact), so a double read back may differ in its last bits.
inline bool same_json(const boost::json::value& a, const boost::json::value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_double() || b.is_double()) {
            const double x = a.to_number<double>(), y = b.to_number<double>();
            return x == y || std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y));
        }
        return a == b || (a.is_int64() && b.is_uint64() && a.get_int64() >= 0 && std::uint64_t(a.get_int64()) == b.get_uint64()) ||
               (a.is_uint64() && b.is_int64() && b.get_int64() >= 0 && std::uint64_t(b.get_int64()) == a.get_uint64());
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        const auto &x = a.get_array(), &y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!same_json(x[i], y[i])) return false;
        }
        return true;
    }
    if (a.is_object()) {
        const auto &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size()) return false;
        for (const auto& entry : x) {
            const auto* other = y.if_contains(entry.key());
            if (!other || !same_json(entry.value(), *other)) return false;
        }
        return true;
    }
    return a == b;
}

/// Whether json holds a double that is NaN or infinite (which JSON cannot write).
inline bool has_non_finite(const boost::json::value& json) {
    if (json.is_double()) return !std::isfinite(json.get_double());
    if (json.is_array())
        return std::any_of(json.get_array().begin(), json.get_array().end(), [](const auto& v) { return has_non_finite(v); });
    if (json.is_object())
        return std::any_of(json.get_object().begin(), json.get_object().end(),
                           [](const auto& entry) { return has_non_finite(entry.value()); });
    return false;
}

}  // namespace azcore::fuzz
