// format_url_section and format_url_for row by row against Python azure-core 1.41's
// _format_url_section and PipelineClientBase.format_url (each row's expected value is Python's
// result for the same input; a Python exception is a std::invalid_argument here), and the path /
// query value quoting of generated clients' Serializer.url / Serializer.query.
#include <azcore/utils/format_url.hpp>
#include <azcore/utils/url_encoding.hpp>

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

namespace azcore {
namespace {

using Arguments = std::map<std::string, std::string>;

struct SectionRow {
    std::string url_template;
    Arguments arguments;
    std::string python;   // Python's result
    std::string refusal;  // else the std::invalid_argument message
};

// Python: _format_url_section(template, **arguments).
const SectionRow kSectionRows[] = {
    {"/subscriptions/{sub}/resourceGroups/{rg}", {{"sub", "s1"}, {"rg", "g"}}, "/subscriptions/s1/resourceGroups/g", ""},
    {"/subscriptions/{sub}/resourceGroups/{rg}", {{"sub", "s1"}}, "/subscriptions/s1/resourceGroups", ""},
    {"/{container}/{blob}", {}, "", ""},
    {"{container}/{blob}", {{"blob", "b"}}, "b", ""},
    {"/items/{id}?filter={f}", {{"id", "7"}}, "/items", ""},
    {"/items/{id}?filter={f}", {{"id", "7"}, {"f", "x"}}, "/items/7?filter=x", ""},
    {"/a/{x}-{y}/c", {{"x", "1"}}, "/a/c", ""},
    {"/a/{x}/{x}/c", {}, "/a/c", ""},
    {"/literal/{{braces}}/{id}", {{"id", "1"}}, "/literal/{braces}/1", ""},
    {"/p/{id}", {{"id", "a/b c"}}, "/p/a/b c", ""},
    {"", {}, "", ""},
    {"/", {}, "/", ""},
    {"/a//{b}", {}, "/a/", ""},
    {"/x/{a/b}/y", {}, "", "The value provided for the url part '/x/{a/b}/y' was incorrect, and resulted in an invalid url"},
    {"/x/{}/y", {}, "", "url_template: positional placeholder '{}': placeholders need a name"},
    {"/a}/b", {}, "", "url_template: Single '}' encountered in format string"},
    {"/a/{b", {}, "", "url_template: expected '}' before end of string"},
    {"/a/{{x}}/{x}", {}, "/a", ""},
};

struct UrlRow {
    std::string base_url;
    std::string url_template;
    Arguments arguments;
    std::string python;
    std::string refusal;
};

// Python: PipelineClientBase(base_url).format_url(template, **arguments).
const UrlRow kUrlRows[] = {
    {"https://svc.example/api", "/items/{id}", {{"id", "1"}}, "https://svc.example/api/items/1", ""},
    {"https://svc.example/api/", "items/{id}", {{"id", "1"}}, "https://svc.example/api/items/1", ""},
    {"https://svc.example/api?v=1", "/items?x=2", {}, "https://svc.example/api/items?v=1&x=2", ""},
    {"https://svc.example/api", "?a=b", {}, "https://svc.example/api?a=b", ""},
    {"https://svc.example", "?a=b", {}, "https://svc.example?a=b", ""},
    {"https://svc.example/api/", "?a=b", {}, "https://svc.example/api/?a=b", ""},
    {"https://{account}.blob.example", "/{container}/{blob}", {{"account", "acct"}, {"container", "c"}}, "https://acct.blob.example/c", ""},
    {"https://{account}.blob.example", "/{container}", {{"container", "c"}}, "", "The value provided for the url part account was incorrect, and resulted in an invalid url"},
    {"https://svc.example/api", "https://other.example/x/{id}", {{"id", "9"}}, "https://other.example/x/9", ""},
    {"https://svc.example/api", "", {}, "https://svc.example/api", ""},
    {"https://{account}.example", "", {{"account", "a"}}, "https://a.example", ""},
    {"https://svc.example/api", "{nextLink}", {}, "https://svc.example/api", ""},
    {"https://svc.example/api#frag", "/x", {}, "https://svc.example/api/x#frag", ""},
    {"https://svc.example/api", "//x", {}, "https://svc.example/api/x", ""},
};

template <class F>
std::string refusal_of(F&& call) {
    try {
        call();
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "";
}

TEST(FormatUrlSection, MatchesPythonRowByRow) {
    for (const SectionRow& row : kSectionRows) {
        SCOPED_TRACE(row.url_template);
        if (row.refusal.empty()) {
            EXPECT_EQ(format_url_section(row.url_template, row.arguments), row.python);
        } else {
            EXPECT_EQ(refusal_of([&] { format_url_section(row.url_template, row.arguments); }), row.refusal);
        }
    }
}

TEST(FormatUrlFor, MatchesPythonsFormatUrlRowByRow) {
    for (const UrlRow& row : kUrlRows) {
        SCOPED_TRACE(row.base_url + " + " + row.url_template);
        if (row.refusal.empty()) {
            EXPECT_EQ(format_url_for(row.base_url, row.url_template, row.arguments), row.python);
        } else {
            EXPECT_EQ(refusal_of([&] { format_url_for(row.base_url, row.url_template, row.arguments); }), row.refusal);
        }
    }
}

// Expected values: Serializer.url / Serializer.query of a generated client's _serialization.py.
TEST(QuotePathSegment, IsSerializerUrlWithAndWithoutSkipQuote) {
    EXPECT_EQ(utils::quote_path_segment("a/b c"), "a%2Fb%20c");
    EXPECT_EQ(utils::quote_path_segment("a/{b}"), "a%2F%7Bb%7D");
    EXPECT_EQ(utils::quote_path_segment("\xc3\xa9~_.-!*()'"), "%C3%A9~_.-%21%2A%28%29%27");
    EXPECT_EQ(utils::quote_path_segment("a/b c", true), "a/b c");
    EXPECT_EQ(utils::quote_path_segment("a/{b}", true), "a/%7Bb%7D");
}

TEST(QuoteQueryValue, IsSerializerQueryWithAndWithoutSkipQuote) {
    EXPECT_EQ(utils::quote_query_value("a&b=c d"), "a%26b%3Dc%20d");
    EXPECT_EQ(utils::quote_query_value("\xc3\xa9~_.-!*()'"), "%C3%A9~_.-%21%2A%28%29%27");
    EXPECT_EQ(utils::quote_query_value("a/{b}"), "a%2F%7Bb%7D");
    EXPECT_EQ(utils::quote_query_value("a&b=c d", true), "a&b=c d");
}

TEST(QuotePathSegment, KeepsAValueInOneSegmentOfTheFormattedUrl) {
    const std::string name = "my dir/report{1}.txt";
    EXPECT_EQ(format_url_for("https://acct.example/share", "/{name}?comp={comp}",
                             {{"name", utils::quote_path_segment(name)}, {"comp", utils::quote_query_value("list&x")}}),
              "https://acct.example/share/my%20dir%2Freport%7B1%7D.txt?comp=list%26x");
}

}  // namespace
}  // namespace azcore
