// Http1Exchange, the Beast transports' step, over responses given as bytes: each row read whole,
// and again a byte and seven bytes per read (a server may split a response anywhere). A response
// on a kept-alive connection must be read to its end without waiting for more.
#include <azcore/exceptions.hpp>

#include "support/exchange_replay.hpp"
#include "support/expect_throws.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <typeinfo>

namespace azcore::test {
namespace {

namespace ex = exceptions;

std::string text_of(const Bytes& bytes) { return {bytes.begin(), bytes.end()}; }

struct AnswerRow {
    const char* name;
    std::string response;
    int status;
    std::string body;
    bool reusable;
    AfterTheResponse after = AfterTheResponse::KeepsTheConnection;
};

class Http1ExchangeAnswerTest : public ::testing::TestWithParam<AnswerRow> {};

TEST_P(Http1ExchangeAnswerTest, GivesTheStatusTheBodyAndWhetherTheConnectionStays) {
    const AnswerRow& row = GetParam();
    for (Reader reader : {Reader::TakesWhatCame, Reader::FillsItsChunk}) {
        for (std::size_t room : {std::size_t{4096}, std::size_t{64 * 1024}}) {
            for (std::size_t piece : {row.response.size(), std::size_t{1}, std::size_t{7}}) {
                SCOPED_TRACE("room " + std::to_string(room) + ", piece " + std::to_string(piece) +
                             (reader == Reader::FillsItsChunk ? ", filling each chunk" : ""));
                const Replayed replayed = replay_exchange(row.response, piece, row.after, room, reader);
                EXPECT_EQ(replayed.head.status_code, row.status);
                EXPECT_TRUE(text_of(replayed.body) == row.body) << replayed.body.size() << " bytes of " << row.body.size();
                EXPECT_EQ(replayed.reusable, row.reusable);
            }
        }
    }
}

// A Content-Length body read in rooms of 64 KiB: the socket's bytes go straight into the room
// once nothing is buffered (no copy); read a small room at a time, they go through the buffer.
TEST(Http1ExchangeDirectTest, ReadsABigBodyStraightIntoTheRoom) {
    const std::string body(200 * 1024 + 3, 'd');
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    const Replayed direct = replay_exchange(response, 32 * 1024, AfterTheResponse::KeepsTheConnection, 64 * 1024);
    EXPECT_TRUE(text_of(direct.body) == body);
    EXPECT_TRUE(direct.reusable);
    EXPECT_GE(direct.direct_reads, 5u);
    const Replayed buffered = replay_exchange(response, 32 * 1024, AfterTheResponse::KeepsTheConnection, 4096);
    EXPECT_TRUE(text_of(buffered.body) == body);
    EXPECT_EQ(buffered.direct_reads, 0u);
    // Chunked: through the buffer whatever the room (the framing is not the body).
    const Replayed chunked = replay_exchange("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + fmt::format("{:x}", body.size()) +
                                                 "\r\n" + body + "\r\n0\r\n\r\n",
                                             32 * 1024, AfterTheResponse::KeepsTheConnection, 64 * 1024);
    EXPECT_TRUE(text_of(chunked.body) == body);
    EXPECT_EQ(chunked.direct_reads, 0u);
}

// A reader that fills 64 KiB chunks (iter_bytes) while the socket gives 56 KiB at a time: the
// rest of each chunk (8 KiB, less than direct_read_min) is read straight into it as well. Through
// the buffer, every read after the first would copy the body once more.
TEST(Http1ExchangeDirectTest, ReadsTheRestOfAChunkStraightIntoItToo) {
    const std::string body(1024 * 1024, 'r');
    const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    const Replayed filled =
        replay_exchange(response, 56 * 1024, AfterTheResponse::KeepsTheConnection, 64 * 1024, Reader::FillsItsChunk);
    EXPECT_TRUE(text_of(filled.body) == body);
    EXPECT_TRUE(filled.reusable);
    EXPECT_EQ(filled.buffered_body_bytes, 0u);
    EXPECT_GE(filled.direct_reads, 2 * body.size() / (64 * 1024) - 1);
    // 4 KiB chunks: one read of the socket still serves many of them.
    const Replayed small =
        replay_exchange(response, 56 * 1024, AfterTheResponse::KeepsTheConnection, 4096, Reader::FillsItsChunk);
    EXPECT_TRUE(text_of(small.body) == body);
    EXPECT_EQ(small.direct_reads, 0u);
}

const std::string big(10000, 'x');

INSTANTIATE_TEST_SUITE_P(
    Rows, Http1ExchangeAnswerTest,
    ::testing::Values(
        AnswerRow{"ContentLength", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, "hello", true},
        // A header line of 64 KiB with its CR LF: the most either transport takes.
        AnswerRow{"HeaderLineOfExactly64KiB",
                  "HTTP/1.1 200 OK\r\nX-Long: " + std::string(64 * 1024 - 10, 'a') + "\r\nContent-Length: 2\r\n\r\nok", 200, "ok",
                  true},
        AnswerRow{"Chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 200,
                  "hello world", true},
        AnswerRow{"ChunkedWithExtensionAndTrailer",
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n", 200, "hello", true},
        AnswerRow{"EmptyChunkedBody", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 200, "", true},
        AnswerRow{"EmptyChunkedBodyWithATrailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\r\n\r\n", 200, "",
                  true},
        AnswerRow{"ContinueThenTheAnswer", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", 201, "ok",
                  true},
        AnswerRow{"EarlyHintsThenTheAnswer", "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                  200, "", true},
        AnswerRow{"NoContent", "HTTP/1.1 204 No Content\r\n\r\n", 204, "", true},
        AnswerRow{"ConnectionClose", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 200, "ok", false},
        AnswerRow{"Http10ClosesByDefault", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok", false},
        AnswerRow{"BodyToTheEndOfTheStream", "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", 200, "until the end", false,
                  AfterTheResponse::Closes},
        AnswerRow{"EqualContentLengthsRepeated", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok", 200, "ok", true},
        AnswerRow{"LargerThanOneRoom", "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + big, 200, big, true},
        AnswerRow{"LargerThanABigRoom", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'y'), 200,
                  std::string(100000, 'y'), true}),
    [](const ::testing::TestParamInfo<AnswerRow>& info) { return std::string(info.param.name); });

struct FailureRow {
    const char* name;
    std::string response;
    std::function<void(const std::function<void()>&)> expect;  // runs the replay, checks what it threw
};

/// Expects exactly E with what() equal to message.
template <class E>
std::function<void(const std::function<void()>&)> throws(std::string message) {
    return [message](const std::function<void()>& act) { test::expect_throws_exactly<E>(act, message); };
}

class Http1ExchangeFailureTest : public ::testing::TestWithParam<FailureRow> {};

TEST_P(Http1ExchangeFailureTest, IsTheErrorTablesExceptionWithItsMessage) {
    const FailureRow& row = GetParam();
    for (std::size_t room : {std::size_t{4096}, std::size_t{64 * 1024}}) {
        for (std::size_t piece : {row.response.size(), std::size_t{1}}) {
            SCOPED_TRACE("room " + std::to_string(room) + ", piece " + std::to_string(piece));
            row.expect([&] { replay_exchange(row.response, piece, AfterTheResponse::Closes, room); });
        }
    }
}

const std::string long_line = "X-Long: " + std::string(101 * 1024, 'a') + "\r\n";
std::string many_lines() {
    std::string lines;
    for (int i = 0; i < 400; ++i) lines += "X-H" + std::to_string(i) + ": " + std::string(1000, 'b') + "\r\n";
    return lines;
}

std::string endless_continues() {
    std::string continues;
    while (continues.size() <= 301 * 1024) continues += "HTTP/1.1 100 Continue\r\n\r\n";
    return continues + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Http1ExchangeFailureTest,
    ::testing::Values(
        FailureRow{"NothingAtAll", "",
                   throws<ex::ServiceResponseError>("The server closed the connection before the response (end of stream)")},
        FailureRow{"EndInsideTheHead", "HTTP/1.1 200 OK\r\nContent-Len",
                   throws<ex::ServiceResponseError>("The server closed the connection inside the response head (partial message)")},
        FailureRow{"ConflictingContentLengths", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length:\t10 \r\n\r\nhello",
                   throws<ex::ServiceResponseError>("The response has conflicting Content-Length headers: 5, 10")},
        FailureRow{"ThreeContentLengths", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n",
                   throws<ex::ServiceResponseError>("The response has conflicting Content-Length headers: 5, 5, 7")},
        FailureRow{"StatusThatIsNotANumber", "HTTP/1.1 abc Broken\r\n\r\n",
                   throws<ex::ServiceResponseError>("The response's status line or headers are not valid HTTP/1.1 (bad status)")},
        FailureRow{"NotHttp", "SSH-2.0-OpenSSH_9.2\r\n\r\n",
                   throws<ex::ServiceResponseError>("The response's status line or headers are not valid HTTP/1.1 (bad version)")},
        FailureRow{"HeaderLineOver100KiB", "HTTP/1.1 200 OK\r\n" + long_line + "Content-Length: 0\r\n\r\n",
                   throws<ex::ServiceResponseError>(
                       "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)")},
        FailureRow{"HeaderLineJustOver64KiB", "HTTP/1.1 200 OK\r\nX-Long: " + std::string(64 * 1024 - 9, 'a') + "\r\n\r\n",
                   throws<ex::ServiceResponseError>(
                       "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)")},
        FailureRow{"StatusLineOver64KiB", "HTTP/1.1 200 " + std::string(65 * 1024, 'r') + "\r\nContent-Length: 0\r\n\r\n",
                   throws<ex::ServiceResponseError>(
                       "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)")},
        FailureRow{"HeadOver300KiB", "HTTP/1.1 200 OK\r\n" + many_lines() + "\r\n",
                   throws<ex::ServiceResponseError>(
                       "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)")},
        FailureRow{"BodyShortOfItsContentLength", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789",
                   throws<ex::IncompleteReadError>(
                       "The connection closed with 990 bytes remaining of the response body's 1000 (Content-Length) (partial message)")},
        FailureRow{"BigBodyShortOfItsContentLength", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(30000, 'z'),
                   throws<ex::IncompleteReadError>("The connection closed with 70000 bytes remaining of the response body's 100000 "
                                                   "(Content-Length) (partial message)")},
        FailureRow{"ChunkedBodyCut", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100\r\nabc",
                   throws<ex::IncompleteReadError>("The connection closed before the chunked response body ended (partial message)")},
        FailureRow{"EmptyChunkedBodyCutInItsLastLine", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r",
                   throws<ex::IncompleteReadError>("The connection closed before the chunked response body ended (partial message)")},
        FailureRow{"ChunkExtensionWithoutEnd",
                   "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;" + std::string(301 * 1024, 'e'),
                   throws<ex::IncompleteReadError>(
                       "The response body's chunked encoding is malformed (a chunk-size line or the trailers over 300 KiB)")},
        FailureRow{"EndlessInformationalResponses", endless_continues(),
                   throws<ex::ServiceResponseError>(
                       "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)")},
        FailureRow{"ChunkSizeThatIsNotHex", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                   throws<ex::IncompleteReadError>("The response body's chunked encoding is malformed (bad chunk)")}),
    [](const ::testing::TestParamInfo<FailureRow>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace azcore::test
