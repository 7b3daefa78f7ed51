// The multipart/mixed response grammar, row by row: what each body decodes to, or the reason it
// is refused.
#include "rest/multipart_mixed_parser.hpp"

#include "support/invalid_argument_message.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace azcore::rest::detail {
namespace {

struct Row {
    const char* name;
    std::string content_type;
    std::string body;
    // "<status> <body>" per part, or the refusal.
    std::vector<std::string> parts{};
    std::string error{};
};

std::string part(const std::string& http) { return "Content-Type: application/http\r\n\r\n" + http; }
const std::string OK_A = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na";
const std::string OK_B = "HTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nb";

std::vector<Row> rows() {
    const std::string mixed = "multipart/mixed; boundary=b";
    return {
        {"TwoPartsWithCrlf", mixed, "--b\r\n" + part(OK_A) + "\r\n--b\r\n" + part(OK_B) + "\r\n--b--\r\n", {"200 a", "201 b"}},
        {"LineFeedsOnly", mixed,
         "--b\nContent-Type: application/http\n\nHTTP/1.1 200 OK\nContent-Length: 1\n\na\n--b--\n", {"200 a"}},
        {"PreambleAndEpilogueAreDropped", mixed, "preamble --b\r\n--b\r\n" + part(OK_A) + "\r\n--b--\r\nepilogue\r\n--b\r\n",
         {"200 a"}},
        {"QuotedBoundary", "multipart/mixed; boundary=\"b c\"", "--b c\r\n" + part(OK_A) + "\r\n--b c--", {"200 a"}},
        {"PaddingAfterDelimiters", mixed, "--b \t\r\n" + part(OK_A) + "\r\n--b--  \r\n", {"200 a"}},
        {"CloseDelimiterWithoutLineEnd", mixed, "--b\r\n" + part(OK_A) + "\r\n--b--", {"200 a"}},
        {"ABoundaryPrefixInsideAPartIsData", mixed,
         "--b\r\n" + part("HTTP/1.1 200 OK\r\n\r\nx\r\n--bc\r\n--b-x") + "\r\n--b--\r\n", {"200 x\r\n--bc\r\n--b-x"}},
        {"BodyUntilTheDelimiterWithoutContentLength", mixed, "--b\r\n" + part("HTTP/1.1 200 OK\r\n\r\nline1\r\nline2") + "\r\n--b--",
         {"200 line1\r\nline2"}},
        {"ChunkedBody", mixed,
         "--b\r\n" + part("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n") + "\r\n--b--", {"200 hi"}},
        {"NoContentHasNoBody", mixed, "--b\r\n" + part("HTTP/1.1 204 No Content\r\n\r\n") + "\r\n--b--", {"204 "}},
        {"ExtraBytesPastContentLengthAreDropped", mixed, "--b\r\n" + part(OK_A + "zzz") + "\r\n--b--", {"200 a"}},
        {"ReasonCanBeEmpty", mixed, "--b\r\n" + part("HTTP/1.1 202 \r\n\r\n") + "\r\n--b--", {"202 "}},
        {"NoParts", mixed, "--b--\r\n", {}},
        {"UpperCaseMediaTypes", "Multipart/Mixed; Boundary=b", "--b\r\nCONTENT-TYPE: Application/HTTP\r\n\r\n" + OK_A + "\r\n--b--",
         {"200 a"}},
        {"EmptyPart", mixed, "--b\r\n\r\n--b--", {},
         "part 1: Content-Type 'text/plain' is not supported (application/http, or multipart/mixed for a changeset)"},
        {"MissingCloseDelimiter", mixed, "--b\r\n" + part(OK_A), {}, "the body ends before the close delimiter '--b--'"},
        {"NoDelimiterAtAll", mixed, "garbage", {}, "no delimiter line '--b' was found"},
        {"NoBoundaryParameter", "multipart/mixed", "--b--", {}, "the Content-Type 'multipart/mixed' has no boundary"},
        {"EmptyBoundary", "multipart/mixed; boundary=\"\"", "--b--", {}, "the boundary is empty"},
        {"NotMultipart", "text/plain", "--b--", {}, "the Content-Type 'text/plain' is not multipart/mixed"},
        {"BadStatusLine", mixed, "--b\r\n" + part("HTTP/9 OK\r\n\r\n") + "\r\n--b--", {},
         "part 1: its HTTP response does not parse (bad version)"},
        {"GarbageForAnHttpMessage", mixed, "--b\r\n" + part("\x01\x02\x03") + "\r\n--b--", {},
         "part 1: its HTTP response is cut short (partial message)"},
        {"BodyShorterThanContentLength", mixed,
         "--b\r\n" + part("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") + "\r\n--b--", {},
         "part 1: its HTTP response is cut short (partial message)"},
        {"EmptyHttpMessage", mixed, "--b\r\nContent-Type: application/http\r\n\r\n\r\n--b--", {},
         "part 1: its HTTP response is cut short (partial message)"},
        {"Base64PartsAreNotSupported", mixed,
         "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: base64\r\n\r\nSFRUUA==\r\n--b--", {},
         "part 1: Content-Transfer-Encoding 'base64' is not supported"},
        {"BadMimeHeader", mixed, "--b\r\nno colon here\r\n\r\n" + OK_A + "\r\n--b--", {},
         "part 1: its MIME headers does not parse (bad field)"},
        {"AChangesetWithoutAChangesetRequest", mixed,
         "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n" + part(OK_A) + "\r\n--c--\r\n\r\n--b--", {},
         "part 1: Content-Type 'multipart/mixed; boundary=c' is not supported (application/http, or multipart/mixed for a "
         "changeset)"},
    };
}

class MultipartMixedParserTest : public ::testing::TestWithParam<Row> {};

TEST_P(MultipartMixedParserTest, DecodesOrRefusesWithAReason) {
    const Row& row = GetParam();
    auto parent = std::make_shared<HttpRequest>("POST", "/batch");
    std::vector<std::string> got;
    const std::string error = test::invalid_argument_message([&] {
        for (const auto& response : decode_parts(row.body, row.content_type, {}, parent))
            got.push_back(std::to_string(response.head.status_code) + " " +
                          std::string(response.body.begin(), response.body.end()));
    });
    if (row.error.empty()) {
        EXPECT_EQ(error, "<no std::invalid_argument>");
        EXPECT_EQ(got, row.parts);
    } else {
        EXPECT_EQ(error, row.error);
    }
}

INSTANTIATE_TEST_SUITE_P(Rows, MultipartMixedParserTest, ::testing::ValuesIn(rows()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(MultipartMixedParser, AHugePartIsReadWhole) {
    const std::string payload(20u << 20, 'x');
    const std::string body = "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: " +
                             std::to_string(payload.size()) + "\r\n\r\n" + payload + "\r\n--b--\r\n";
    const auto parts = decode_parts(body, "multipart/mixed; boundary=b", {}, std::make_shared<HttpRequest>("POST", "/"));
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].body.size(), payload.size());
}

TEST(MultipartMixedParser, AHeadRequestsPartHasNoBodyWhateverItsContentLength) {
    auto head = std::make_shared<HttpRequest>("HEAD", "/h");
    const auto parts = decode_parts("--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n\r\n--b--",
                                    "multipart/mixed; boundary=b", {head}, std::make_shared<HttpRequest>("POST", "/"));
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(parts[0].head.headers.get("Content-Length"), "99");
    EXPECT_TRUE(parts[0].body.empty());
    EXPECT_EQ(parts[0].request, head);
}

}  // namespace
}  // namespace azcore::rest::detail
