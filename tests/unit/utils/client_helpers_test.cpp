// The public helpers a client author needs: quote / quote_plus, uuid4 and format_http_date, each
// row checked against Python's own result (urllib.parse.quote, quote_plus, uuid.uuid4,
// email.utils.format_datetime(usegmt=True)).
#include <azcore/utils/http_date.hpp>
#include <azcore/utils/url_encoding.hpp>
#include <azcore/utils/uuid.hpp>

#include <gtest/gtest.h>

#include <clocale>
#include <regex>
#include <set>

namespace azcore::utils {
namespace {

TEST(ClientHelpersTest, QuoteAndQuotePlusMatchPython) {
    const std::string text = "a b/c?d=\xc3\xa9&~_.-";  // "é" in UTF-8
    EXPECT_EQ(quote(text), "a%20b/c%3Fd%3D%C3%A9%26~_.-");
    EXPECT_EQ(quote(text, ""), "a%20b%2Fc%3Fd%3D%C3%A9%26~_.-");
    EXPECT_EQ(quote_plus(text, "/"), "a+b/c%3Fd%3D%C3%A9%26~_.-");
    EXPECT_EQ(quote_plus(text), "a+b%2Fc%3Fd%3D%C3%A9%26~_.-");
    EXPECT_EQ(quote("x:y@z", "@:"), "x:y@z");
    EXPECT_EQ(quote(""), "");
    EXPECT_EQ(quote(std::string("\0\xff", 2), ""), "%00%FF");
}

TEST(ClientHelpersTest, Uuid4IsAVersion4UuidAndNeverRepeats) {
    const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = uuid4();
        EXPECT_TRUE(std::regex_match(id, form)) << id;
        EXPECT_TRUE(seen.insert(id).second) << id;
    }
}

TEST(ClientHelpersTest, FormatHttpDateMatchesPythonWhateverTheLocale) {
    using std::chrono::sys_seconds;
    using std::chrono::seconds;
    const char* old = std::setlocale(LC_ALL, nullptr);
    const std::string saved = old ? old : "C";
    std::setlocale(LC_ALL, "de_DE.UTF-8");  // if installed: day and month names stay English
    EXPECT_EQ(format_http_date(sys_seconds(seconds(0))), "Thu, 01 Jan 1970 00:00:00 GMT");
    EXPECT_EQ(format_http_date(sys_seconds(seconds(784111777))), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(format_http_date(sys_seconds(seconds(951782400))), "Tue, 29 Feb 2000 00:00:00 GMT");  // a leap day
    EXPECT_EQ(format_http_date(sys_seconds(seconds(253402300799))), "Fri, 31 Dec 9999 23:59:59 GMT");
    std::setlocale(LC_ALL, saved.c_str());
}

// The README's example ("Utilities").
TEST(ClientHelpersTest, ReadmeExample) {
    EXPECT_EQ(azcore::utils::quote("a b/c", ""), "a%20b%2Fc");
    EXPECT_EQ(azcore::utils::quote_plus("a b&c"), "a+b%26c");
    EXPECT_EQ(azcore::utils::uuid4().size(), 36u);
    EXPECT_EQ(azcore::utils::format_http_date(std::chrono::sys_seconds(std::chrono::seconds(784111777))),
              "Sun, 06 Nov 1994 08:49:37 GMT");
}

}  // namespace
}  // namespace azcore::utils
