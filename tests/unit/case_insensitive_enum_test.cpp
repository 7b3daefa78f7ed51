// CaseInsensitiveEnum: Python's CaseInsensitiveEnumMeta as an extensible ("expandable") string enum.
#include <azcore/case_insensitive_enum.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace enum_test {

// Python: class MyCustomEnum(str, Enum, metaclass=CaseInsensitiveEnumMeta): FOO = 'foo'; BAR = 'bar'
struct MyCustomEnum : azcore::CaseInsensitiveEnum<MyCustomEnum> {
    using CaseInsensitiveEnum::CaseInsensitiveEnum;
    static constexpr azcore::EnumMember members[] = {{"FOO", "foo"}, {"BAR", "bar"}};
    static const MyCustomEnum FOO, BAR;
};
inline const MyCustomEnum MyCustomEnum::FOO{"foo"};
inline const MyCustomEnum MyCustomEnum::BAR{"bar"};

}  // namespace enum_test

namespace azcore {
namespace {

using enum_test::MyCustomEnum;

TEST(CaseInsensitiveEnumTest, LooksUpMembersByNameInAnyCase) {
    // Python's MyCustomEnum["foo"], MyCustomEnum["FOO"], MyCustomEnum["Foo"].
    EXPECT_EQ(MyCustomEnum::from_name("foo"), MyCustomEnum::FOO);
    EXPECT_EQ(MyCustomEnum::from_name("FOO"), MyCustomEnum::FOO);
    EXPECT_EQ(MyCustomEnum::from_name("bAr").value(), "bar");
    try {
        MyCustomEnum::from_name("baz");
        ADD_FAILURE() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "no member named 'baz'");
    }
}

TEST(CaseInsensitiveEnumTest, KnownValuesCompareInAnyCase) {
    EXPECT_EQ(MyCustomEnum("FOO"), MyCustomEnum::FOO);
    EXPECT_EQ(MyCustomEnum("Foo"), MyCustomEnum("fOO"));
    EXPECT_NE(MyCustomEnum("foo"), MyCustomEnum::BAR);
    EXPECT_TRUE(MyCustomEnum("BAR").is_known());
    EXPECT_EQ(MyCustomEnum("BAR").known_value(), "bar");
}

TEST(CaseInsensitiveEnumTest, UnknownValuesAreKeptAsReceivedAndSurviveARoundTrip) {
    const auto value = boost::json::value_to<MyCustomEnum>(boost::json::parse(R"("NewValue2025")"));
    EXPECT_FALSE(value.is_known());
    EXPECT_EQ(value.known_value(), std::nullopt);
    EXPECT_EQ(value.value(), "NewValue2025");
    EXPECT_EQ(boost::json::serialize(boost::json::value_from(value)), R"("NewValue2025")");
    // A known value in another case is also sent back as received.
    EXPECT_EQ(boost::json::value_from(boost::json::value_to<MyCustomEnum>(boost::json::value("FOO"))), boost::json::value("FOO"));
}

TEST(CaseInsensitiveEnumTest, AnythingButAJsonStringIsADeserializationError) {
    try {
        boost::json::value_to<MyCustomEnum>(boost::json::value(1));
        ADD_FAILURE() << "no exception";
    } catch (const exceptions::DeserializationError& error) {
        EXPECT_STREQ(error.what(), "expected a string for an enum value");
    }
}

}  // namespace
}  // namespace azcore
