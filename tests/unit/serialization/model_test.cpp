// Models on Boost.JSON: to_json / from_json, REST names, read-only members, unknown members kept,
// Null and Nullable, extensible enums as members, as_attribute_dict, attribute_list,
// TypeHandlerRegistry and AzureJSONEncoder; the rows mirror Python's tests/test_serialization.py
// where they carry over.
#include <azcore/serialization/azure_json_encoder.hpp>
#include <azcore/serialization/model.hpp>

#include <azcore/case_insensitive_enum.hpp>
#include <azcore/exceptions.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace models_test {

using azcore::Bytes;
using azcore::serialization::DateTime;
using azcore::serialization::Nullable;
using azcore::serialization::RestField;
using azcore::serialization::RestFormat;
using azcore::serialization::UnknownMembers;

struct Color : azcore::CaseInsensitiveEnum<Color> {
    using CaseInsensitiveEnum::CaseInsensitiveEnum;
    static constexpr azcore::EnumMember members[] = {{"RED", "Red"}, {"BLUE", "Blue"}};
};

struct Widget {
    std::string name{};
    DateTime created_at{};
    std::optional<std::string> etag{};
    std::optional<int> size{};
    Bytes thumbprint{};
    Bytes signature{};
    std::chrono::microseconds ttl{};
    std::vector<Color> colors{};
    std::map<std::string, std::string> tags{};
    UnknownMembers unknown{};

    static constexpr RestField rest_fields[] = {
        {.member = "created_at", .name = "createdAt"},
        {.member = "etag", .read_only = true},
        {.member = "signature", .format = RestFormat::Base64Url},
    };
};
AZCORE_MODEL(Widget, (name, created_at, etag, size, thumbprint, signature, ttl, colors, tags, unknown))

struct Patch {
    Nullable<std::string> description{};
    Nullable<int> count{};
    Nullable<Widget> widget{};
};
AZCORE_MODEL(Patch, (description, count, widget))

struct Recursive {
    std::string name{};
    std::optional<std::vector<Recursive>> list_of_me{};
    std::optional<std::map<std::string, Recursive>> dict_of_me{};
};
AZCORE_MODEL(Recursive, (name, list_of_me, dict_of_me))

// A user type with no conversion of its own: its handlers come from a TypeHandlerRegistry.
struct Point {
    int x = 0;
    int y = 0;
    bool operator==(const Point&) const = default;
};
struct Shape {
    std::string kind{};
    Point origin{};
};
AZCORE_MODEL(Shape, (kind, origin))

}  // namespace models_test

