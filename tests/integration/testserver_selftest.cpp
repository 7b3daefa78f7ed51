// Self test of the test server, with plain synchronous Beast/Asio clients (not azcore).

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "azcore/testserver/test_server.hpp"

extern char** environ;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
namespace ts = azcore::testserver;
using tcp = asio::ip::tcp;
using Response = http::response<http::string_body>;

http::request<http::string_body> make_request(http::verb method, const std::string& target, std::string body = {}) {
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1");
    request.body() = std::move(body);
    request.prepare_payload();
    return request;
}

template <class Stream>
Response round_trip(Stream& stream, const http::request<http::string_body>& request) {
    http::write(stream, request);
    beast::flat_buffer buffer;
    Response response;
    http::read(stream, buffer, response);
    return response;
}

/// A plain TCP client connected to the server.
struct PlainClient {
    explicit PlainClient(std::uint16_t port) : socket(ioc) {
        socket.connect({asio::ip::make_address("127.0.0.1"), port});
    }
    Response get(const std::string& target) { return round_trip(socket, make_request(http::verb::get, target)); }

    asio::io_context ioc;
    tcp::socket socket;
};

/// A fresh directory under the system temp directory, removed at the end of the test.
struct TempDir {
    TempDir() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() / ("azcore-testserver-" + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::filesystem::path path;
};

std::string gunzip(const std::string& compressed) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out;
    char chunk[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(compressed.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
    }
    inflateEnd(&z);
    EXPECT_EQ(rc, Z_STREAM_END);
    return out;
}

TEST(TestServerSelfTest, EchoReportsMethodArgsHeadersAndBody) {
    ts::TestServer server;
    PlainClient client(server.port());
    auto request = make_request(http::verb::put, "/echo?a=1&a=2&b=x%20y", "hello body");
    request.set("X-Test", "first");
    request.insert("x-test", "second");
    Response response = round_trip(client.socket, request);

    ASSERT_EQ(response.result_int(), 200);
    EXPECT_EQ(response[http::field::content_type], "application/json");
    json::object echo = json::parse(response.body()).as_object();
    EXPECT_EQ(echo["method"], "PUT");
    EXPECT_EQ(echo["path"], "/echo");
    EXPECT_EQ(echo["query"], "a=1&a=2&b=x%20y");
    EXPECT_EQ(echo["args"], json::parse(R"({"a": ["1", "2"], "b": ["x y"]})"));
    EXPECT_EQ(echo["headers"].as_object()["x-test"], "first, second");
    EXPECT_EQ(echo["headers"].as_object()["content-length"], "10");
    EXPECT_EQ(echo["header_list"].as_array().back(), json::parse(R"(["x-test", "second"])"));
    EXPECT_EQ(echo["body"], "hello body");
    EXPECT_EQ(echo["body_base64"], "aGVsbG8gYm9keQ==");
    EXPECT_EQ(echo["body_length"], 10);
    EXPECT_EQ(echo["http_version"], "1.1");

    auto recorded = server.requests();
    ASSERT_EQ(recorded.size(), 1u);
    EXPECT_EQ(recorded[0].method, "PUT");
    EXPECT_EQ(recorded[0].target, "/echo?a=1&a=2&b=x%20y");
    EXPECT_EQ(recorded[0].body, "hello body");
    EXPECT_EQ(recorded[0].connection_id, 1u);
}

TEST(TestServerSelfTest, KeepAliveServesManyRequestsOnOneConnection) {
    ts::TestServer server;
    PlainClient client(server.port());
    for (int i = 0; i < 3; ++i) {
        Response response = client.get("/echo?i=" + std::to_string(i));
        ASSERT_EQ(response.result_int(), 200);
        EXPECT_TRUE(response.keep_alive());
    }
    EXPECT_EQ(server.connections_accepted(), 1u);
    EXPECT_EQ(server.open_connections(), 1u);
    EXPECT_EQ(server.requests().size(), 3u);

    auto closing = make_request(http::verb::get, "/echo");
    closing.set(http::field::connection, "close");
    Response last = round_trip(client.socket, closing);
    EXPECT_FALSE(last.keep_alive());
    EXPECT_TRUE(server.wait_until([&] { return server.connections_closed() == 1; }, std::chrono::seconds(2)));
    EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(TestServerSelfTest, BytesServesGeneratedBytesPlainAndChunked) {
    ts::TestServer server;
    PlainClient client(server.port());
    Response plain = client.get("/bytes/10000");
    ASSERT_EQ(plain.result_int(), 200);
    EXPECT_EQ(plain[http::field::content_length], "10000");
    EXPECT_EQ(plain[http::field::content_type], "application/octet-stream");
    EXPECT_EQ(plain.body(), ts::generated_bytes(10000));
    EXPECT_EQ(static_cast<unsigned char>(plain.body()[1]), 38u);

    Response chunked = client.get("/bytes/10000?chunked=1&chunk_size=999");
    ASSERT_EQ(chunked.result_int(), 200);
    EXPECT_TRUE(chunked.chunked());
    EXPECT_EQ(chunked.body(), ts::generated_bytes(10000));
}

TEST(TestServerSelfTest, GzipEncodingRoundTripsThroughZlib) {
    ts::TestServer server;
    PlainClient client(server.port());
    Response response = client.get("/encoding/gzip?size=50000");
    ASSERT_EQ(response.result_int(), 200);
    EXPECT_EQ(response[http::field::content_encoding], "gzip");
    EXPECT_LT(response.body().size(), 50000u);
    EXPECT_EQ(gunzip(response.body()), ts::generated_text(50000));
    EXPECT_TRUE(ts::generated_text(50000).starts_with("line 000001 azcore test data\nline 000002"));
}

TEST(TestServerSelfTest, HoldKeepsRequestsUntilReleased) {
    ts::TestServer server;
    std::vector<std::thread> clients;
    std::vector<Response> responses(3);
    for (int i = 0; i < 3; ++i) {
        clients.emplace_back([&, i] {
            PlainClient client(server.port());
            responses[static_cast<std::size_t>(i)] = client.get("/hold");
        });
    }
    EXPECT_TRUE(server.wait_until([&] { return server.held_now() == 3; }, std::chrono::seconds(2)));
    EXPECT_EQ(server.held_peak(), 3u);
    server.release_held();
    for (auto& t : clients) t.join();
    EXPECT_EQ(server.held_now(), 0u);
    EXPECT_EQ(server.held_peak(), 3u);
    for (const auto& response : responses) {
        EXPECT_EQ(response.result_int(), 200);
        EXPECT_EQ(json::parse(response.body()), json::parse(R"({"held": true})"));
    }
    // Released: later holds answer at once until reset_hold().
    PlainClient late(server.port());
    EXPECT_EQ(late.get("/hold").result_int(), 200);
}

TEST(TestServerSelfTest, ResetBeforeStatusFailsTheRead) {
    ts::TestServer server;
    PlainClient client(server.port());
    http::write(client.socket, make_request(http::verb::get, "/reset/before-status"));
    beast::flat_buffer buffer;
    Response response;
    beast::error_code ec;
    http::read(client.socket, buffer, response, ec);
    EXPECT_TRUE(ec) << "expected a read error";
    EXPECT_EQ(ec, asio::error::connection_reset) << ec.message();
}

/// Sends CONNECT target on client and returns the proxy's response head.
std::string connect_head(PlainClient& client, const std::string& target) {
    const std::string request = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
    asio::write(client.socket, asio::buffer(request));
    std::string head;
    const std::size_t n = asio::read_until(client.socket, asio::dynamic_buffer(head), "\r\n\r\n");
    return head.substr(0, n);
}

TEST(TestServerSelfTest, TunnelRelaysToALoopbackServer) {
    ts::TestServer target;
    ts::TestServer proxy({.tunnel = true});
    PlainClient client(proxy.port());
    const std::string authority = "127.0.0.1:" + std::to_string(target.port());
    EXPECT_EQ(connect_head(client, authority), "HTTP/1.1 200 Connection established\r\n\r\n");
    for (int i = 0; i < 2; ++i) EXPECT_EQ(client.get("/echo").result_int(), 200);
    ASSERT_EQ(target.requests().size(), 2u);
    EXPECT_EQ(target.requests()[1].target, "/echo");
    ASSERT_EQ(proxy.requests().size(), 1u);
    EXPECT_EQ(proxy.requests()[0].method, "CONNECT");
    EXPECT_EQ(proxy.requests()[0].target, authority);
}

TEST(TestServerSelfTest, TunnelRefusesOtherHostsAndReportsFailedConnections) {
    ts::TestServer proxy({.tunnel = true});
    {
        PlainClient client(proxy.port());
        EXPECT_TRUE(connect_head(client, "example.com:443").starts_with("HTTP/1.1 403 "));
    }
    {
        PlainClient client(proxy.port());
        EXPECT_TRUE(connect_head(client, "127.0.0.1:1").starts_with("HTTP/1.1 502 "));
    }
    ts::TestServer plain;  // without the option: CONNECT is an unknown route
    PlainClient client(plain.port());
    EXPECT_TRUE(connect_head(client, "127.0.0.1:1").starts_with("HTTP/1.1 404 "));
}

TEST(TestServerSelfTest, NotFoundIsJsonError) {
    ts::TestServer server;
    PlainClient client(server.port());
    Response response = client.get("/no/such/route");
    EXPECT_EQ(response.result_int(), 404);
    EXPECT_EQ(json::parse(response.body()).at("error").at("code"), "NotFound");
}

TEST(TestServerSelfTest, FlakyFailsTheFirstNRequestsOfAKeyThenEchoes) {
    ts::TestServer server;
    PlainClient client(server.port());
    const std::string target = "/flaky?key=a&fail=2&status=429&header=Retry-After:1&header=X-Extra:%20v";
    for (int i = 1; i <= 2; ++i) {
        Response failed = client.get(target);
        EXPECT_EQ(failed.result_int(), 429);
        EXPECT_EQ(failed["Retry-After"], "1");
        EXPECT_EQ(failed["X-Extra"], "v");
        EXPECT_EQ(failed["X-Flaky-Try"], std::to_string(i));
        EXPECT_EQ(json::parse(failed.body()).at("error").at("code"), "Flaky");
    }
    Response ok = client.get(target);
    ASSERT_EQ(ok.result_int(), 200);
    EXPECT_EQ(ok["X-Flaky-Try"], "3");
    json::object echo = json::parse(ok.body()).as_object();
    EXPECT_EQ(echo["path"], "/flaky");
    EXPECT_EQ(echo["flaky_try"], 3);
    // Keys count separately; the default is one failure with 503.
    EXPECT_EQ(client.get("/flaky?key=b").result_int(), 503);
    EXPECT_EQ(client.get("/flaky?key=b").result_int(), 200);
    EXPECT_EQ(server.flaky_count("a"), 3u);
    EXPECT_EQ(server.flaky_count("b"), 2u);
    EXPECT_EQ(server.flaky_count("never"), 0u);
    auto tries = server.flaky_tries("a");
    ASSERT_EQ(tries.size(), 3u);
    EXPECT_TRUE(tries[0].failed);
    EXPECT_TRUE(tries[1].failed);
    EXPECT_FALSE(tries[2].failed);
    EXPECT_EQ(tries[2].method, "GET");
}

TEST(TestServerSelfTest, FlakyCountReportsEachTryAndAllKeys) {
    ts::TestServer server;
    PlainClient client(server.port());
    round_trip(client.socket, make_request(http::verb::post, "/flaky/upload?key=up&status=500", "same bytes"));
    Response uploaded = round_trip(client.socket, make_request(http::verb::post, "/flaky/upload?key=up&status=500", "same bytes"));
    ASSERT_EQ(uploaded.result_int(), 200);
    json::object upload = json::parse(uploaded.body()).as_object();
    EXPECT_EQ(upload["length"], 10);
    EXPECT_EQ(upload["flaky_try"], 2);
    EXPECT_EQ(upload["sha256"], "58100dc8fc06562ce3e578231dc948e083520ee49c4b4ee5a5a28bb4b4003feb");  // sha256sum of "same bytes"

    json::object count = json::parse(client.get("/flaky/count?key=up").body()).as_object();
    EXPECT_EQ(count["count"], 2);
    EXPECT_EQ(count["failed"], 1);
    json::array list = count["tries"].as_array();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].at("method"), "POST");
    EXPECT_EQ(list[0].at("length"), 10);
    EXPECT_EQ(list[0].at("sha256"), upload["sha256"]);
    EXPECT_EQ(list[1].at("sha256"), upload["sha256"]);
    EXPECT_EQ(list[0].at("failed"), true);
    EXPECT_EQ(list[1].at("failed"), false);

