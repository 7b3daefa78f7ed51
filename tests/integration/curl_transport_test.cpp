// CurlTransport against the project's test server: what is sent, streaming, decoding, options,
// and one test per row of the error table (DESIGN.md).
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/beast_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/temp_dir.hpp"
#include "support/test_transport.hpp"
#include "../../testserver/src/compression.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace azcore {
namespace {

using rest::HttpRequest;
using testserver::TestServer;

// Under the label `beast` these tests run over BeastTransport.
std::shared_ptr<transport::HttpTransport> make_transport(transport::ConnectionConfiguration config = {}) {
    if (test::test_transport() == test::TestTransport::Beast) return std::make_shared<transport::BeastTransport>(std::move(config));
    return std::make_shared<transport::CurlTransport>(std::move(config));
}

PipelineClient client_for(const TestServer& server, transport::ConnectionConfiguration config = {}) {
    return PipelineClient(server.base_url(),
                          {.transport = make_transport(std::move(config)), .config = Configuration{}});
}

boost::json::object echo_of(const rest::HttpResponseBase& response) { return response.json().as_object(); }

std::string header_sent(const boost::json::object& echo, const char* name) {
    const auto& headers = echo.at("headers").as_object();
    auto it = headers.find(name);
    return it == headers.end() ? std::string("<absent>") : std::string(it->value().as_string());
}

class CurlTransportTest : public ::testing::Test {
protected:
    TestServer server_;
    PipelineClient client_ = client_for(server_);
};

TEST_F(CurlTransportTest, SendsMethodPathQueryAndHeadersExactly) {
    HttpRequest request("GET", "/echo", {.params = {{"api-version", "2024-01-01"}, {"tag", std::vector<std::string>{"a b", "c"}}},
                                         .headers = {{"X-Custom", "Value"}, {"x-ms-client-request-id", "id-1"}}});
    auto response = client_.send_request(request);
    ASSERT_EQ(response->status_code(), 200);
    auto echo = echo_of(*response);
    EXPECT_EQ(echo.at("method"), "GET");
    EXPECT_EQ(echo.at("path"), "/echo");
    EXPECT_EQ(echo.at("query").as_string(), "api-version=2024-01-01&tag=a%20b&tag=c");
    EXPECT_EQ(header_sent(echo, "x-custom"), "Value");
    EXPECT_EQ(header_sent(echo, "x-ms-client-request-id"), "id-1");
    EXPECT_EQ(header_sent(echo, "content-type"), "<absent>");
    EXPECT_EQ(header_sent(echo, "content-length"), "<absent>");
    EXPECT_NE(header_sent(echo, "accept-encoding").find("gzip"), std::string::npos);
    EXPECT_EQ(response->http_version(), "1.1");
    EXPECT_EQ(response->reason(), "OK");
}

TEST_F(CurlTransportTest, SendsBytesAndJsonBodiesWithOnlyTheirOwnHeaders) {
    auto bytes = client_.send_request(HttpRequest("POST", "/echo", {.content = to_bytes(std::string("\x00\x01raw", 5))}));
    auto echo = echo_of(*bytes);
    EXPECT_EQ(echo.at("body_base64"), "AAFyYXc=");
    EXPECT_EQ(header_sent(echo, "content-length"), "5");
    EXPECT_EQ(header_sent(echo, "content-type"), "<absent>");
    EXPECT_EQ(header_sent(echo, "expect"), "<absent>");

    auto json = client_.send_request(HttpRequest("PUT", "/echo", {.json = boost::json::value{{"name", "x"}}}));
    auto json_echo = echo_of(*json);
    EXPECT_EQ(json_echo.at("method"), "PUT");
    EXPECT_EQ(json_echo.at("body"), R"({"name":"x"})");
    EXPECT_EQ(header_sent(json_echo, "content-type"), "application/json");
}

TEST_F(CurlTransportTest, PostWithoutBodySendsContentLengthZeroAndDeleteSendsNone) {
    auto post = echo_of(*client_.send_request(HttpRequest("POST", "/echo")));
    EXPECT_EQ(header_sent(post, "content-length"), "0");
    auto del = echo_of(*client_.send_request(HttpRequest("DELETE", "/echo")));
    EXPECT_EQ(del.at("method"), "DELETE");
    EXPECT_EQ(header_sent(del, "content-length"), "<absent>");
}

TEST_F(CurlTransportTest, HeadReturnsHeadersWithoutWaitingForABody) {
    auto response = client_.send_request(HttpRequest("HEAD", "/bytes/1000"));
    EXPECT_EQ(response->status_code(), 200);
    EXPECT_EQ(response->headers().get("Content-Length"), "1000");
    EXPECT_TRUE(response->content().empty());
}

TEST_F(CurlTransportTest, StreamsAnUploadFromAFileWithItsLength) {
    test::TempDir dir;
    std::string data = testserver::generated_bytes(3 * 1024 * 1024 + 17);
    std::ofstream(dir.file("upload.bin"), std::ios::binary) << data;
    auto stream = std::make_shared<rest::FileStream>(dir.file("upload.bin"));
    auto echo = echo_of(*client_.send_request(HttpRequest("PUT", "/upload", {.content = stream})));
    EXPECT_EQ(echo.at("length"), static_cast<std::int64_t>(data.size()));
    EXPECT_EQ(echo.at("chunked"), false);
    EXPECT_EQ(echo.at("content_length").as_string(), std::to_string(data.size()));
}

TEST_F(CurlTransportTest, StreamsAnUploadOfUnknownLengthChunked) {
    int produced = 0;
    auto generator = std::make_shared<rest::GeneratorStream>([&]() -> std::optional<Bytes> {
        if (produced == 4) return std::nullopt;
        ++produced;
        return Bytes(1000, static_cast<std::uint8_t>('a' + produced));
    });
    auto echo = echo_of(*client_.send_request(HttpRequest("POST", "/upload", {.content = generator})));
    EXPECT_EQ(echo.at("length"), 4000);
    EXPECT_EQ(echo.at("chunked"), true);
}

TEST_F(CurlTransportTest, KeepsTheConnectionAliveAcrossRequests) {
    for (int i = 0; i < 5; ++i) EXPECT_EQ(client_.send_request(HttpRequest("GET", "/echo"))->status_code(), 200);
    EXPECT_EQ(server_.connections_accepted(), 1u);
}

TEST_F(CurlTransportTest, ReturnsErrorStatusesAsResponses) {
    auto response = client_.send_request(
        HttpRequest("GET", "/status/404", {.params = {{"reason", "Nope"}, {"body", R"({"error":{"code":"Missing","message":"gone"}})"}}}));
    EXPECT_EQ(response->status_code(), 404);
    EXPECT_EQ(response->reason(), "Nope");
    try {
        response->raise_for_status();
        FAIL();
    } catch (const exceptions::HttpResponseError& error) {
        ASSERT_NE(error.error(), nullptr);
        EXPECT_EQ(error.error()->code(), "Missing");
    }
}

TEST_F(CurlTransportTest, StreamsADownloadInBoundedChunks) {
    const std::size_t size = 8 * 1024 * 1024 + 3;
    auto response = client_.send_request(HttpRequest("GET", "/bytes/" + std::to_string(size)), {.stream = true});
    EXPECT_FALSE(response->is_stream_consumed());
    std::string expected = testserver::generated_bytes(size);
    std::size_t total = 0;
    bool same = true;
    for (BytesView chunk : response->iter_bytes(65536)) {
        EXPECT_LE(chunk.size(), 65536u);
        same = same && as_string_view(chunk) == std::string_view(expected).substr(total, chunk.size());
        total += chunk.size();
    }
    EXPECT_EQ(total, size);
    EXPECT_TRUE(same);
    EXPECT_TRUE(response->is_closed());
}

TEST_F(CurlTransportTest, ClosingAStreamedResponseEarlyFreesTheConnectionForTheNextRequest) {
    auto response = client_.send_request(HttpRequest("GET", "/bytes/50000000"), {.stream = true});
    auto chunks = response->iter_raw(1024);
    EXPECT_EQ((*chunks.begin()).size() > 0, true);
    response->close();
    EXPECT_EQ(client_.send_request(HttpRequest("GET", "/echo"))->status_code(), 200);
}

TEST_F(CurlTransportTest, DefaultChunkSizeIsTheConnectionDataBlockSize) {
    PipelineClient client = client_for(server_, {.connection_data_block_size = 1000});
    auto response = client.send_request(HttpRequest("GET", "/bytes/5000"), {.stream = true});
    for (BytesView chunk : response->iter_raw()) EXPECT_LE(chunk.size(), 1000u);
}

class ContentEncodingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ContentEncodingTest, IterBytesDecodesAndIterRawKeepsTheBytesAsSent) {
    TestServer server;
    PipelineClient client = client_for(server);
    const std::string path = "/encoding/" + GetParam() + "?size=300000";
    auto decoded = client.send_request(HttpRequest("GET", path), {.stream = true});
    std::string text;
    for (BytesView chunk : decoded->iter_bytes(4096)) text += as_string_view(chunk);
    EXPECT_EQ(text, testserver::generated_text(300000));

