#include <azcore/rest/http_request.hpp>

#include "support/invalid_argument_message.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

using azcore::Bytes;
using azcore::CaseInsensitiveDict;
using azcore::rest::BodyStream;
using azcore::rest::BytesStream;
using azcore::rest::FileContent;
using azcore::rest::GeneratorStream;
using azcore::rest::HttpRequest;
using azcore::rest::HttpRequestOptions;
using Headers = std::vector<std::pair<std::string, std::string>>;
using StringList = std::vector<std::string>;

Headers headers_of(const HttpRequest& request) { return Headers(request.headers.begin(), request.headers.end()); }

std::string body_bytes(const HttpRequest& request) {
    const auto& bytes = std::get<std::shared_ptr<const Bytes>>(request.content);
    return std::string(azcore::as_string_view(*bytes));
}

std::string read_stream(BodyStream& stream, std::size_t chunk = 7) {
    std::string result;
    std::vector<std::uint8_t> buffer(chunk);
    while (const std::size_t count = stream.read(buffer)) {
        result.append(reinterpret_cast<const char*>(buffer.data()), count);
    }
    return result;
}

std::string boundary_of(const HttpRequest& request) {
    const std::string content_type = request.headers.get("Content-Type").value_or("");
    const std::string prefix = "multipart/form-data; boundary=";
    EXPECT_EQ(content_type.rfind(prefix, 0), 0u) << content_type;
    return content_type.substr(prefix.size());
}

std::string printed(const HttpRequest& request) {
    std::ostringstream out;
    out << request;
    return out.str();
}

// ---- construction and params --------------------------------------------------------------------

TEST(HttpRequest, WithoutOptionsHasNoBodyAndNoHeaders) {
    const HttpRequest request("GET", "https://example.org/path");
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.url, "https://example.org/path");
    EXPECT_TRUE(request.headers.empty());
    EXPECT_FALSE(request.has_body());
    EXPECT_TRUE(std::holds_alternative<std::monostate>(request.content));
}

TEST(HttpRequest, ParamsArePercentEncodedAndAppendedInOrder) {
    const HttpRequest request("GET", "https://example.org/p",
                              {.params = {{"a b", "x/y+z&w=v"}, {"list", StringList{"1", "2 3"}}, {"e", "\xc3\xa9"}}});
    EXPECT_EQ(request.url, "https://example.org/p?a%20b=x%2Fy%2Bz%26w%3Dv&list=1&list=2%203&e=%C3%A9");
}

TEST(HttpRequest, AParamAlreadyInTheUrlQueryIsDroppedAndTheQueryKeptVerbatim) {
    const HttpRequest request("GET", "https://example.org/p?api-version=2020-01-01&odd=a%2Fb+c",
                              {.params = {{"api-version", "2024-05-01"}, {"new", "v"}}});
    EXPECT_EQ(request.url, "https://example.org/p?api-version=2020-01-01&odd=a%2Fb+c&new=v");
}

TEST(HttpRequest, ParamsGoIntoTheQueryBeforeTheFragment) {
    const HttpRequest request("GET", "https://example.org/p#frag", {.params = {{"k", "v"}}});
    EXPECT_EQ(request.url, "https://example.org/p?k=v#frag");
}

TEST(HttpRequest, ParamsWorkOnARelativeUrlAndAnEmptyQuery) {
    EXPECT_EQ(HttpRequest("GET", "/items?", {.params = {{"k", "v"}}}).url, "/items?k=v");
    EXPECT_EQ(HttpRequest("GET", "/items", {.params = {{"k", StringList{}}}}).url, "/items");
}

// As the request validator's messages: the URL (a userinfo password, a SAS sig) is not quoted.
TEST(HttpRequest, AnInvalidUrlWithParamsIsAnInvalidArgumentNamingUrlWithoutQuotingIt) {
    EXPECT_EQ(azcore::test::invalid_argument_message(
                  [] { HttpRequest("GET", "https://user:pass@example.org/a b?sig=secret", {.params = {{"k", "v"}}}); }),
              "HttpRequest: url is not a valid URL (RFC 3986)");
}

// ---- bodies -------------------------------------------------------------------------------------

TEST(HttpRequest, TextContentIsTextPlainWithItsLengthInBytesNotCharacters) {
    const HttpRequest request("POST", "https://example.org", {.content = std::string("h\xc3\xa9llo \xe2\x82\xac")});
    EXPECT_EQ(headers_of(request), (Headers{{"Content-Type", "text/plain"}, {"Content-Length", "10"}}));
    EXPECT_EQ(body_bytes(request), "h\xc3\xa9llo \xe2\x82\xac");
    EXPECT_TRUE(request.has_body());
}

TEST(HttpRequest, EmptyTextContentHasAContentTypeButNoContentLength) {
    const HttpRequest request("POST", "https://example.org", {.content = ""});  // a literal is text
    EXPECT_EQ(headers_of(request), (Headers{{"Content-Type", "text/plain"}}));
    EXPECT_EQ(body_bytes(request), "");
}

