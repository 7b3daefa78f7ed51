#include "fault_matrix/matrix.hpp"

#include <azcore/rest/http_request.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cxxabi.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace azcore::test::matrix {

using testserver::TestServer;
using namespace std::chrono_literals;

const testserver::CertificateFiles& Matrix::cert() {
    if (!cert_) {
        dir_.emplace();
        cert_ = testserver::make_self_signed_certificate(dir_->path().string());
    }
    return *cert_;
}

TestServer& Matrix::server() {
    if (!server_) server_ = std::make_unique<TestServer>();
    return *server_;
}

TestServer& Matrix::tls_server() {
    if (!tls_server_)
        tls_server_ = std::make_unique<TestServer>(testserver::TestServerOptions{.tls = testserver::TlsFiles{cert().cert_file, cert().key_file}});
    return *tls_server_;
}

TestServer& Matrix::tls_server_v6() {
    if (!tls_server_v6_)
        tls_server_v6_ = std::make_unique<TestServer>(
            testserver::TestServerOptions{.host = "::1", .tls = testserver::TlsFiles{cert().cert_file, cert().key_file}});
    return *tls_server_v6_;
}

TestServer& Matrix::proxy() {
    if (!proxy_) proxy_ = std::make_unique<TestServer>();
    return *proxy_;
}

std::unique_ptr<DualClient> Matrix::client(transport::ConnectionConfiguration config, DualClientSetup setup) {
    return std::make_unique<DualClient>(server().base_url(), mode_, std::move(config), std::move(setup));
}

void Matrix::expect_still_works(DualClient& client) {
    try {
        Result result = client.send(rest::HttpRequest("GET", server().base_url() + "/echo"));
        EXPECT_EQ(result.status_code, 200) << "the follow-up GET /echo";
        EXPECT_EQ(boost::json::parse(result.body).at("method"), "GET") << "the follow-up GET /echo";
    } catch (const std::exception& error) {
        ADD_FAILURE() << "the follow-up GET /echo failed: " << demangled(typeid(error)) << ": " << error.what();
    }
}

void Matrix::clear_records() {
    for (auto* server : {&server_, &tls_server_, &tls_server_v6_, &proxy_})
        if (*server) (*server)->clear_requests();
}

void Matrix::wait_until_idle() {
    for (auto* server : {&server_, &tls_server_, &tls_server_v6_, &proxy_})
        if (*server) (*server)->wait_until([&] { return (*server)->open_connections() == 0; }, 5s);
}

std::vector<Row> all_rows() {
    std::vector<Row> rows;
    for (auto topic : {connection_rows, redirect_rows, tls_proxy_rows, input_rows, decode_rows, batch_rows, resume_rows})
        for (Row& row : topic()) rows.push_back(std::move(row));
    return rows;
}

std::string demangled(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

std::string loopback_url(std::string_view scheme, std::uint16_t port, std::string_view path) {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port) + std::string(path);
}

std::vector<ForeignUrl> foreign_urls() {
    return {
        {"FileUrl", "file", [](std::uint16_t) { return "file:///etc/passwd"; }},
        {"FileUrlWithHost", "file", [](std::uint16_t) { return "file://localhost/etc/passwd"; }},
        {"DictUrl", "dict", [](std::uint16_t port) { return loopback_url("dict", port, "/"); }},
        {"GopherUrl", "gopher", [](std::uint16_t port) { return loopback_url("gopher", port, "/_x"); }},
        {"FtpUrl", "ftp", [](std::uint16_t port) { return loopback_url("ftp", port, "/"); }},
    };
}

namespace {
constexpr const char* proxy_variables[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                                           "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY"};
}

ProxyEnvironment::ProxyEnvironment(std::vector<std::pair<std::string, std::string>> values) {
    for (const char* name : proxy_variables) {
        const char* value = std::getenv(name);
        saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
        ::unsetenv(name);
    }
    for (const auto& [name, value] : values) ::setenv(name.c_str(), value.c_str(), 1);
}

ProxyEnvironment::~ProxyEnvironment() {
    for (const auto& [name, value] : saved_) {
        if (value) ::setenv(name.c_str(), value->c_str(), 1);
        else ::unsetenv(name.c_str());
    }
}

}  // namespace azcore::test::matrix