    client.get("/flaky?key=other&fail=0");
    json::object all = json::parse(client.get("/flaky/count").body()).as_object();
    EXPECT_EQ(all["keys"], json::parse(R"({"other": 1, "up": 2})"));
    EXPECT_EQ(all["total"], 3);
}

TEST(TestServerSelfTest, FlakyResetsClosesOrHangsInsteadOfAnswering) {
    ts::TestServer server;
    {
        PlainClient client(server.port());
        http::write(client.socket, make_request(http::verb::get, "/flaky?key=r&mode=reset"));
        beast::flat_buffer buffer;
        Response response;
        beast::error_code ec;
        http::read(client.socket, buffer, response, ec);
        EXPECT_EQ(ec, asio::error::connection_reset) << ec.message();
    }
    {
        PlainClient client(server.port());
        http::write(client.socket, make_request(http::verb::get, "/flaky?key=c&mode=close"));
        beast::flat_buffer buffer;
        Response response;
        beast::error_code ec;
        http::read(client.socket, buffer, response, ec);
        EXPECT_EQ(ec, http::error::end_of_stream) << ec.message();
    }
    {
        PlainClient client(server.port());
        http::write(client.socket, make_request(http::verb::get, "/flaky?key=h&mode=hang"));
        pollfd readable{client.socket.native_handle(), POLLIN, 0};
        EXPECT_EQ(poll(&readable, 1, 200), 0) << "hang answered";
    }
    EXPECT_TRUE(server.wait_until([&] { return server.flaky_count("h") == 1; }, std::chrono::seconds(2)));
    PlainClient after(server.port());
    EXPECT_EQ(after.get("/flaky?key=r&mode=reset").result_int(), 200);
    EXPECT_EQ(server.flaky_count("r"), 2u);
    EXPECT_EQ(server.flaky_count("c"), 1u);
}