    auto raw = client.send_request(HttpRequest("GET", path), {.stream = true});
    EXPECT_EQ(raw->headers().get("Content-Encoding"), GetParam());
    std::string sent;
    for (BytesView chunk : raw->iter_raw()) sent += as_string_view(chunk);
    EXPECT_EQ(sent, testserver::detail::compress(testserver::generated_text(300000), GetParam()).value());

    auto read = client.send_request(HttpRequest("GET", path));
    EXPECT_EQ(read->text(), testserver::generated_text(300000));
}

INSTANTIATE_TEST_SUITE_P(EachCoding, ContentEncodingTest, ::testing::Values("gzip", "deflate", "br", "zstd"));

// ------------------------------------------------------------------------------------------
// The error table, one test per row.

// Binds fd to a free loopback port; returns the address.
sockaddr_in bind_loopback(int fd) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return address;
}

// A port with nothing listening.
std::uint16_t closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    std::uint16_t port = ntohs(bind_loopback(fd).sin_port);
    ::close(fd);
    return port;
}

// A listener whose accept queue is full: further connection attempts hang in SYN_SENT.
class FullBacklogListener {
public:
    FullBacklogListener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = bind_loopback(fd_);
        ::listen(fd_, 0);
        port_ = ntohs(address.sin_port);
        for (int& filler : fillers_) {
            filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            ::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address);
        }
    }
    ~FullBacklogListener() {
        for (int filler : fillers_) ::close(filler);
        ::close(fd_);
    }
    std::uint16_t port() const { return port_; }