namespace azcore::serialization {
namespace {

using namespace models_test;
using namespace std::chrono_literals;

DateTime at(std::string_view text) { return parse_datetime(text); }

Widget sample() {
    return Widget{.name = "w1",
                  .created_at = at("2024-02-29T23:59:59.5Z"),
                  .etag = "\"0x1\"",
                  .thumbprint = to_bytes("thumbprint bytes"),
                  .signature = to_bytes("test"),
                  .ttl = 90min,
                  .colors = {Color("Red"), Color("Green")},
                  .tags = {{"env", "prod"}}};
}

const std::string sample_json =
    R"({"name":"w1","createdAt":"2024-02-29T23:59:59.500000Z","etag":"\"0x1\"","thumbprint":"dGh1bWJwcmludCBieXRlcw==",)"
    R"("signature":"dGVzdA","ttl":"PT01H30M00S","colors":["Red","Green"],"tags":{"env":"prod"}})";

TEST(ModelTest, ToJsonUsesRestNamesFormatsAndLeavesAbsentOptionalsOut) {
    EXPECT_EQ(serialize_json(to_json(sample())), sample_json);
}

TEST(ModelTest, BoostJsonValueFromAndValueToGoThroughTheModel) {
    const boost::json::value json = boost::json::value_from(sample());
    EXPECT_EQ(serialize_json(json), sample_json);
    const auto back = boost::json::value_to<Widget>(json);
    EXPECT_EQ(back.created_at, sample().created_at);
    EXPECT_EQ(back.signature, to_bytes("test"));
}

TEST(ModelTest, ExcludeReadonlyLeavesReadOnlyMembersOut) {
    const auto json = to_json(sample(), {.exclude_readonly = true});
    EXPECT_FALSE(json.as_object().contains("etag"));
    EXPECT_EQ(json.as_object().size(), 7u);
}

TEST(ModelTest, FromJsonReadsEveryMemberAndKeepsUnknownMembersForTheRoundTrip) {
    const auto json = boost::json::parse(
        R"({"name":"w1","createdAt":"2024-02-29T23:59:59.5+00:00","size":3,"colors":["RED","Purple"],)"
        R"("signature":"dGVzdA","ttl":"PT1H30M","newField":{"a":[1,2]},"zeta":35.625})");
    const auto widget = from_json<Widget>(json);
    EXPECT_EQ(widget.name, "w1");
    EXPECT_EQ(widget.created_at, at("2024-02-29T23:59:59.500Z"));
    EXPECT_EQ(widget.size, 3);
    EXPECT_EQ(widget.etag, std::nullopt);
    EXPECT_EQ(widget.ttl, 90min);
    EXPECT_EQ(widget.signature, to_bytes("test"));
    ASSERT_EQ(widget.colors.size(), 2u);
    EXPECT_EQ(widget.colors[0], Color("Red"));
    EXPECT_EQ(widget.colors[1].value(), "Purple");
    EXPECT_EQ(serialize_json(widget.unknown.members), R"({"newField":{"a":[1,2]},"zeta":35.625})");
    EXPECT_EQ(serialize_json(to_json(widget)),
              R"({"name":"w1","createdAt":"2024-02-29T23:59:59.500000Z","size":3,"thumbprint":"","signature":"dGVzdA",)"
              R"("ttl":"PT01H30M00S","colors":["RED","Purple"],"tags":{},"newField":{"a":[1,2]},"zeta":35.625})");
}

TEST(ModelTest, ErrorsNameTheMemberAndTheKindOfInput) {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {R"({"createdAt":5})", "Cannot deserialize 'createdAt': expected an RFC 3339 datetime string, got a number 5"},
        {R"({"name":["x"]})", "Cannot deserialize 'name': expected a string, got an array"},
        {R"({"size":"3"})", "Cannot deserialize 'size': expected an integer from -2147483648 to 2147483647, got a string"},
        {R"({"size":1.5})", "Cannot deserialize 'size': expected an integer from -2147483648 to 2147483647, got a number 1.5"},
        {R"({"size":3000000000})", "Cannot deserialize 'size': expected an integer from -2147483648 to 2147483647, got a number 3000000000"},
        {R"({"colors":[1]})", "Cannot deserialize 'colors': expected a string, got a number 1"},
        {R"({"tags":{"env":false}})", "Cannot deserialize 'tags': Cannot deserialize 'env': expected a string, got a boolean"},
        {R"({"signature":"dGVzdA=!"})", ""},  // decode_base64url's own reason, checked below
        {R"([1])", "expected an object, got an array"},
    };
    for (const auto& [text, message] : rows) {
        try {
            from_json<Widget>(boost::json::parse(text));
            ADD_FAILURE() << "no exception for " << text;
        } catch (const exceptions::DeserializationError& error) {
            if (message.empty()) {
                EXPECT_EQ(std::string(error.what()).rfind("Cannot deserialize 'signature': ", 0), 0u) << error.what();
            } else {
                EXPECT_EQ(error.what(), message);
            }
        }
    }
}

TEST(ModelTest, NullableIsLeftOutWhenAbsentAndWrittenAsNullWhenNull) {
    EXPECT_EQ(serialize_json(to_json(Patch{})), "{}");
    EXPECT_EQ(serialize_json(to_json(Patch{.description = null, .count = 2, .widget = null})),
              R"({"description":null,"count":2,"widget":null})");
    const auto back = from_json<Patch>(boost::json::parse(R"({"description":null,"count":2})"));
    EXPECT_TRUE(back.description.is_null());
    EXPECT_EQ(*back.count, 2);
    EXPECT_FALSE(back.widget.has_member());
    EXPECT_EQ(serialize_json(to_json(null)), "null");
    EXPECT_EQ(serialize_json(boost::json::value_from(null)), "null");
    // In a map an entry is always written: null for null.
    const std::map<std::string, Nullable<int>> map{{"a", 1}, {"b", null}};
    EXPECT_EQ(serialize_json(to_json(map)), R"({"a":1,"b":null})");
}

TEST(ModelTest, AsAttributeDictUsesTheCppNamesAndCanExcludeReadonly) {
    auto widget = sample();
    widget.unknown.members["extra"] = 1;
    EXPECT_EQ(serialize_json(as_attribute_dict(widget)),
              R"({"name":"w1","created_at":"2024-02-29T23:59:59.500000Z","etag":"\"0x1\"","thumbprint":"dGh1bWJwcmludCBieXRlcw==",)"
              R"("signature":"dGVzdA","ttl":"PT01H30M00S","colors":["Red","Green"],"tags":{"env":"prod"},"extra":1})");
    EXPECT_FALSE(as_attribute_dict(widget, true).contains("etag"));
    const Patch patch{.description = null, .widget = Widget{.name = "inner", .created_at = at("2020-01-01T00:00:00Z")}};
    EXPECT_EQ(serialize_json(as_attribute_dict(patch)),
              R"({"description":null,"widget":{"name":"inner","created_at":"2020-01-01T00:00:00Z","thumbprint":"",)"
              R"("signature":"","ttl":"PT00S","colors":[],"tags":{}}})");
}

