// The request validator: method, URL and header rules, and the exact messages (no value, no URL,
// no raw control character in any of them).
#include <azcore/rest/http_request.hpp>

#include "rest/request_validation.hpp"
#include "support/invalid_argument_message.hpp"

#include <gtest/gtest.h>

#include <string>

namespace azcore::rest::detail {
namespace {

using namespace std::string_literals;
using test::invalid_argument_message;

constexpr const char* valid = "<no std::invalid_argument>";

struct Case {
    std::string input;
    std::string message;  // `valid` when accepted
};

void PrintTo(const Case& c, std::ostream* out) { *out << testing::PrintToString(c.input); }

class MethodValidation : public ::testing::TestWithParam<Case> {};

TEST_P(MethodValidation, AcceptsTokensOnly) {
    EXPECT_EQ(invalid_argument_message([&] { validate_method(GetParam().input); }), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MethodValidation,
    ::testing::Values(Case{"GET", valid}, Case{"patch", valid}, Case{"M-SEARCH", valid}, Case{"!#$%&'*+-.^_`|~09Az", valid},
                      Case{"", "method is empty"},
                      Case{"GET\r\nX-Injected: yes", "method: CR at offset 3 (after 'GET') is not a token character"},
                      Case{"GET\n", "method: LF at offset 3 (after 'GET') is not a token character"},
                      Case{"GET /smuggled HTTP/1.1", "method: SP at offset 3 (after 'GET') is not a token character"},
                      Case{" GET", "method: SP at offset 0 is not a token character"},
                      Case{"GE\0T"s, "method: NUL at offset 2 (after 'GE') is not a token character"},
                      Case{"GET\t", "method: HTAB at offset 3 (after 'GET') is not a token character"},
                      Case{"GET\x7f", "method: DEL at offset 3 (after 'GET') is not a token character"},
                      Case{"G\xc3\x89T", "method: 0xC3 at offset 1 (after 'G') is not a token character"},
                      Case{"GET:", "method: ':' at offset 3 (after 'GET') is not a token character"},
                      Case{"GE(T)", "method: '(' at offset 2 (after 'GE') is not a token character"}));

class UrlValidation : public ::testing::TestWithParam<Case> {};

TEST_P(UrlValidation, AcceptsAbsoluteHttpAndHttpsUrlsOnly) {
    EXPECT_EQ(invalid_argument_message([&] { validate_url(GetParam().input); }), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, UrlValidation,
    ::testing::Values(
        Case{"http://127.0.0.1:8080/a?b=c#d", valid}, Case{"https://account.blob.core.windows.net/c?sig=abc%2F", valid},
        Case{"HTTPS://[::1]/x", valid}, Case{"http://user:pass@host/", valid},
        Case{"/relative/path", "url: not an absolute URL"},
        Case{"https://host/a\r\nInjected: yes", "url: not a valid URL (RFC 3986): CR at offset 14"},
        Case{"https://host/a b?sig=secret", "url: not a valid URL (RFC 3986): SP at offset 14"},
        Case{"https://host/a\0b"s, "url: not a valid URL (RFC 3986): NUL at offset 14"},
        Case{"http://host/items/{id}", "url: not a valid URL (RFC 3986): '{' at offset 18"},
        Case{"http://host/a%zz", "url: not a valid URL (RFC 3986)"}, Case{"", "url: not an absolute URL"},
        Case{"ftp://host/file", "url: scheme 'ftp' is not http or https"},
        Case{"file:///etc/passwd", "url: scheme 'file' is not http or https"},
        Case{"gopher://127.0.0.1:25/x", "url: scheme 'gopher' is not http or https"},
        Case{"http:/no-authority", "url: no host"}, Case{"https:///path", "url: no host"}));

struct HeaderCase {
    std::string name;
    std::string value;
    std::string message;  // `valid` when accepted
};

void PrintTo(const HeaderCase& c, std::ostream* out) { *out << testing::PrintToString(c.name) << ": " << testing::PrintToString(c.value); }

class HeaderValidation : public ::testing::TestWithParam<HeaderCase> {};

TEST_P(HeaderValidation, AcceptsTokenNamesAndValuesWithoutControlCharacters) {
    EXPECT_EQ(invalid_argument_message([&] { validate_header(GetParam().name, GetParam().value); }), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, HeaderValidation,
    ::testing::Values(
        HeaderCase{"X-Probe", "a", valid}, HeaderCase{"x-ms-client-request-id", "", valid},
        HeaderCase{"X-Spaces", "a b\tc", valid}, HeaderCase{"X-Edges", " padded\t", valid},
        HeaderCase{"X-Obs-Text", "caf\xc3\xa9 \x80\xff", valid}, HeaderCase{"X-Visible", "!\"#(),/:;<=>?@[\\]{}~", valid},
        HeaderCase{"!#$%&'*+-.^_`|~09Az", "v", valid},
        HeaderCase{"", "v", "header name is empty"},
        HeaderCase{"X-Probe:", "v", "header name: ':' at offset 7 (after 'X-Probe') is not a token character"},
        HeaderCase{"X Probe", "v", "header name: SP at offset 1 (after 'X') is not a token character"},
        HeaderCase{"Authorization: Bearer secret", "", "header name: ':' at offset 13 (after 'Authorization') is not a token character"},
        HeaderCase{"X-Probe\r\nInjected", "v", "header name: CR at offset 7 (after 'X-Probe') is not a token character"},
        HeaderCase{"\nX", "v", "header name: LF at offset 0 is not a token character"},
        HeaderCase{"X-Pro\0be"s, "v", "header name: NUL at offset 5 (after 'X-Pro') is not a token character"},
        HeaderCase{"X-Probe;", "", "header name: ';' at offset 7 (after 'X-Probe') is not a token character"},
        HeaderCase{"X-\x7f", "v", "header name: DEL at offset 2 (after 'X-') is not a token character"},
        HeaderCase{"X-Caf\xc3\xa9", "v", "header name: 0xC3 at offset 5 (after 'X-Caf') is not a token character"},
        HeaderCase{"X-Probe", "a\r\nInjected: yes", "header 'X-Probe': value contains CR or LF"},
        HeaderCase{"X-Probe", "a\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n", "header 'X-Probe': value contains CR or LF"},
        HeaderCase{"X-Probe", "a\rb", "header 'X-Probe': value contains CR or LF"},
        HeaderCase{"X-Probe", "a\nb", "header 'X-Probe': value contains CR or LF"},
        HeaderCase{"X-Probe", "folded\r\n continuation", "header 'X-Probe': value contains CR or LF"},
        HeaderCase{"X-Probe", "secret\0tail"s, "header 'X-Probe': value contains NUL"},
        HeaderCase{"X-Probe", "\0"s, "header 'X-Probe': value contains NUL"},
        HeaderCase{"X-Probe", "a\x1b[31m", "header 'X-Probe': value contains a control character (0x1B)"},
        HeaderCase{"X-Probe", "a\x01", "header 'X-Probe': value contains a control character (0x01)"},
        HeaderCase{"X-Probe", "a\x7f", "header 'X-Probe': value contains a control character (DEL)"}));

TEST(RequestValidation, ChecksTheMethodThenTheUrlThenEachHeaderInOrder) {
    HttpRequest request("GET\r\n", "ftp://host/", {.headers = {{"X-A", "ok"}, {"X-B", "bad\n"}, {"X-C", "bad\r"}}});
    EXPECT_EQ(invalid_argument_message([&] { validate_request(request); }),
              "method: CR at offset 3 (after 'GET') is not a token character");
    request.method = "GET";
    EXPECT_EQ(invalid_argument_message([&] { validate_request(request); }), "url: scheme 'ftp' is not http or https");
    request.url = "https://host/";
    EXPECT_EQ(invalid_argument_message([&] { validate_request(request); }), "header 'X-B': value contains CR or LF");
    request.headers.set("X-B", "fine");
    EXPECT_EQ(invalid_argument_message([&] { validate_request(request); }), "header 'X-C': value contains CR or LF");
    request.headers.erase("X-C");
    EXPECT_EQ(invalid_argument_message([&] { validate_request(request); }), valid);
}

TEST(RequestValidation, ChecksEveryValueOfAHeaderWithSeveralValues) {
    HttpRequest request("GET", "https://host/");
    request.headers.add("X-Multi", "first");
    request.headers.add("X-Multi", "second\r\nInjected: yes");
    EXPECT_EQ(invalid_argument_message([&] { validate_request(request); }), "header 'X-Multi': value contains CR or LF");
}

}  // namespace
}  // namespace azcore::rest::detail