private:
    int fd_;
    int fillers_[4];
    std::uint16_t port_;
};

template <class Expected>
void expect_error(const PipelineClient& client, const std::string& path, SendRequestOptions options = {}) {
    try {
        client.send_request(HttpRequest("GET", path), std::move(options));
        FAIL() << "expected " << typeid(Expected).name() << " for " << path;
    } catch (const Expected&) {
        SUCCEED();
    } catch (const std::exception& other) {
        FAIL() << "expected " << typeid(Expected).name() << " for " << path << ", got " << typeid(other).name() << ": "
               << other.what();
    }
}

TEST(CurlErrorTableTest, ConnectionRefusedIsServiceRequestError) {
    PipelineClient client("http://127.0.0.1:" + std::to_string(closed_port()),
                          {.transport = make_transport(), .config = Configuration{}});
    expect_error<exceptions::ServiceRequestError>(client, "/echo");
}

TEST(CurlErrorTableTest, ConnectTimeoutIsServiceRequestTimeoutError) {
    FullBacklogListener listener;
    PipelineClient client("http://127.0.0.1:" + std::to_string(listener.port()),
                          {.transport = make_transport(
                               transport::ConnectionConfiguration{.connection_timeout = 0.3}), .config = Configuration{}});
    expect_error<exceptions::ServiceRequestTimeoutError>(client, "/echo");
}

TEST_F(CurlTransportTest, ResetBeforeTheStatusLineIsServiceResponseError) {
    expect_error<exceptions::ServiceResponseError>(client_, "/reset/before-status");
}

TEST_F(CurlTransportTest, EofBeforeTheStatusLineIsServiceResponseError) {
    expect_error<exceptions::ServiceResponseError>(client_, "/close/before-status");
}

TEST_F(CurlTransportTest, ResetInsideTheHeadersIsServiceResponseError) {
    expect_error<exceptions::ServiceResponseError>(client_, "/reset/mid-headers");
}

TEST_F(CurlTransportTest, InvalidStatusLineIsServiceResponseError) {
    expect_error<exceptions::ServiceResponseError>(client_, "/invalid-status");
}

TEST_F(CurlTransportTest, OversizedHeadersAreServiceResponseError) {
    expect_error<exceptions::ServiceResponseError>(client_, "/huge-headers?kb=400");
}

TEST_F(CurlTransportTest, NoByteBeforeReadTimeoutIsServiceResponseTimeoutError) {
    expect_error<exceptions::ServiceResponseTimeoutError>(client_, "/delay/3000", {.kwargs = {{"read_timeout", 0.3}}});
}

TEST_F(CurlTransportTest, NoByteInsideTheBodyForReadTimeoutIsServiceResponseTimeoutError) {
    PipelineClient client = client_for(server_, {.read_timeout = 0.3});
    expect_error<exceptions::ServiceResponseTimeoutError>(client, "/stall?bytes=1000&after=10");
}