TEST(TestServerSelfTest, FlakyRejectsBadParameters) {
    ts::TestServer server;
    PlainClient client(server.port());
    for (const char* target : {"/flaky", "/flaky?key=", "/flaky?key=k&mode=explode", "/flaky?key=k&status=99",
                               "/flaky?key=k&fail=x", "/flaky?key=k&header=novalue"}) {
        Response response = client.get(target);
        EXPECT_EQ(response.result_int(), 400) << target;
    }
    EXPECT_EQ(server.flaky_count("k"), 0u);
}

/// Connects over TLS, trusting ca_file, optionally presenting a client certificate; returns the
/// /echo status or the failure.
struct TlsAttempt {
    int status = 0;
    beast::error_code error;
};

TlsAttempt tls_echo(std::uint16_t port, const std::string& ca_file, const ts::ClientCertificateFiles* client_cert) {
    asio::io_context ioc;
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.load_verify_file(ca_file);
    ctx.set_verify_mode(asio::ssl::verify_peer);
    ctx.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
    if (client_cert != nullptr) {
        ctx.use_certificate_chain_file(client_cert->cert_file);
        ctx.use_private_key_file(client_cert->key_file, asio::ssl::context::pem);
    }
    asio::ssl::stream<tcp::socket> stream(ioc, ctx);
    TlsAttempt attempt;
    stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
    stream.handshake(asio::ssl::stream_base::client, attempt.error);
    if (attempt.error) return attempt;
    // TLS 1.3 reports a rejected client certificate only on the first read.
    http::write(stream, make_request(http::verb::get, "/echo"), attempt.error);
    if (attempt.error) return attempt;
    beast::flat_buffer buffer;
    Response response;
    http::read(stream, buffer, response, attempt.error);
    if (!attempt.error) attempt.status = response.result_int();
    return attempt;
}