TEST(HttpRequest, BytesContentHasAContentLengthOnly) {
    const HttpRequest request("PUT", "https://example.org", {.content = Bytes{0x00, 0xff, 0x10}});
    EXPECT_EQ(headers_of(request), (Headers{{"Content-Length", "3"}}));
    EXPECT_EQ(body_bytes(request), std::string("\x00\xff\x10", 3));
    EXPECT_TRUE(HttpRequest("PUT", "https://example.org", {.content = Bytes{}}).headers.empty());
}

TEST(HttpRequest, StreamContentHasAContentLengthOnlyWhenItsLengthIsKnown) {
    auto known = std::make_shared<BytesStream>(azcore::to_bytes("12345"));
    const HttpRequest with_length("PUT", "https://example.org", {.content = std::shared_ptr<BodyStream>(known)});
    EXPECT_EQ(headers_of(with_length), (Headers{{"Content-Length", "5"}}));
    EXPECT_EQ(std::get<std::shared_ptr<BodyStream>>(with_length.content), known);

    auto unknown = std::make_shared<GeneratorStream>([]() -> std::optional<Bytes> { return std::nullopt; });
    const HttpRequest chunked("PUT", "https://example.org", {.content = std::shared_ptr<BodyStream>(unknown)});
    EXPECT_TRUE(chunked.headers.empty());
    EXPECT_TRUE(chunked.has_body());
}

TEST(HttpRequest, JsonIsSerialisedWithApplicationJson) {
    const HttpRequest request("POST", "https://example.org", {.json = boost::json::value{{"name", "x"}, {"n", 1}}});
    EXPECT_EQ(body_bytes(request), R"({"name":"x","n":1})");
    EXPECT_EQ(headers_of(request), (Headers{{"Content-Type", "application/json"}, {"Content-Length", "18"}}));
}

TEST(HttpRequest, ContentWinsOverJsonAndJsonOverData) {
    const HttpRequest content_first("POST", "https://example.org",
                                    {.json = boost::json::value(1), .content = std::string("text"), .data = {{"a", "b"}}});
    EXPECT_EQ(body_bytes(content_first), "text");
    const HttpRequest json_next("POST", "https://example.org", {.json = boost::json::value(1), .data = {{"a", "b"}}});
    EXPECT_EQ(body_bytes(json_next), "1");
    EXPECT_EQ(json_next.headers.get("content-type"), "application/json");
}

TEST(HttpRequest, DataAloneIsFormUrlEncodedSkippingEmptyValues) {
    const HttpRequest request(
        "POST", "https://example.org",
        {.data = {{"name", "a b"}, {"empty", ""}, {"none", StringList{}}, {"list", StringList{"1", "2"}}, {"s y", "&=+\xc3\xa9"}}});
    EXPECT_EQ(body_bytes(request), "name=a+b&list=1&list=2&s+y=%26%3D%2B%C3%A9");
    EXPECT_EQ(headers_of(request),
              (Headers{{"Content-Type", "application/x-www-form-urlencoded"}, {"Content-Length", "42"}}));
}

TEST(HttpRequest, CallersHeadersOverrideTheBodyHeaders) {
    const HttpRequest request("POST", "https://example.org",
                              {.headers = {{"content-type", "application/merge-patch+json"}, {"X-Extra", "1"}},
                               .json = boost::json::value{{"a", 1}}});
    EXPECT_EQ(headers_of(request), (Headers{{"content-type", "application/merge-patch+json"},
                                            {"Content-Length", "7"},
                                            {"X-Extra", "1"}}));
}

TEST(HttpRequest, FilesAndDataMakeAMultipartFormDataBodyLaidOutAsPythonSendsIt) {
    const HttpRequest request(
        "POST", "https://example.org/upload",
        {.data = {{"field", "value"}, {"skipped", ""}, {"multi", StringList{"x", "y"}}},
         .files = {{"file", FileContent{.filename = "a.txt", .content = azcore::to_bytes("hello\n"), .content_type = "text/plain"}},
                   {"raw", FileContent{.filename = "b \"q\".bin", .content = Bytes{0x00, 0x01}}}}});
    const std::string b = boundary_of(request);
    const std::string expected = "--" + b + "\r\n" +
                                 "Content-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
                                 "--" + b + "\r\n" +
                                 "Content-Disposition: form-data; name=\"multi\"\r\n\r\nx\r\n"
                                 "--" + b + "\r\n" +
                                 "Content-Disposition: form-data; name=\"multi\"\r\n\r\ny\r\n"
                                 "--" + b + "\r\n" +
                                 "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                                 "Content-Type: text/plain\r\n\r\nhello\n\r\n"
                                 "--" + b + "\r\n" +
                                 "Content-Disposition: form-data; name=\"raw\"; filename=\"b %22q%22.bin\"\r\n\r\n" +
                                 std::string("\x00\x01", 2) + "\r\n"
                                 "--" + b + "--\r\n";
    EXPECT_EQ(body_bytes(request), expected);
    EXPECT_EQ(request.headers.get("Content-Length"), std::to_string(expected.size()));
}

