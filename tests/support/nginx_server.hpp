#pragma once
// NginxServer: Debian's nginx on 127.0.0.1 and a free port, HTTPS with HTTP/2, for the duration
// of a test. `/conn` answers with nginx's connection serial number, `/small` with a small JSON.
#include "support/temp_dir.hpp"

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace azcore::test {

class NginxServer {
public:
    /// Starts nginx (throws std::runtime_error when it cannot) and waits until it accepts.
    NginxServer();
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
    /// The self-signed certificate the server presents (a CA bundle for connection_verify).
    const std::string& cert_file() const { return cert_file_; }

private:
    TempDir dir_;
    std::string cert_file_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace azcore::test
