#include <azcore/utils/case_insensitive_dict.hpp>
#include <azcore/utils/string_utils.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using azcore::utils::CaseInsensitiveDict;
using Entries = std::vector<std::pair<std::string, std::string>>;

Entries entries_of(const CaseInsensitiveDict& dict) { return Entries(dict.begin(), dict.end()); }

std::string repr(const CaseInsensitiveDict& dict) {
    std::ostringstream out;
    out << dict;
    return out.str();
}

static_assert(std::is_same_v<azcore::CaseInsensitiveDict, azcore::utils::CaseInsensitiveDict>,
              "azcore::CaseInsensitiveDict names the utils class");

TEST(StringUtils, IequalsIgnoresAsciiCaseOnly) {
    EXPECT_TRUE(azcore::utils::iequals("Content-Type", "content-TYPE"));
    EXPECT_FALSE(azcore::utils::iequals("Content-Type", "Content-Typ"));
    EXPECT_FALSE(azcore::utils::iequals("\xc3\x89", "\xc3\xa9"));  // É and é are not ASCII
    EXPECT_EQ(azcore::utils::to_lower("X-MS-Date \xc3\x89"), "x-ms-date \xc3\x89");
}

TEST(CaseInsensitiveDict, LooksUpNamesIgnoringCase) {
    CaseInsensitiveDict headers{{"Content-Type", "application/json"}};
    EXPECT_EQ(headers.get("content-type"), "application/json");
    EXPECT_EQ(headers.get("CONTENT-TYPE"), "application/json");
    ASSERT_NE(headers.find("cOnTeNt-TyPe"), nullptr);
    EXPECT_EQ(*headers.find("cOnTeNt-TyPe"), "application/json");
    EXPECT_TRUE(headers.contains("CONTENT-type"));
    EXPECT_FALSE(headers.contains("Content-Length"));
    EXPECT_EQ(headers.get("Content-Length"), std::nullopt);
    EXPECT_EQ(headers.find("Content-Length"), nullptr);
}

TEST(CaseInsensitiveDict, SetReplacesEveryValueAndKeepsTheWritersCasingInPlace) {
    CaseInsensitiveDict headers;
    headers.add("accept", "a");
    headers.add("X-Other", "1");
    headers.add("ACCEPT", "b");
    headers.set("Accept", "c");
    EXPECT_EQ(entries_of(headers), (Entries{{"Accept", "c"}, {"X-Other", "1"}}));
}

TEST(CaseInsensitiveDict, SetOfANewNameAppendsIt) {
    CaseInsensitiveDict headers{{"A", "1"}};
    headers.set("B", "2");
    EXPECT_EQ(entries_of(headers), (Entries{{"A", "1"}, {"B", "2"}}));
}

TEST(CaseInsensitiveDict, AddKeepsEveryValueAndGetJoinsThemWithCommaSpace) {
    CaseInsensitiveDict headers;
    headers.add("Set-Cookie", "a=1");
    headers.add("set-cookie", "b=2");
    EXPECT_EQ(headers.get("SET-COOKIE"), "a=1, b=2");
    EXPECT_EQ(headers.get_all("Set-Cookie"), (std::vector<std::string>{"a=1", "b=2"}));
    EXPECT_EQ(*headers.find("set-cookie"), "a=1");
    EXPECT_EQ(headers.size(), 2u);
}

TEST(CaseInsensitiveDict, IteratesOnePairPerValueInInsertionOrder) {
    CaseInsensitiveDict headers{{"B", "1"}, {"a", "2"}, {"b", "3"}};
    EXPECT_EQ(entries_of(headers), (Entries{{"B", "1"}, {"a", "2"}, {"b", "3"}}));
}

TEST(CaseInsensitiveDict, EraseRemovesEveryValueAndCountsThem) {
    CaseInsensitiveDict headers{{"X", "1"}, {"Y", "2"}, {"x", "3"}};
    EXPECT_EQ(headers.erase("X"), 2u);
    EXPECT_EQ(headers.erase("X"), 0u);
    EXPECT_EQ(entries_of(headers), (Entries{{"Y", "2"}}));
}

TEST(CaseInsensitiveDict, UpdateSetsEachNameOfTheOtherKeepingAllItsValues) {
    CaseInsensitiveDict headers{{"content-type", "text/plain"}, {"Accept", "old"}, {"Keep", "k"}};
    CaseInsensitiveDict other{{"Content-Type", "application/json"}, {"accept", "x"}, {"ACCEPT", "y"}};
    headers.update(other);
    EXPECT_EQ(entries_of(headers),
              (Entries{{"Content-Type", "application/json"}, {"accept", "x"}, {"Keep", "k"}, {"ACCEPT", "y"}}));
    EXPECT_EQ(headers.get("accept"), "x, y");
}

TEST(CaseInsensitiveDict, ClearAndEmpty) {
    CaseInsensitiveDict headers{{"A", "1"}};
    EXPECT_FALSE(headers.empty());
    headers.clear();
    EXPECT_TRUE(headers.empty());
    EXPECT_EQ(headers.size(), 0u);
}

TEST(CaseInsensitiveDict, EqualityIgnoresNameCaseAndTheOrderOfDistinctNames) {
    const CaseInsensitiveDict a{{"A", "1"}, {"B", "2"}};
    const CaseInsensitiveDict b{{"b", "2"}, {"a", "1"}};
    EXPECT_EQ(a, b);
    EXPECT_NE(a, (CaseInsensitiveDict{{"A", "1"}, {"B", "X"}}));   // values are exact
    EXPECT_NE(a, (CaseInsensitiveDict{{"A", "1"}}));
    EXPECT_NE(a, (CaseInsensitiveDict{{"A", "1"}, {"C", "2"}}));
}

TEST(CaseInsensitiveDict, EqualityComparesTheValuesOfOneNameInOrder) {
    const CaseInsensitiveDict a{{"A", "1"}, {"a", "2"}};
    EXPECT_EQ(a, (CaseInsensitiveDict{{"a", "1"}, {"A", "2"}}));
    EXPECT_NE(a, (CaseInsensitiveDict{{"a", "2"}, {"A", "1"}}));
    EXPECT_NE(a, (CaseInsensitiveDict{{"A", "1"}, {"B", "2"}}));
}

TEST(CaseInsensitiveDict, PrintsLikePythonsReprOfADict) {
    EXPECT_EQ(repr(CaseInsensitiveDict{}), "{}");
    EXPECT_EQ(repr(CaseInsensitiveDict{{"Content-Type", "text/plain"}, {"Accept", "a"}, {"accept", "b"}}),
              "{'Content-Type': 'text/plain', 'Accept': 'a, b'}");
    EXPECT_EQ(repr(CaseInsensitiveDict{{"ETag", "\"x\""}, {"Q", "it's"}, {"N", "a\nb\\"}}),
              "{'ETag': '\"x\"', 'Q': \"it's\", 'N': 'a\\nb\\\\'}");
}

TEST(CaseInsensitiveDict, CopiesAreIndependent) {
    CaseInsensitiveDict original{{"A", "1"}};
    CaseInsensitiveDict copy = original;
    copy.set("A", "2");
    EXPECT_EQ(original.get("a"), "1");
    EXPECT_EQ(copy.get("a"), "2");
}

}  // namespace
