// ResponseHead: the status line and header block of a response, line by line as curl hands it over.
#include "transport/curl/response_head.hpp"

#include <azcore/exceptions.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace azcore::transport::detail {
namespace {

using Step = ResponseHead::Step;

struct Parsed {
    Step last;
    int status;
    std::string reason;
    std::string version;
    std::vector<std::pair<std::string, std::string>> headers;
};

Parsed parse(const std::vector<std::string>& lines) {
    ResponseHead head;
    Step step = Step::more;
    for (const std::string& line : lines) {
        EXPECT_EQ(step, Step::more) << "a line after the head ended: " << line;
        step = head.add_line(line);
    }
    return {step, head.status_code(), head.reason(), head.http_version(),
            {head.headers().begin(), head.headers().end()}};
}

struct StatusCase {
    std::string line;
    int status;
    std::string reason;
    std::string version;
};

TEST(ResponseHeadTest, StatusLines) {
    const std::vector<StatusCase> cases = {
        {"HTTP/1.1 200 OK\r\n", 200, "OK", "1.1"},
        {"HTTP/1.0 404 Not Found\r\n", 404, "Not Found", "1.0"},
        {"HTTP/2 204\r\n", 204, "", "2"},
        {"HTTP/2.0 200 \r\n", 200, "", "2"},
        {"HTTP/1.1 503   Service Unavailable  \r\n", 503, "Service Unavailable", "1.1"},
        {"HTTP/1.1 200 OK\n", 200, "OK", "1.1"},
        {"HTTP/1.1 2000 X\r\n", 200, "X", "1.1"},  // three digits at most, as curl reads them
        {"HTTP/1.1 20 short\r\n", 20, "short", "1.1"},  // not a final status: the head goes on
        {"HTTP/1.1\r\n", 0, "", "1.1"},
        {"HTTP/\r\n", 0, "", ""},
    };
    for (const StatusCase& c : cases) {
        SCOPED_TRACE(c.line);
        const Parsed parsed = parse({c.line, "\r\n"});
        EXPECT_EQ(parsed.last, c.status >= 200 || c.status == 0 ? Step::complete : Step::more);
        EXPECT_EQ(parsed.reason, c.reason);
        EXPECT_EQ(parsed.version, c.version);
        if (parsed.last == Step::complete) {
            EXPECT_EQ(parsed.status, c.status);
        }
    }
}

TEST(ResponseHeadTest, HeaderLinesAreSplitAtTheFirstColonAndTrimmed) {
    const Parsed parsed = parse({"HTTP/1.1 200 OK\r\n", "Content-Type: application/json\r\n", "X-Empty:\r\n",
                                 "  Spaced  :\t a: b \t\r\n", "no colon here\r\n", "Location: http://h:1/p\r\n", "\r\n"});
    EXPECT_EQ(parsed.last, Step::complete);
    EXPECT_EQ(parsed.headers, (std::vector<std::pair<std::string, std::string>>{
                                  {"Content-Type", "application/json"}, {"X-Empty", ""}, {"Spaced", "a: b"}, {"Location", "http://h:1/p"}}));
}

TEST(ResponseHeadTest, InformationalBlocksAreDroppedAndTheFinalBlockEndsTheHead) {
    const Parsed parsed = parse({"HTTP/1.1 100 Continue\r\n", "X-Interim: 1\r\n", "\r\n", "HTTP/1.1 103 Early Hints\r\n",
                                 "Link: </a>\r\n", "\r\n", "HTTP/1.1 201 Created\r\n", "X-Final: 2\r\n", "\r\n"});
    EXPECT_EQ(parsed.last, Step::complete);
    EXPECT_EQ(parsed.status, 201);
    EXPECT_EQ(parsed.reason, "Created");
    EXPECT_EQ(parsed.headers, (std::vector<std::pair<std::string, std::string>>{{"X-Final", "2"}}));
}

TEST(ResponseHeadTest, SwitchingProtocolsAndABlockWithoutStatusLineEndTheHead) {
    EXPECT_EQ(parse({"HTTP/1.1 101 Switching Protocols\r\n", "\r\n"}).last, Step::complete);
    const Parsed bare = parse({"X-A: 1\r\n", "\r\n"});
    EXPECT_EQ(bare.last, Step::complete);
    EXPECT_EQ(bare.status, 0);
}

TEST(ResponseHeadTest, ConflictingContentLengthsAreAFramingError) {
    ResponseHead head;
    for (std::string line : {"HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "content-length: 7\r\n"})
        EXPECT_EQ(head.add_line(line), Step::more);
    EXPECT_EQ(head.add_line("\r\n"), Step::conflicting_lengths);
    try {
        std::rethrow_exception(head.framing_error());
    } catch (const exceptions::ServiceResponseError& error) {
        EXPECT_EQ(std::string(error.what()), "The response has conflicting Content-Length headers: 5, 7");
    }
    // Repeated equal lengths are one length; an interim block's lengths do not count.
    EXPECT_EQ(parse({"HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "Content-Length: 5\r\n", "\r\n"}).last, Step::complete);
    EXPECT_EQ(parse({"HTTP/1.1 100 Continue\r\n", "Content-Length: 1\r\n", "\r\n", "HTTP/1.1 200 OK\r\n",
                     "Content-Length: 5\r\n", "\r\n"})
                  .last,
              Step::complete);
    EXPECT_EQ(ResponseHead().framing_error(), nullptr);
}

TEST(ResponseHeadTest, ALineOver64KiBIsTooLarge) {
    ResponseHead head;
    EXPECT_EQ(head.add_line("HTTP/1.1 200 OK\r\n"), Step::more);
    const std::string fits = "X-A: " + std::string(64 * 1024 - 7, 'a') + "\r\n";  // 64 KiB with its CR LF
    EXPECT_EQ(head.add_line(fits), Step::more);
    EXPECT_EQ(head.add_line("X-B: " + std::string(64 * 1024 - 6, 'b') + "\r\n"), Step::line_too_large);
}

}  // namespace
}  // namespace azcore::transport::detail