TEST(HttpRequest, MultipartBoundaryIs32RandomHexDigits) {
    const HttpRequestOptions options{.files = {{"f", FileContent{.filename = "f", .content = Bytes{1}}}}};
    const std::string first = boundary_of(HttpRequest("POST", "https://example.org", options));
    const std::string second = boundary_of(HttpRequest("POST", "https://example.org", options));
    EXPECT_TRUE(std::regex_match(first, std::regex("[0-9a-f]{32}"))) << first;
    EXPECT_NE(first, second);
}

// The part headers are written into the body: a CR LF there would add headers of the server's parsing.
TEST(HttpRequest, AFileContentTypeWithCrLfIsRefusedWithoutQuotingIt) {
    const HttpRequestOptions options{
        .files = {{"f", FileContent{.filename = "f", .content = Bytes{1}, .content_type = "text/plain\r\nX-Injected: 1"}}}};
    try {
        HttpRequest("POST", "https://example.test/upload", options);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "files: a part's header 'Content-Type': value contains CR or LF");
    }
}

TEST(HttpRequest, AMultipartFileStreamMakesASeekableStreamedBodyOfKnownLength) {
    auto file = std::make_shared<BytesStream>(azcore::to_bytes("streamed file body"));
    const HttpRequest request("POST", "https://example.org",
                              {.data = {{"k", "v"}},
                               .files = {{"upload", FileContent{.filename = "f.bin",
                                                                .content = std::shared_ptr<BodyStream>(file),
                                                                .content_type = "application/octet-stream"}}}});
    const std::string b = boundary_of(request);
    const std::string expected = "--" + b + "\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--" + b +
                                 "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"f.bin\"\r\n"
                                 "Content-Type: application/octet-stream\r\n\r\nstreamed file body\r\n--" + b + "--\r\n";
    auto& stream = *std::get<std::shared_ptr<BodyStream>>(request.content);
    EXPECT_EQ(request.headers.get("Content-Length"), std::to_string(expected.size()));
    ASSERT_TRUE(stream.seekable());
    EXPECT_EQ(stream.length(), expected.size());
    EXPECT_EQ(read_stream(stream), expected);
    EXPECT_EQ(stream.length(), 0u);

    // Rewound for a retry: the whole body again, the file part included.
    stream.seek(0);
    EXPECT_EQ(read_stream(stream, 5), expected);
    // Seeking into the middle of the file part.
    const std::size_t in_file = expected.find("file body");
    stream.seek(in_file);
    EXPECT_EQ(stream.tell(), in_file);
    EXPECT_EQ(read_stream(stream, 64), expected.substr(in_file));
}

TEST(HttpRequest, AMultipartGeneratorMakesANonSeekableBodyOfUnknownLength) {
    std::vector<std::string> chunks{"gen", "erated"};
    std::size_t next = 0;
    auto generator = std::make_shared<GeneratorStream>([&]() -> std::optional<Bytes> {
        if (next == chunks.size()) {
            return std::nullopt;
        }
        return azcore::to_bytes(chunks[next++]);
    });
    const HttpRequest request(
        "POST", "https://example.org",
        {.files = {{"g", FileContent{.filename = "g.txt", .content = std::shared_ptr<BodyStream>(generator)}}}});
    const std::string b = boundary_of(request);
    EXPECT_FALSE(request.headers.contains("Content-Length"));
    auto& stream = *std::get<std::shared_ptr<BodyStream>>(request.content);
    EXPECT_FALSE(stream.seekable());
    EXPECT_EQ(stream.length(), std::nullopt);
    EXPECT_EQ(read_stream(stream, 4), "--" + b + "\r\nContent-Disposition: form-data; name=\"g\"; filename=\"g.txt\"\r\n\r\n"
                                      "generated\r\n--" + b + "--\r\n");
    EXPECT_THROW((void)stream.tell(), std::logic_error);
}

// ---- printing and copying -----------------------------------------------------------------------

TEST(HttpRequest, PrintsLikePythonsRepr) {
    EXPECT_EQ(printed(HttpRequest("GET", "https://example.org/p?a=1")), "<HttpRequest [GET], url: 'https://example.org/p?a=1'>");
}

TEST(HttpRequest, PrintingHidesASasSignature) {
    EXPECT_EQ(printed(HttpRequest("PUT", "https://acct.blob.core.windows.net/c/b?sv=2020&sig=abc%2Bdef&se=x")),
              "<HttpRequest [PUT], url: 'https://acct.blob.core.windows.net/c/b?sv=2020&sig=REDACTED&se=x'>");
}

TEST(HttpRequest, CopiesShareTheBodyAndOwnTheirHeaders) {
    const HttpRequest original("POST", "https://example.org", {.content = std::string("body")});
    HttpRequest copy = original;
    copy.headers.set("X", "1");
    EXPECT_EQ(std::get<std::shared_ptr<const Bytes>>(copy.content), std::get<std::shared_ptr<const Bytes>>(original.content));
    EXPECT_FALSE(original.headers.contains("X"));
}

}  // namespace
