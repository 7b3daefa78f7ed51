// azrest against the embedded test service: what was sent, what is printed, the exit codes.
#include "azrest_runner.hpp"
#include "support/nginx_server.hpp"
#include "support/temp_dir.hpp"

#include <azcore/testserver/test_server.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace {

using azrest::test::run_azrest;

class AzrestRequest : public ::testing::Test {
protected:
    std::string url(const std::string& path) const { return server_.base_url() + path; }
    azcore::testserver::RecordedRequest last() const { return server_.requests().back(); }
    static std::string header(const azcore::testserver::RecordedRequest& request, const std::string& name) {
        for (const auto& [key, value] : request.headers) {
            if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
        }
        return "(none)";
    }
    azcore::testserver::TestServer server_;
};

TEST_F(AzrestRequest, SendsTheMethodHeadersQueryAndBodyAsGiven) {
    auto result = run_azrest({"PUT", url("/echo?x=1"), "--header", "x-ms-meta: a b", "--query", "api-version=2024-01-01",
                              "--query", "tag=c d", "--body", R"({"name":"azrest"})"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto sent = last();
    EXPECT_EQ(sent.method, "PUT");
    EXPECT_EQ(sent.target, "/echo?x=1&api-version=2024-01-01&tag=c%20d");
    EXPECT_EQ(header(sent, "x-ms-meta"), "a b");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
    EXPECT_EQ(sent.body, R"({"name":"azrest"})");
    EXPECT_EQ(result.err, "");
}

TEST_F(AzrestRequest, AQueryParameterTheUrlHasIsNotAddedAgain) {
    auto result = run_azrest({url("/echo?api-version=1"), "--query", "api-version=2"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(last().target, "/echo?api-version=1");
}

TEST_F(AzrestRequest, DefaultsToGetAndToPostWithABody) {
    ASSERT_EQ(run_azrest({url("/echo")}).exit_code, 0);
    EXPECT_EQ(last().method, "GET");
    ASSERT_EQ(run_azrest({url("/echo"), "--body", "[1,2]"}).exit_code, 0);
    EXPECT_EQ(last().method, "POST");
    EXPECT_EQ(last().body, "[1,2]");
}

TEST_F(AzrestRequest, SendsTheBytesOfABodyFile) {
    azcore::test::TempDir dir;
    std::ofstream(dir.file("body.bin"), std::ios::binary) << std::string("\x01\x02not json", 10);
    auto result = run_azrest({"PUT", url("/echo"), "--body", "@" + dir.file("body.bin")});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(last().body, std::string("\x01\x02not json", 10));
    EXPECT_EQ(header(last(), "Content-Type"), "application/octet-stream");
}

TEST_F(AzrestRequest, PrintsJsonPrettyAndPlainWhenPiped) {
    auto result = run_azrest({url("/status/200"), "--query", R"(body={"a":[1,true],"b":{}})", "--query",
                              "content_type=application/json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "{\n  \"a\": [\n    1,\n    true\n  ],\n  \"b\": {}\n}\n");
}

TEST_F(AzrestRequest, WritesOtherBodiesAsBytes) {
    auto result = run_azrest({url("/status/200"), "--query", "body=plain text", "--query", "content_type=text/plain"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "plain text");
}

TEST_F(AzrestRequest, IncludePrintsTheStatusLineAndHeaders) {
    auto result = run_azrest({url("/status/200"), "--include", "--query", "header=x-ms-request-id:r1", "--query", "body=ok"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.out.starts_with("HTTP/1.1 200 OK\n")) << result.out;
    EXPECT_NE(result.out.find("\nx-ms-request-id: r1\n"), std::string::npos) << result.out;
    EXPECT_TRUE(result.out.ends_with("\n\nok")) << result.out;
}

TEST_F(AzrestRequest, AnErrorStatusIsOneLineWithCodeMessageAndRequestId) {
    auto result = run_azrest({url("/status/404"), "--query",
                              R"(body={"error":{"code":"ResourceMissing","message":"No such thing."}})", "--query",
                              "content_type=application/json", "--query", "header=x-ms-request-id:abc-123"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "azrest: HTTP 404 Not Found: ResourceMissing: No such thing. (x-ms-request-id: abc-123)\n");
}

TEST_F(AzrestRequest, UnauthorizedIsAnAuthenticationError) {
    auto result = run_azrest({url("/status/401"), "--retries", "0"});
    EXPECT_EQ(result.exit_code, 4);
    EXPECT_TRUE(result.err.starts_with("azrest: HTTP 401 Unauthorized")) << result.err;
}

TEST_F(AzrestRequest, RetriesAsManyTimesAsToldThenReportsTheStatus) {
    auto result = run_azrest({url("/flaky?key=r&fail=5&status=503"), "--retries", "1"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_EQ(server_.flaky_count("r"), 2u);
    EXPECT_TRUE(result.err.starts_with("azrest: HTTP 503")) << result.err;
    auto recovered = run_azrest({url("/flaky?key=s&fail=1&status=503"), "--retries", "2"});
    EXPECT_EQ(recovered.exit_code, 0) << recovered.err;
    EXPECT_EQ(server_.flaky_count("s"), 2u);
}

TEST_F(AzrestRequest, AConnectionFailureIsExitCodeThree) {
    auto result = run_azrest({url("/reset/before-status"), "--retries", "0"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_TRUE(result.err.starts_with("azrest: no complete response: ")) << result.err;
    EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
}

TEST_F(AzrestRequest, BadArgumentsAreUsageErrorsNamingTheArgument) {
    struct Case {
        std::vector<std::string> args;
        std::string first_line;
    };
    const std::string echo = url("/echo");
    const std::vector<Case> cases{
        {{}, "azrest: URL is required"},
        {{"GET"}, "azrest: URL is required"},
        {{"not a url"}, "azrest: URL: not an absolute http:// or https:// URL"},
        {{"G-T", echo}, "azrest: METHOD: 'G-T' is not an HTTP method (GET, PUT, POST, ...)"},
        {{echo, "--header", "novalue"}, "azrest: --header: 'novalue' is not NAME:VALUE"},
        {{echo, "--query", "=x"}, "azrest: --query: '=x' is not NAME=VALUE"},
        {{echo, "--body", "{oops"}, "azrest: --body: not valid JSON (use --body @FILE to send a file's bytes)"},
        {{echo, "--body", "@/no/such/file"}, "azrest: --body: cannot read the file '/no/such/file'"},
        {{echo, "--retries", "x"}, "azrest: --retries: Value x not in range 0 to 1000"},
        {{echo, "--auth", "magic"}, "azrest: --auth: magic not in {none,key,sas,bearer}"},
        {{echo, "--auth", "key", "--key-env", "K"}, "azrest: --auth key needs --key-header NAME"},
        {{echo, "--key-env", "K"}, "azrest: --key-env needs --auth key"},
        {{echo, "--auth", "sas"}, "azrest: --auth sas needs --sas-env VAR"},
        {{echo, "--auth", "bearer", "--token-env", "T"},
         "azrest: --auth bearer: the URL is http, and a token goes over https only (--allow-http to send it anyway)"},
        {{echo, "--auth", "sas", "--sas-env", "AZREST_TEST_UNSET"},
         "azrest: --sas-env: the environment variable AZREST_TEST_UNSET is not set or empty"},
        {{echo, "--items-path", "x"}, "azrest: --items-path requires --paged"},
        {{echo, "--paged", "--wait"}, "azrest: --paged excludes --wait"},
        {{echo, "--http2"}, "azrest: --http2: needs an https URL (HTTP/2 is negotiated by TLS; h2c is not supported)"},
        {{echo, "--nope"}, "azrest: The following argument was not expected: --nope"},
    };
    for (const Case& c : cases) {
        auto result = run_azrest(c.args);
        EXPECT_EQ(result.exit_code, 2) << c.first_line;
        EXPECT_EQ(result.err.substr(0, result.err.find('\n')), c.first_line);
        EXPECT_NE(result.err.find("Run 'azrest --help' for the options."), std::string::npos) << result.err;
    }
    EXPECT_TRUE(server_.requests().empty());
}

TEST_F(AzrestRequest, DebugLogsRedactedHeadersAndNoSecret) {
    ::setenv("AZREST_TEST_KEY", "k3y-s3cret", 1);
    ::setenv("AZREST_TEST_SAS", "sv=2025-01-05&sig=s4s-s3cret", 1);
    auto keyed = run_azrest({url("/echo"), "--debug", "--auth", "key", "--key-header", "api-key", "--key-env", "AZREST_TEST_KEY"});
    ASSERT_EQ(keyed.exit_code, 0) << keyed.err;
    EXPECT_EQ(header(last(), "api-key"), "k3y-s3cret");
    EXPECT_NE(keyed.err.find("Request URL: '" + url("/echo") + "'"), std::string::npos) << keyed.err;
    EXPECT_NE(keyed.err.find("    'api-key': 'REDACTED'"), std::string::npos) << keyed.err;
    EXPECT_NE(keyed.err.find("Response status: 200"), std::string::npos) << keyed.err;
    EXPECT_EQ(keyed.err.find("k3y-s3cret"), std::string::npos) << keyed.err;

    auto sas = run_azrest({url("/echo"), "--debug", "--trace", "--auth", "sas", "--sas-env", "AZREST_TEST_SAS"});
    ASSERT_EQ(sas.exit_code, 0) << sas.err;
    EXPECT_EQ(last().target, "/echo?sv=2025-01-05&sig=s4s-s3cret");
    EXPECT_EQ(sas.err.find("s4s-s3cret"), std::string::npos) << sas.err;
}

TEST_F(AzrestRequest, TracePrintsTheSpanTreeWhenDone) {
    auto result = run_azrest({url("/flaky?key=t&fail=1&status=503"), "--trace", "--retries", "1"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(result.err.starts_with("azrest GET (INTERNAL, ")) << result.err;
    // One HTTP span per try, under the command's span.
    std::size_t tries = 0;
    for (std::size_t at = 0; (at = result.err.find("\n  GET (CLIENT, ", at)) != std::string::npos; ++at) ++tries;
    EXPECT_EQ(tries, 2u) << result.err;
    EXPECT_NE(result.err.find("http.response.status_code=503"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("http.response.status_code=200"), std::string::npos) << result.err;
}

TEST_F(AzrestRequest, PagedFollowsNextLinksAndPrintsAnItemPerLine) {
    // Page 1 links to page 2 relatively; --query content_type reaches page 2, which lacks it.
    const std::string page2 = "/status/200?body=%7B%22page%22%3A%7B%22items%22%3A%5B3%5D%7D%7D";
    auto result = run_azrest({url("/status/200"), "--paged", "--items-path", "page.items", "--next-link-path", "page.next",
                              "--query", R"(body={"page":{"items":[1,{"a":2}],"next":")" + page2 + R"("}})", "--query",
                              "content_type=application/json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "1\n{\"a\":2}\n3\n");
    EXPECT_EQ(last().target, page2 + "&content_type=application/json");
}

TEST_F(AzrestRequest, PagedWithoutTheItemsArrayIsAnUnexpectedResponse) {
    auto result = run_azrest({url("/status/200"), "--paged", "--query", R"(body={"items":[]})", "--query",
                              "content_type=application/json"});
    EXPECT_EQ(result.exit_code, 6);
    EXPECT_EQ(result.err, "azrest: --items-path value: the page has no array there\n");
}

TEST_F(AzrestRequest, WaitFollowsALocationToTheFinalResource) {
    // 202 with Location: the poll answers 200 with the resource.
    const std::string done = "/status/200?content_type=application/json&body=%7B%22name%22%3A%22done%22%7D";
    auto result = run_azrest({"POST", url("/status/202"), "--wait", "--polling-interval", "0", "--query", "header=Location:" + done});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "{\n  \"name\": \"done\"\n}\n");
    EXPECT_EQ(result.err, "");  // not a terminal: no status line
}

TEST_F(AzrestRequest, WaitReportsAFailedOperationWithExitCodeFive) {
    // 202 with Operation-Location: the status monitor says Failed, with an OData error.
    const std::string monitor =
        "/status/200?content_type=application/json&body=%7B%22status%22%3A%22Failed%22%2C%22error%22%3A%7B%22code%22%3A%22Boom%22"
        "%2C%22message%22%3A%22it%20broke%22%7D%7D";
    auto result = run_azrest({"POST", url("/status/202"), "--wait", "--polling-interval", "0", "--query",
                              "header=Operation-Location:" + monitor});
    EXPECT_EQ(result.exit_code, 5);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "azrest: the operation ended Failed: Boom: it broke\n");
}

TEST(AzrestTls, InsecureSkipsVerificationAndHttp2SaysWhatTheServerSpoke) {
    azcore::test::TempDir dir;
    auto cert = azcore::testserver::make_self_signed_certificate(dir.path().string());
    azcore::testserver::TestServer server({.tls = azcore::testserver::TlsFiles{cert.cert_file, cert.key_file}});
    ::setenv("AZREST_TLS_TOKEN", "t0ken-s3cret", 1);
    auto untrusted = run_azrest({server.base_url() + "/echo", "--retries", "0"});
    EXPECT_EQ(untrusted.exit_code, 3);
    EXPECT_TRUE(untrusted.err.starts_with("azrest: cannot send the request: ")) << untrusted.err;
    auto insecure = run_azrest({server.base_url() + "/echo", "--insecure", "--http2", "--auth", "bearer", "--token-env",
                                "AZREST_TLS_TOKEN", "--scope", "https://example.test/.default"});
    EXPECT_EQ(insecure.exit_code, 0) << insecure.err;
    EXPECT_EQ(insecure.err, "azrest: --http2: the server answered with HTTP/1.1\n");
    EXPECT_NE(insecure.out.find("\"authorization\": \"Bearer t0ken-s3cret\""), std::string::npos) << insecure.out;
}

TEST(AzrestTls, Http2AgainstAServerThatSpeaksIt) {
    azcore::test::NginxServer nginx;
    auto result = run_azrest({nginx.base_url() + "/small", "--insecure", "--http2", "--include"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");  // no note: the server answered with HTTP/2
    EXPECT_TRUE(result.out.starts_with("HTTP/2 200")) << result.out;
    EXPECT_NE(result.out.find("\"ok\": true"), std::string::npos) << result.out;  // pretty-printed
}

}  // namespace
