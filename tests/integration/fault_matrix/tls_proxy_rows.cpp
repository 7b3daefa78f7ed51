// Rows: certificates a client must refuse, and proxies taken from the environment.
#include <azcore/exceptions.hpp>

#include "fault_matrix/matrix.hpp"

#include <fmt/format.h>

#include <map>

namespace azcore::test::matrix {

using rest::HttpRequest;
namespace ex = exceptions;

namespace {

// A client that trusts the test certificate as its CA.
std::unique_ptr<DualClient> trusting_client(Matrix& m) {
    auto config = Matrix::bounded();
    config.connection_verify = m.cert().cert_file;
    return m.client(std::move(config));
}

// With proxy variables set: a GET of server()/echo reaches the proxy only (which answers 404).
void expect_proxied(Matrix& m, DualClient& client, std::vector<std::pair<std::string, std::string>> variables,
                    SendRequestOptions options = {}) {
    const std::string url = m.server().base_url() + "/echo";
    {
        ProxyEnvironment env(std::move(variables));
        EXPECT_EQ(client.send(HttpRequest("GET", url), std::move(options)).status_code, 404) << "the proxy's own answer";
    }
    auto sent = m.proxy().requests();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].target, url);
    EXPECT_TRUE(m.server().requests().empty());
}

// With proxy variables set (HTTP_PROXY pointing at the proxy): a GET of server()/echo answers 200
// without reaching the proxy.
void expect_proxy_bypassed(Matrix& m, DualClient& client, std::vector<std::pair<std::string, std::string>> variables) {
    {
        ProxyEnvironment env(std::move(variables));
        EXPECT_EQ(client.send(HttpRequest("GET", m.server().base_url() + "/echo")).status_code, 200);
    }
    auto sent = m.server().requests();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].target, "/echo");
    EXPECT_TRUE(m.proxy().requests().empty());
}

}  // namespace