TEST(TestServerSelfTest, TlsWithSelfSignedCertificate) {
    TempDir dir;
    ts::CertificateFiles cert = ts::make_self_signed_certificate(dir.path.string());
    ts::TestServer server({.tls = ts::TlsFiles{cert.cert_file, cert.key_file}});
    EXPECT_EQ(server.base_url(), "https://127.0.0.1:" + std::to_string(server.port()));
    TlsAttempt attempt = tls_echo(server.port(), cert.cert_file, nullptr);
    EXPECT_FALSE(attempt.error) << attempt.error.message();
    EXPECT_EQ(attempt.status, 200);
}

TEST(TestServerSelfTest, MutualTlsRequiresTheClientCertificate) {
    TempDir dir;
    ts::CertificateFiles cert = ts::make_self_signed_certificate(dir.path.string());
    ts::ClientCertificateFiles client = ts::make_client_certificate(dir.path.string());
    ts::TestServer server({.tls = ts::TlsFiles{cert.cert_file, cert.key_file, client.ca_file}});
    TlsAttempt with_cert = tls_echo(server.port(), cert.cert_file, &client);
    EXPECT_FALSE(with_cert.error) << with_cert.error.message();
    EXPECT_EQ(with_cert.status, 200);
    TlsAttempt without_cert = tls_echo(server.port(), cert.cert_file, nullptr);
    EXPECT_TRUE(without_cert.error);
    EXPECT_EQ(without_cert.status, 0);
}

#ifdef AZCORE_TESTSERVER_BINARY
TEST(TestServerSelfTest, BinaryPrintsPortAndServesUntilSigterm) {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    std::string binary = AZCORE_TESTSERVER_BINARY;
    std::string port_flag = "--port", zero = "0";
    char* argv[] = {binary.data(), port_flag.data(), zero.data(), nullptr};
    pid_t pid = 0;
    int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    ASSERT_EQ(spawned, 0);

    std::string line;
    char c = 0;
    pollfd readable{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&readable, 1, 5000) == 1 && read(out[0], &c, 1) == 1) {
        line += c;
    }
    close(out[0]);
    unsigned port = 0;
    EXPECT_EQ(std::sscanf(line.c_str(), "port %u\n", &port), 1) << line;
    EXPECT_GT(port, 0u);
    if (port > 0) {
        PlainClient client(static_cast<std::uint16_t>(port));
        EXPECT_EQ(client.get("/echo").result_int(), 200);
    }
    kill(pid, SIGTERM);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}
#endif

}  // namespace
