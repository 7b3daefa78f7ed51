// text() in any charset glibc's iconv knows, in both faces (the body read by read() or by
// co_await read()). Expected values are Python azure-core 1.41's decode_to_text for the same bytes.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>

namespace azcore::rest {
namespace {

using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

/// A response with content_type and body, read whole (streamed, then read()) in the face.
std::shared_ptr<HttpResponseBase> receive(RunMode mode, std::string content_type, std::string body) {
    auto transport = std::make_shared<MockTransport>([content_type, body](const transport::RecordedRequest&) {
        return MockResponse{.status_code = 200, .reason = "OK", .headers = {{"Content-Type", content_type}}, .body = to_bytes(body)};
    });
    const PipelineClientOptions options{.transport = transport, .config = Configuration{}};
    if (mode == RunMode::Sync) {
        PipelineClient client("https://svc.example", options);
        auto response = client.send_request(HttpRequest("GET", "/t"), {.stream = true});
        response->read();
        return response;
    }
    boost::asio::io_context io;
    AsyncPipelineClient client("https://svc.example", io.get_executor(), options);
    return test::run_awaitable(io, [](AsyncPipelineClient& c) -> net::awaitable<std::shared_ptr<HttpResponseBase>> {
        HttpRequest request("GET", "/t");
        SendRequestOptions send{.stream = true};
        auto response = co_await c.send_request(std::move(request), std::move(send));
        co_await response->read();
        co_return response;
    }(client));
}

class TextCharsetTest : public ::testing::TestWithParam<RunMode> {};

INSTANTIATE_TEST_SUITE_P(BothFaces, TextCharsetTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

struct Row {
    const char* charset;
    std::string bytes;
    std::string text;  // UTF-8
};

TEST_P(TextCharsetTest, DecodesTheDeclaredCharsetAsPythonDoes) {
    const Row rows[] = {
        {"Shift_JIS", "\x93\xfa\x96{\x8c\xea\x83" "e\x83L\x83X\x83g", "日本語テキスト"},
        {"utf-16", std::string("\xff\xfeh\x00\xe9\x00l\x00l\x00o\x00", 12), "héllo"},
        {"utf-16", std::string("h\x00\xe9\x00l\x00l\x00o\x00", 10), "héllo"},  // no BOM: little-endian
        {"UTF-16", std::string("\x00h\x00\xe9\x00l\x00l\x00o", 10), "栀\xee\xa4\x80氀氀漀"},  // as Python: LE
        {"utf-16be", std::string("\x00h\x00i", 4), "hi"},
        {"ISO-8859-15", "\xa4 \xbd \xe9", "€ œ é"},
        {"windows-1252", "\x80 \x93q\x94 \xe9", "€ “q” é"},
        {"KOI8-R", "\xf0\xd2\xc9\xd7\xc5\xd4", "Привет"},
        {"\"euc-jp\"", "\xc6\xfc\xcb\xdc", "日本"},
        {"iso-8859-1", "caf\xe9", "café"},
        {"utf-8", "\xef\xbb\xbfok", "ok"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.charset);
        const auto response = receive(GetParam(), std::string("text/plain; charset=") + row.charset, row.bytes);
        EXPECT_EQ(response->text(), row.text);
    }
}

TEST_P(TextCharsetTest, BytesInvalidInTheCharsetRaiseDecodeErrorNamingIt) {
    const struct {
        const char* charset;
        std::string bytes;
        const char* message;
    } rows[] = {
        {"shift_jis", "a\x82 b", "'shift_jis' codec can't decode byte 0x82 in position 1: illegal multibyte sequence"},
        {"Shift_JIS", "\x82\xa0\x82", "'shift_jis' codec can't decode byte 0x82 in position 2: incomplete multibyte sequence"},
        {"utf-16", std::string("h\x00i", 3), "'utf-16' codec can't decode byte 0x69 in position 2: incomplete multibyte sequence"},
        {"windows-1252", "a\x81" "b", "'windows-1252' codec can't decode byte 0x81 in position 1: illegal multibyte sequence"},
        {"ascii", "ab\xe9", "'ascii' codec can't decode byte 0xe9 in position 2: ordinal not in range(128)"},
        {"utf-8", "\xef\xbb\xbfok\xff", "'utf-8' codec can't decode byte 0xff in position 2: invalid byte sequence"},
        {"utf-8", "ok\xe2\x82", "'utf-8' codec can't decode byte 0xe2 in position 2: unexpected end of data"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.charset);
        const auto response = receive(GetParam(), std::string("text/plain; charset=") + row.charset, row.bytes);
        try {
            response->text();
            ADD_FAILURE() << "expected DecodeError";
        } catch (const exceptions::DecodeError& error) {
            EXPECT_EQ(error.message(), row.message);
            EXPECT_EQ(error.response(), response);
        }
    }
}

TEST_P(TextCharsetTest, AnUnknownDeclaredCharsetFallsBackToUtf8WithReplacement) {
    const auto response = receive(GetParam(), "text/plain; charset=x-no-such-charset", "ok\xff");
    EXPECT_EQ(response->encoding(), std::nullopt);
    EXPECT_EQ(response->text(), "ok\xef\xbf\xbd");
    const auto suffixed = receive(GetParam(), "text/plain; charset=\"utf-16//IGNORE\"", "ok");
    EXPECT_EQ(suffixed->encoding(), std::nullopt) << "iconv's //IGNORE suffix is not a charset name";
}

TEST_P(TextCharsetTest, AnUnknownExplicitEncodingIsAnInvalidArgumentNamingIt) {
    const auto response = receive(GetParam(), "text/plain", "abc");
    try {
        response->text("x-no-such-charset");
        ADD_FAILURE() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "encoding: unknown text encoding 'x-no-such-charset'");
    }
    EXPECT_EQ(receive(GetParam(), "text/plain", "")->text("x-no-such-charset"), "") << "Python returns '' for no content first";
}

TEST_P(TextCharsetTest, AnExplicitEncodingWinsOverTheDeclaredOneAndTakesPythonSpellings) {
    const auto response = receive(GetParam(), "text/plain; charset=utf-8", "\xf0\xd2\xc9\xd7\xc5\xd4");
    EXPECT_EQ(response->text("koi8_r"), "Привет");
    EXPECT_EQ(receive(GetParam(), "text/plain", "\xa4")->text("iso8859_15"), "€");
    EXPECT_EQ(receive(GetParam(), "text/plain", std::string("h\x00i\x00", 4))->text("utf_16_le"), "hi");
    response->set_encoding("cp1252");
    EXPECT_EQ(response->encoding(), "cp1252");
}

}  // namespace
}  // namespace azcore::rest
