#pragma once
// The fault matrix (issue 12): one row per way a server or a caller can go wrong, each run in
// both faces through a DualClient against the project's test server. A row arranges the fault,
// acts once, asserts the exact exception (type and the key part of its message) or result, and
// then asserts that the same client still answers a GET /echo. Rows are plain functions so that
// fault_matrix_test.cpp can run each once (one test per row) and all of them in a loop (the
// fd/memory growth check).
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/connection_configuration.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

namespace azcore::test::matrix {

/// The servers and files rows share; servers start when first asked for. One per face and test.
class Matrix {
public:
    explicit Matrix(RunMode mode) : mode_(mode) {}

    /// Plain HTTP on 127.0.0.1: the faults, and the follow-up GET /echo.
    testserver::TestServer& server();
    /// HTTPS on 127.0.0.1 with cert() (SAN IP:127.0.0.1, DNS:localhost).
    testserver::TestServer& tls_server();
    /// HTTPS on [::1] with the same certificate, which does not name ::1.
    testserver::TestServer& tls_server_v6();
    /// A second plain server standing in for a forward proxy: it records the request (an
    /// absolute-form target, or CONNECT host:port) and answers 404.
    testserver::TestServer& proxy();
    /// The self-signed certificate of the TLS servers (its own CA).
    const testserver::CertificateFiles& cert();

    /// A fresh client whose base URL is server(), with bounded timeouts (5 s) unless config says
    /// otherwise, and Python's bare policy list unless setup says otherwise.
    std::unique_ptr<DualClient> client(transport::ConnectionConfiguration config = bounded(), DualClientSetup setup = {});
    static transport::ConnectionConfiguration bounded() { return {.connection_timeout = 5, .read_timeout = 5}; }

    /// The follow-up of every row: a GET /echo on server() through client answers 200.
    void expect_still_works(DualClient& client);

    /// Forgets what the servers recorded (run before each row, so that a loop does not grow it).
    void clear_records();
    /// Waits (bounded) until no server holds an open connection.
    void wait_until_idle();

private:
    RunMode mode_;
    std::optional<TempDir> dir_;
    std::optional<testserver::CertificateFiles> cert_;
    std::unique_ptr<testserver::TestServer> server_, tls_server_, tls_server_v6_, proxy_;
};

/// One row: a name that reads as the fault and its outcome, and the row itself.
struct Row {
    std::string name;
    std::function<void(Matrix&)> run;
};

// The rows, by topic.
std::vector<Row> connection_rows();  // connection_rows.cpp: refused, resets, EOF, framing, timeouts
std::vector<Row> redirect_rows();    // redirect_rows.cpp: loops, other schemes
std::vector<Row> tls_proxy_rows();   // tls_proxy_rows.cpp: certificates, proxies from the environment
std::vector<Row> input_rows();       // input_rows.cpp: a caller's bad URLs and headers
std::vector<Row> decode_rows();      // decode_rows.cpp: decompression bombs
std::vector<Row> batch_rows();       // batch_rows.cpp: multipart/mixed batches, CloudEvents
std::vector<Row> resume_rows();      // resume_rows.cpp: a resumed download's Content-Range
/// Every row, in the order above.
std::vector<Row> all_rows();

std::string demangled(const std::type_info& type);

/// Runs act and expects it to throw exactly E (not a subclass) with a what() containing every
/// one of parts.
template <class E>
void expect_throws(const std::function<void()>& act, std::initializer_list<std::string_view> parts) {
    try {
        act();
        ADD_FAILURE() << "expected " << demangled(typeid(E)) << " containing '" << *parts.begin() << "', nothing was thrown";
    } catch (const std::exception& error) {
        EXPECT_TRUE(typeid(error) == typeid(E))
            << "expected " << demangled(typeid(E)) << ", got " << demangled(typeid(error)) << ": " << error.what();
        for (std::string_view part : parts)
            EXPECT_NE(std::string_view(error.what()).find(part), std::string_view::npos)
                << "message of " << demangled(typeid(error)) << " lacks '" << part << "': " << error.what();
    }
}

template <class E>
void expect_throws(const std::function<void()>& act, std::string_view part) {
    expect_throws<E>(act, {part});
}

/// A row that sends GET target (a path on server(), or a URL) on a fresh client and expects exactly
/// E with a message containing part, then the follow-up.
template <class E>
Row error_row(std::string name, std::string target, std::string part, SendRequestOptions options = {}) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                expect_throws<E>([&] { client->send(rest::HttpRequest("GET", target), options); }, part);
                m.expect_still_works(*client);
            }};
}

/// scheme + "://127.0.0.1:" + port + path.
std::string loopback_url(std::string_view scheme, std::uint16_t port, std::string_view path);

/// A URL of a scheme other than http(s), as a hostile server's Location or a careless caller may
/// give it; made from the port of a listener that must see no connection.
struct ForeignUrl {
    std::string label;  // for row names: "FileUrl", "DictUrl", ...
    std::string scheme;
    std::function<std::string(std::uint16_t port)> make;
};
/// file:///etc/passwd, file://localhost/etc/passwd, dict://, gopher:// and ftp:// on the port.
std::vector<ForeignUrl> foreign_urls();



/// Sets proxy variables for a scope: every *_proxy variable (both cases) is unset first, the given
/// ones are set, and all are restored when the scope ends.
class ProxyEnvironment {
public:
    explicit ProxyEnvironment(std::vector<std::pair<std::string, std::string>> values);
    ~ProxyEnvironment();
    ProxyEnvironment(const ProxyEnvironment&) = delete;
    ProxyEnvironment& operator=(const ProxyEnvironment&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace azcore::test::matrix