TEST(ModelTest, AttributeListNamesTheMembersButNotTheUnknownOnes) {
    EXPECT_EQ(attribute_list<Widget>(),
              (std::vector<std::string>{"name", "created_at", "etag", "size", "thumbprint", "signature", "ttl", "colors", "tags"}));
    EXPECT_EQ(attribute_list(Patch{}), (std::vector<std::string>{"description", "count", "widget"}));
    static_assert(GeneratedModel<Widget>);
    static_assert(!GeneratedModel<Point>);
}

// Python's test_model_recursion: models in lists and dicts of themselves.
TEST(ModelTest, RecursiveModelsInListsAndMaps) {
    Recursive model{.name = "it's me!"};
    model.list_of_me = std::vector<Recursive>{Recursive{.name = "it's me!"}};
    model.dict_of_me = std::map<std::string, Recursive>{{"me", Recursive{.name = "it's me!"}}};
    const std::string text = R"({"name":"it's me!","list_of_me":[{"name":"it's me!"}],"dict_of_me":{"me":{"name":"it's me!"}}})";
    EXPECT_EQ(serialize_json(to_json(model)), text);
    EXPECT_EQ(serialize_json(to_json(from_json<Recursive>(boost::json::parse(text)))), text);
}

TEST(TypeHandlerRegistryTest, RegisteredHandlersConvertAUserTypeAtAnyDepth) {
    TypeHandlerRegistry registry;
    EXPECT_FALSE(registry.get_serializer<Point>());
    EXPECT_FALSE(registry.get_deserializer<Point>());
    // Without a handler, a type Boost.JSON cannot convert either is refused by name.
    try {
        to_json(Shape{}, {.registry = &registry});
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::SerializationError& error) {
        EXPECT_STREQ(error.what(), "no serializer registered for models_test::Point");
    }
    try {
        from_json<Shape>(boost::json::parse(R"({"origin":{}})"));
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::DeserializationError& error) {
        EXPECT_STREQ(error.what(), "Cannot deserialize 'origin': no deserializer registered for models_test::Point");
    }
    registry.register_serializer<Point>([](const Point& p) { return boost::json::value{{"x", p.x}, {"y", p.y}}; });
    registry.register_deserializer<Point>([](const boost::json::value& json) {
        return Point{static_cast<int>(json.at("x").as_int64()), static_cast<int>(json.at("y").as_int64())};
    });
    ASSERT_TRUE(registry.get_serializer<Point>());
    EXPECT_EQ(serialize_json(registry.get_serializer<Point>()(Point{1, 2})), R"({"x":1,"y":2})");
    const Shape shape{.kind = "dot", .origin = {3, 4}};
    const auto json = to_json(shape, {.registry = &registry});
    EXPECT_EQ(serialize_json(json), R"({"kind":"dot","origin":{"x":3,"y":4}})");
    EXPECT_EQ(from_json<Shape>(json, {.registry = &registry}).origin, (Point{3, 4}));
    // A later registration replaces the earlier one.
    registry.register_serializer<Point>([](const Point& p) { return boost::json::value(boost::json::array{p.x, p.y}); });
    EXPECT_EQ(serialize_json(to_json(std::vector<Point>{{5, 6}}, {.registry = &registry})), "[[5,6]]");
}