TEST_F(CurlTransportTest, SlowDripWithinReadTimeoutSucceeds) {
    PipelineClient client = client_for(server_, {.read_timeout = 1});
    auto response = client.send_request(HttpRequest("GET", "/drip?bytes=5&interval_ms=50"));
    EXPECT_EQ(response->content().size(), 5u);
}

TEST_F(CurlTransportTest, BodyShorterThanContentLengthIsIncompleteReadError) {
    expect_error<exceptions::IncompleteReadError>(client_, "/short?declared=1000&actual=10");
}

TEST_F(CurlTransportTest, ChunkedBodyCutOffIsIncompleteReadError) {
    expect_error<exceptions::IncompleteReadError>(client_, "/chunked-cut?bytes=5000");
}

TEST_F(CurlTransportTest, ResetInsideTheBodyIsIncompleteReadError) {
    expect_error<exceptions::IncompleteReadError>(client_, "/reset/mid-body");
}

TEST_F(CurlTransportTest, StreamedBodyCutOffRaisesIncompleteReadErrorWhileIterating) {
    auto response = client_.send_request(HttpRequest("GET", "/short?declared=100000&actual=5000"), {.stream = true});
    EXPECT_THROW(
        {
            for (BytesView chunk : response->iter_bytes()) (void)chunk;
        },
        exceptions::IncompleteReadError);
}

TEST_F(CurlTransportTest, CorruptCompressedBodyIsDecodeError) {
    for (std::string coding : {"gzip", "deflate", "br", "zstd"})
        expect_error<exceptions::DecodeError>(client_, "/encoding/corrupt/" + coding);
}

class CurlTlsTest : public ::testing::Test {
protected:
    test::TempDir dir_;
    testserver::CertificateFiles cert_ = testserver::make_self_signed_certificate(dir_.path().string());
};

TEST_F(CurlTlsTest, UntrustedCertificateIsServiceRequestError) {
    TestServer server({.tls = testserver::TlsFiles{cert_.cert_file, cert_.key_file}});
    expect_error<exceptions::ServiceRequestError>(client_for(server), "/echo");
}

TEST_F(CurlTlsTest, ConnectionVerifyTakesACaBundleOrFalse) {
    TestServer server({.tls = testserver::TlsFiles{cert_.cert_file, cert_.key_file}});
    EXPECT_EQ(client_for(server, {.connection_verify = cert_.cert_file}).send_request(HttpRequest("GET", "/echo"))->status_code(), 200);
    EXPECT_EQ(client_for(server, {.connection_verify = false}).send_request(HttpRequest("GET", "/echo"))->status_code(), 200);
    auto per_call = client_for(server).send_request(HttpRequest("GET", "/echo"), {.kwargs = {{"connection_verify", cert_.cert_file}}});
    EXPECT_EQ(per_call->status_code(), 200);
}

TEST_F(CurlTlsTest, ConnectionCertPresentsAClientCertificate) {
    auto client_cert = testserver::make_client_certificate(dir_.path().string());
    TestServer server({.tls = testserver::TlsFiles{cert_.cert_file, cert_.key_file, client_cert.ca_file}});
    auto with_cert = client_for(server, {.connection_verify = cert_.cert_file,
                                         .connection_cert = transport::ConnectionCert{client_cert.cert_file, client_cert.key_file}});
    EXPECT_EQ(with_cert.send_request(HttpRequest("GET", "/echo"))->status_code(), 200);
    auto without = client_for(server, {.connection_verify = cert_.cert_file});
    expect_error<exceptions::ServiceRequestError>(without, "/echo");
}

// The test server stands in for a proxy: it records the absolute-form target a proxied request
// carries, and refuses CONNECT (so an https request through it is a proxy failure).
TEST_F(CurlTransportTest, ProxiesSendThePlainHttpRequestToTheProxy) {
    PipelineClient client("http://service.invalid",
                          {.transport = make_transport(
                               transport::ConnectionConfiguration{.proxies = {{"http", server_.base_url()}}}), .config = Configuration{}});
    client.send_request(HttpRequest("GET", "/echo?x=1"));
    ASSERT_EQ(server_.requests().size(), 1u);
    EXPECT_EQ(server_.requests()[0].target, "http://service.invalid/echo?x=1");
}

