// JSON a service sends, read into a model and written back. Every double is written in a form that
// reads back exactly, and serialize_json's text reads back to the same JSON; from_json returns a
// model or throws DeserializationError; a model written by to_json reads back to one that writes
// the same JSON.
#include "fuzz_support.hpp"

#include <azcore/case_insensitive_enum.hpp>
#include <azcore/serialization/model.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fuzz_model {

using namespace azcore::serialization;

struct Kind : azcore::CaseInsensitiveEnum<Kind> {
    using CaseInsensitiveEnum::CaseInsensitiveEnum;
    static constexpr azcore::EnumMember members[] = {{"A", "a"}};
};

struct Inner {
    Nullable<std::string> note{};
    std::optional<std::uint8_t> small{};
};
AZCORE_MODEL(Inner, (note, small))

struct Outer {
    std::string name{};
    std::optional<DateTime> created_at{};
    std::optional<std::chrono::microseconds> ttl{};
    std::optional<azcore::Bytes> data{};
    std::optional<azcore::Bytes> key{};
    std::optional<std::int64_t> count{};
    std::optional<double> ratio{};
    std::optional<bool> flag{};
    std::optional<Kind> kind{};
    std::optional<std::vector<Inner>> items{};
    std::optional<std::map<std::string, std::int32_t>> tags{};
    UnknownMembers unknown{};
    static constexpr RestField rest_fields[] = {{.member = "created_at", .name = "createdAt"},
                                                {.member = "key", .format = RestFormat::Base64Url},
                                                {.member = "count", .format = RestFormat::String}};
};
AZCORE_MODEL(Outer, (name, created_at, ttl, data, key, count, ratio, flag, kind, items, tags, unknown))

}  // namespace fuzz_model

namespace {

/// a and b are the same JSON, numbers compared as numbers: Boost.JSON 1.81 reads some doubles a few
/// ulps off (its parser is not exact), so a double read back may differ in its last bits.
bool same(const boost::json::value& a, const boost::json::value& b) {
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
            if (!same(x[i], y[i])) return false;
        }
        return true;
    }
    if (a.is_object()) {
        const auto &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size()) return false;
        for (const auto& entry : x) {
            const auto* other = y.if_contains(entry.key());
            if (!other || !same(entry.value(), *other)) return false;
        }
        return true;
    }
    return a == b;
}

/// Every double of json is written in a form that strtod reads back exactly.
void check_doubles(const boost::json::value& json) {
    if (json.is_double()) {
        AZCORE_FUZZ_CHECK(std::strtod(azcore::serialization::format_json_number(json.get_double()).c_str(), nullptr) == json.get_double());
    } else if (json.is_array()) {
        for (const auto& element : json.get_array()) check_doubles(element);
    } else if (json.is_object()) {
        for (const auto& entry : json.get_object()) check_doubles(entry.value());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace azcore::serialization;
    boost::system::error_code error;
    const boost::json::value json = boost::json::parse(azcore::fuzz::as_text(data, size), error);
    if (error) return 0;
    try {
        check_doubles(json);
        AZCORE_FUZZ_CHECK(same(boost::json::parse(serialize_json(json)), json));
    } catch (const azcore::exceptions::SerializationError&) {  // a number too large for a double
        return 0;
    }
    try {
        const auto model = from_json<fuzz_model::Outer>(json);
        const boost::json::value written = to_json(model);
        AZCORE_FUZZ_CHECK(same(to_json(from_json<fuzz_model::Outer>(boost::json::parse(serialize_json(written)))), written));
    } catch (const azcore::exceptions::DeserializationError&) {
    } catch (const azcore::exceptions::SerializationError&) {  // a datetime outside years 1-9999
    }
    return 0;
}