// Python's test_bytes, test_dictionary_basic, test_dictionary_datetime, test_serialize_datetime,
// test_dictionary_none and test_dictionary_empty_collections, through AzureJSONEncoder.
TEST(AzureJSONEncoderTest, WritesBytesDatetimesDurationsAndPlainValuesAsPythonsEncoderDoes) {
    const AzureJSONEncoder encoder;
    EXPECT_EQ(encoder.encode(to_bytes("mybytes")), R"("bXlieXRlcw==")");
    EXPECT_EQ(encoder.encode(std::chrono::microseconds(24h)), R"("P1DT00H00M00S")");
    EXPECT_EQ(encoder.encode(at("2012-02-24T00:53:52.780Z")), R"("2012-02-24T00:53:52.780000Z")");
    EXPECT_EQ(encoder.encode(at("1999-12-31T23:59:59-12:00")), R"("2000-01-01T11:59:59Z")");
    EXPECT_EQ(encoder.encode(at("2015-06-01T16:10:08.0121+12:00")), R"("2015-06-01T04:10:08.012100Z")");
    EXPECT_EQ(encoder.encode(at("0001-01-01T00:00:00Z")), R"("0001-01-01T00:00:00Z")");
    EXPECT_EQ(encoder.encode(at("9999-12-31T23:59:59.999999Z")), R"("9999-12-31T23:59:59.999999Z")");
    EXPECT_EQ(encoder.encode(at("2012-02-24T00:53:52.000001Z")), R"("2012-02-24T00:53:52.000001Z")");
    const boost::json::value basic = {{"string", "myid"}, {"number", 42}, {"boolean", true},
                                      {"list_of_string", boost::json::array{1, 2, 3}}, {"dictionary_of_number", {{"pi", 3.14}}}};
    EXPECT_EQ(encoder.encode(basic),
              R"({"string":"myid","number":42,"boolean":true,"list_of_string":[1,2,3],"dictionary_of_number":{"pi":3.14}})");
    EXPECT_EQ(encoder.encode(boost::json::value(nullptr)), "null");
    EXPECT_EQ(encoder.encode(std::map<std::string, std::optional<int>>{{"entry", std::nullopt}}), R"({"entry":null})");
    EXPECT_EQ(encoder.encode(std::map<std::string, std::vector<int>>{{"list", {}}}), R"({"list":[]})");
    EXPECT_EQ(serialize_json(encoder.default_value(to_bytes("data as bytes"))), R"("ZGF0YSBhcyBieXRlcw==")");
    EXPECT_EQ(AzureJSONEncoder({.exclude_readonly = true}).encode(Widget{.etag = "x"}).find("etag"), std::string::npos);
}

TEST(AzureJSONEncoderTest, NumbersAsStringsWithTheStringFormat) {
    EXPECT_EQ(serialize_json(to_json(std::int64_t{10000000000}, {.format = RestFormat::String})), R"("10000000000")");
    EXPECT_EQ(from_json<std::uint8_t>(boost::json::value("255"), {.format = RestFormat::String}), 255);
    try {
        from_json<std::uint8_t>(boost::json::value("256"), {.format = RestFormat::String});
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::DeserializationError& error) {
        EXPECT_STREQ(error.what(), "expected an integer from 0 to 255, got a string");
    }
    try {
        from_json<std::int64_t>(boost::json::value("12x"), {.format = RestFormat::String});
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::DeserializationError& error) {
        EXPECT_STREQ(error.what(), "expected an integer in a string, got \"12x\"");
    }
}

TEST(AzureJSONEncoderTest, DatetimesOutsideYearsOneToNineThousandAreASerializationError) {
    EXPECT_THROW(AzureJSONEncoder().encode(DateTime{} - std::chrono::hours(24 * 366 * 2000)), exceptions::SerializationError);
}

}  // namespace
}  // namespace azcore::serialization

// README "Models and JSON", as written there.
namespace readme_example {
using namespace azcore::serialization;

struct Widget {
    std::string name{};
    DateTime created_at{};
    std::optional<std::string> etag{};
    Nullable<std::string> description{};  // absent, null or a value
    UnknownMembers unknown{};
    static constexpr RestField rest_fields[] = {{.member = "created_at", .name = "createdAt"},
                                                {.member = "etag", .read_only = true}};
};
AZCORE_MODEL(Widget, (name, created_at, etag, description, unknown))

struct Color : azcore::CaseInsensitiveEnum<Color> {
    using CaseInsensitiveEnum::CaseInsensitiveEnum;
    static constexpr azcore::EnumMember members[] = {{"RED", "red"}, {"BLUE", "blue"}};
};

TEST(ModelReadmeExample, DoesWhatTheReadmeSays) {
    Widget w{.name = "w1", .created_at = parse_datetime("2024-02-29T23:59:59Z"), .description = null};
    EXPECT_EQ(serialize_json(to_json(w)), R"({"name":"w1","createdAt":"2024-02-29T23:59:59Z","description":null})");
    try {
        from_json<Widget>(boost::json::parse(R"({"name":"w1","createdAt":5})"));
        ADD_FAILURE() << "no exception";
    } catch (const azcore::exceptions::DeserializationError& error) {
        EXPECT_STREQ(error.what(), "Cannot deserialize 'createdAt': expected an RFC 3339 datetime string, got a number 5");
    }
    w.etag = "e";
    EXPECT_EQ(serialize_json(as_attribute_dict(w, /*exclude_readonly=*/true)),
              R"({"name":"w1","created_at":"2024-02-29T23:59:59Z","description":null})");
    EXPECT_EQ(attribute_list<Widget>(), (std::vector<std::string>{"name", "created_at", "etag", "description"}));
    EXPECT_EQ(Color("RED"), Color("red"));
    EXPECT_EQ(Color::from_name("Blue").value(), "blue");
    EXPECT_FALSE(Color("magenta").is_known());
    EXPECT_EQ(serialize_json(to_json(Color("magenta"))), R"("magenta")");
}

}  // namespace readme_example