TEST_F(CurlTransportTest, PerCallProxiesOverrideTheConfiguration) {
    PipelineClient client("http://service.invalid", {.transport = make_transport(
                                                         transport::ConnectionConfiguration{.use_env_settings = false}), .config = Configuration{}});
    client.send_request(HttpRequest("GET", "/echo"),
                        {.kwargs = {{"proxies", std::map<std::string, std::string>{{"http://service.invalid", server_.base_url()}}}}});
    ASSERT_EQ(server_.requests().size(), 1u);
    EXPECT_EQ(server_.requests()[0].target, "http://service.invalid/echo");
}

TEST_F(CurlTransportTest, ProxyConnectFailureIsServiceRequestError) {
    PipelineClient client("https://service.invalid",
                          {.transport = make_transport(
                               transport::ConnectionConfiguration{.proxies = {{"https", server_.base_url()}}}), .config = Configuration{}});
    expect_error<exceptions::ServiceRequestError>(client, "/echo");
    ASSERT_EQ(server_.requests().size(), 1u);
    EXPECT_EQ(server_.requests()[0].method, "CONNECT");
}

// ------------------------------------------------------------------------------------------
TEST_F(CurlTransportTest, ThreadsSharingOneClientOverlapOnSeparateConnections) {
    constexpr int threads = 6;
    std::vector<std::future<int>> results;
    for (int i = 0; i < threads; ++i)
        results.push_back(std::async(std::launch::async, [&] { return client_.send_request(HttpRequest("GET", "/hold"))->status_code(); }));
    ASSERT_TRUE(server_.wait_until([&] { return server_.held_now() == threads; }, std::chrono::seconds(10)));
    server_.release_held();
    for (auto& result : results) EXPECT_EQ(result.get(), 200);
    EXPECT_EQ(server_.held_peak(), static_cast<std::size_t>(threads));
    EXPECT_GE(server_.peak_open_connections(), static_cast<std::size_t>(threads));
}

TEST_F(CurlTransportTest, ConnectionLimitMakesExcessRequestsWaitInsteadOfFailing) {
    PipelineClient client = client_for(server_, {.max_connections_per_host = 2});
    std::vector<std::future<int>> results;
    for (int i = 0; i < 5; ++i)
        results.push_back(std::async(std::launch::async, [&] { return client.send_request(HttpRequest("GET", "/hold"))->status_code(); }));
    ASSERT_TRUE(server_.wait_until([&] { return server_.held_now() == 2; }, std::chrono::seconds(10)));
    // The three others wait in the client: the server never sees more than two at once.
    EXPECT_FALSE(server_.wait_until([&] { return server_.held_now() > 2; }, std::chrono::milliseconds(200)));
    server_.release_held();
    for (auto& result : results) EXPECT_EQ(result.get(), 200);
    EXPECT_EQ(server_.held_peak(), 2u);
}

TEST_F(CurlTransportTest, TotalConnectionLimitAppliesAcrossHosts) {
    TestServer other;
    PipelineClient client = client_for(server_, {.max_connections = 3});
    std::vector<std::future<int>> results;
    for (int i = 0; i < 4; ++i) {
        std::string url = (i % 2 ? other.base_url() : server_.base_url()) + "/hold";
        results.push_back(std::async(std::launch::async, [&client, url] { return client.send_request(HttpRequest("GET", url))->status_code(); }));
    }
    auto held = [&] { return server_.held_now() + other.held_now(); };
    ASSERT_TRUE(server_.wait_until([&] { return held() == 3; }, std::chrono::seconds(10)));
    EXPECT_FALSE(server_.wait_until([&] { return held() > 3; }, std::chrono::milliseconds(200)));
    server_.release_held();
    other.release_held();
    for (auto& result : results) EXPECT_EQ(result.get(), 200);
}

TEST_F(CurlTransportTest, PerCallOptionsOverrideTheConfiguration) {
    PipelineClient client = client_for(server_, {.read_timeout = 0.2});
    auto response = client.send_request(HttpRequest("GET", "/delay/400"), {.kwargs = {{"read_timeout", 5}}});
    EXPECT_EQ(response->status_code(), 200);
}

TEST_F(CurlTransportTest, RejectsBadOptionValuesBeforeSending) {
    EXPECT_THROW(client_.send_request(HttpRequest("GET", "/echo"), {.kwargs = {{"read_timeout", -1}}}), std::invalid_argument);
    EXPECT_THROW(client_.send_request(HttpRequest("GET", "/echo"), {.kwargs = {{"connection_verify", 3}}}), std::invalid_argument);
    EXPECT_TRUE(server_.requests().empty());
}

}  // namespace
}  // namespace azcore
