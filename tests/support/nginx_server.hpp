#pragma once
// NginxServer: Debian's nginx on 127.0.0.1 and free ports, HTTPS with HTTP/2 (base_url()) and
// HTTPS with HTTP/1.1 only (http1_url()), for the duration of a test. `/conn` answers with nginx's
// connection serial number, `/small` with a small JSON, `/big` with big_body() (1 MiB), and
// `/stall` never answers (nginx waits on an upstream that accepts nothing), `/fault/ROUTE` is the
// test server's ROUTE through nginx (unbuffered: a body its upstream cuts short reaches the client
// cut short); both servers take a request body of up to 16 MiB and discard it.
#include "support/temp_dir.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>

namespace azcore::testserver {
class TestServer;
}

namespace azcore::test {

class NginxServer {
public:
    /// Starts nginx (throws std::runtime_error when it cannot) and waits until it accepts.
    NginxServer();
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
    /// The same locations over HTTP/2 on a server that ends each connection (GOAWAY) after 20
    /// requests (keepalive_requests).
    std::string goaway_url() const { return "https://127.0.0.1:" + std::to_string(goaway_port_); }
    /// The same locations on a server that offers only HTTP/1.1 in TLS.
    std::string http1_url() const { return "https://127.0.0.1:" + std::to_string(http1_port_); }
    /// What `/big` answers: 1 MiB of bytes that differ from one position to the next.
    static std::string big_body();
    /// The self-signed certificate the server presents (a CA bundle for connection_verify).
    const std::string& cert_file() const { return cert_file_; }

private:
    /// Picks free ports, writes the configuration and starts nginx; false when nginx exited at
    /// start (a port was taken meanwhile).
    bool start(const char* binary, const std::string& prefix, const std::string& locations);

    TempDir dir_;
    std::string cert_file_;
    std::uint16_t port_ = 0;
    std::uint16_t http1_port_ = 0;
    std::uint16_t goaway_port_ = 0;
    pid_t pid_ = -1;
    int stall_ = -1;  // a listening socket nobody accepts on: /stall's upstream
    std::unique_ptr<testserver::TestServer> upstream_;  // /fault/'s
};

}  // namespace azcore::test
