// JSON a service sends, read into a model and written back. Every double is written in a form that
// reads back exactly, and serialize_json's text reads back to the same JSON; from_json returns a
// model or throws DeserializationError; a model written by to_json reads back to one that writes
// the same JSON.
#include "fuzz_support.hpp"
#include "same_json.hpp"

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
        AZCORE_FUZZ_CHECK(azcore::fuzz::same_json(boost::json::parse(serialize_json(json)), json));
    } catch (const azcore::exceptions::SerializationError&) {  // a number too large for a double
        return 0;
    }
    try {
        const auto model = from_json<fuzz_model::Outer>(json);
        const boost::json::value written = to_json(model);
        AZCORE_FUZZ_CHECK(azcore::fuzz::same_json(to_json(from_json<fuzz_model::Outer>(boost::json::parse(serialize_json(written)))), written));
    } catch (const azcore::exceptions::DeserializationError&) {
    } catch (const azcore::exceptions::SerializationError&) {  // a datetime outside years 1-9999
    }
    return 0;
}