std::vector<Row> tls_proxy_rows() {
    return {
        {"TrustedCertificateForTheHostSucceeds",
         [](Matrix& m) {
             auto client = trusting_client(m);
             EXPECT_EQ(client->send(HttpRequest("GET", m.tls_server().base_url() + "/echo")).status_code, 200);
             m.expect_still_works(*client);
         }},
        {"UntrustedCaIsServiceRequestError",
         [](Matrix& m) {
             auto client = m.client();  // connection_verify = true: the system's CAs
             // The host, the port and the X.509 reason, in both transports.
             expect_throws<ex::ServiceRequestError>(
                 [&] { client->send(HttpRequest("GET", m.tls_server().base_url() + "/echo")); },
                 {fmt::format("The TLS handshake with 127.0.0.1 port {} failed", m.tls_server().port()), "self-signed certificate"});
             EXPECT_TRUE(m.tls_server().requests().empty());
             m.expect_still_works(*client);
         }},
        {"CertificateForAnotherHostIsServiceRequestError",
         [](Matrix& m) {
             auto client = trusting_client(m);  // trusted, but it names 127.0.0.1 and localhost, not ::1
             expect_throws<ex::ServiceRequestError>(
                 [&] { client->send(HttpRequest("GET", m.tls_server_v6().base_url() + "/echo")); },
                 {fmt::format("The TLS handshake with ::1 port {} failed", m.tls_server_v6().port()), "'::1'"});
             EXPECT_TRUE(m.tls_server_v6().requests().empty());
             m.expect_still_works(*client);
         }},
        {"HttpProxyFromTheEnvironmentIsUsed",
         [](Matrix& m) {
             auto client = m.client();
             expect_proxied(m, *client, {{"HTTP_PROXY", m.proxy().base_url()}});
             m.expect_still_works(*client);
         }},
        {"LowerCaseProxyVariableWinsOverUpperCase",
         [](Matrix& m) {
             auto client = m.client();
             // The upper-case one names a closed port: using it would fail to connect.
             expect_proxied(m, *client, {{"http_proxy", m.proxy().base_url()}, {"HTTP_PROXY", "http://127.0.0.1:1"}});
             m.expect_still_works(*client);
         }},
        {"EmptyLowerCaseProxyVariableFallsBackToUpperCase",
         [](Matrix& m) {
             auto client = m.client();
             expect_proxied(m, *client, {{"http_proxy", ""}, {"HTTP_PROXY", m.proxy().base_url()}});
             m.expect_still_works(*client);
         }},
        {"AllProxyIsUsedWhenTheSchemeHasNone",
         [](Matrix& m) {
             auto client = m.client();
             expect_proxied(m, *client, {{"all_proxy", m.proxy().base_url()}, {"HTTPS_PROXY", "http://127.0.0.1:1"}});
             m.expect_still_works(*client);
         }},
        {"LowerCaseNoProxyBypassesTheProxy",
         [](Matrix& m) {
             auto client = m.client();
             expect_proxy_bypassed(m, *client, {{"HTTP_PROXY", m.proxy().base_url()}, {"no_proxy", "127.0.0.1"}});
             m.expect_still_works(*client);
         }},
        {"HttpsProxyFromTheEnvironmentIsAskedToConnect",
         [](Matrix& m) {
             auto client = trusting_client(m);
             {
                 ProxyEnvironment env({{"HTTPS_PROXY", m.proxy().base_url()}});
                 // The stand-in proxy refuses CONNECT: a proxy failure.
                 expect_throws<ex::ServiceRequestError>(
                     [&] { client->send(HttpRequest("GET", m.tls_server().base_url() + "/echo")); }, "CONNECT");
             }
             auto sent = m.proxy().requests();
             ASSERT_EQ(sent.size(), 1u);
             EXPECT_EQ(sent[0].method, "CONNECT");
             EXPECT_EQ(sent[0].target, "127.0.0.1:" + std::to_string(m.tls_server().port()));
             EXPECT_TRUE(m.tls_server().requests().empty());
             m.expect_still_works(*client);
         }},
        {"HttpsGoesThroughTheProxysTunnelAndKeepsIt",
         [](Matrix& m) {
             testserver::TestServer tunnel({.tunnel = true});
             auto config = Matrix::bounded();
             config.connection_verify = m.cert().cert_file;
             config.proxies = {{"https", tunnel.base_url()}};
             auto client = m.client(std::move(config));
             for (int i = 0; i < 2; ++i)
                 EXPECT_EQ(client->send(HttpRequest("GET", m.tls_server().base_url() + "/echo")).status_code, 200);
             // One tunnel, asked for the server's address, carrying both requests on one connection.
             auto connects = tunnel.requests();
             ASSERT_EQ(connects.size(), 1u);
             EXPECT_EQ(connects[0].method, "CONNECT");
             EXPECT_EQ(connects[0].target, "127.0.0.1:" + std::to_string(m.tls_server().port()));
             auto served = m.tls_server().requests();
             ASSERT_EQ(served.size(), 2u);
             EXPECT_EQ(served[0].target, "/echo");
             EXPECT_EQ(served[0].connection_id, served[1].connection_id);
             EXPECT_TRUE(m.proxy().requests().empty());
         }},
        {"NoProxyHostsBypassTheProxyFromTheEnvironment",
         [](Matrix& m) {
             auto client = m.client();
             expect_proxy_bypassed(m, *client, {{"HTTP_PROXY", m.proxy().base_url()}, {"NO_PROXY", "127.0.0.1"}});
             m.expect_still_works(*client);
         }},
        {"ProxyEnvironmentIsIgnoredWithoutUseEnvSettings",
         [](Matrix& m) {
             auto config = Matrix::bounded();
             config.use_env_settings = false;
             auto client = m.client(std::move(config));
             expect_proxy_bypassed(m, *client, {{"HTTP_PROXY", m.proxy().base_url()}});
             m.expect_still_works(*client);
         }},
        {"NoProxyFromTheEnvironmentIsIgnoredWithoutUseEnvSettings",
         [](Matrix& m) {
             auto config = Matrix::bounded();
             config.use_env_settings = false;
             auto client = m.client(std::move(config));
             const std::map<std::string, std::string> proxies{{"http", m.proxy().base_url()}};
             expect_proxied(m, *client, {{"NO_PROXY", "127.0.0.1"}}, {.kwargs = {{"proxies", proxies}}});
             m.expect_still_works(*client);
         }},
    };
}

}  // namespace azcore::test::matrix
