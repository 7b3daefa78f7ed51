#include "support/nginx_server.hpp"

#include "support/peer_process.hpp"

#include <azcore/testserver/test_server.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <stdexcept>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace azcore::test {

NginxServer::NginxServer() {
    const char* binary = "/usr/sbin/nginx";
    if (::access(binary, X_OK) != 0) throw std::runtime_error("nginx is not installed (scripts/setup.sh installs it)");
    auto cert = testserver::make_self_signed_certificate(dir_.path().string());
    cert_file_ = cert.cert_file;
    const std::string prefix = dir_.path().string();
    std::ofstream(dir_.file("big"), std::ios::binary) << big_body();
    // /stall's upstream: the kernel completes nginx's connection (the backlog) and nothing answers.
    stall_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (stall_ < 0 || ::bind(stall_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(stall_, 64) != 0 ||
        ::getsockname(stall_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("could not make /stall's upstream socket");
    const int stall_port = ntohs(address.sin_port);
    upstream_ = std::make_unique<testserver::TestServer>();
    std::ostringstream locations;
    locations << "    ssl_certificate " << cert.cert_file << ";\n    ssl_certificate_key " << cert.key_file << ";\n"
              << "    client_max_body_size 16m;\n"
              << "    location /conn { return 200 \"$connection\"; }\n"
              << "    location /small { default_type application/json; return 200 '{\"ok\":true}'; }\n"
              << "    location = /big { default_type application/octet-stream; alias " << prefix << "/big; }\n"
              << "    location /stall { proxy_pass http://127.0.0.1:" << stall_port << "; proxy_read_timeout 600s; }\n"
              << "    location /fault/ { proxy_pass http://127.0.0.1:" << upstream_->port() << "/; proxy_buffering off; }\n";
    // A free port can be taken by another process before nginx binds it: then nginx exits at
    // start, and it starts again on other ports.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (start(binary, prefix, locations.str())) return;
    }
    throw std::runtime_error("nginx exited at start five times; see its error.log");
}

bool NginxServer::start(const char* binary, const std::string& prefix, const std::string& locations) {
    port_ = free_loopback_port();
    do http1_port_ = free_loopback_port();
    while (http1_port_ == port_);
    do goaway_port_ = free_loopback_port();
    while (goaway_port_ == port_ || goaway_port_ == http1_port_);
    std::ofstream(dir_.file("nginx.conf")) << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        << "pid " << prefix << "/nginx.pid;\nerror_log " << prefix << "/error.log warn;\n"
        << "events { worker_connections 4096; }\n"
        << "http {\n  access_log off;\n  keepalive_requests 100000;\n"
        << "  client_body_temp_path " << prefix << "/body;\n  proxy_temp_path " << prefix << "/proxy;\n"
        << "  fastcgi_temp_path " << prefix << "/fastcgi;\n  uwsgi_temp_path " << prefix << "/uwsgi;\n"
        << "  scgi_temp_path " << prefix << "/scgi;\n"
        << "  server {\n    listen 127.0.0.1:" << port_ << " ssl http2;\n"
        << "    http2_max_concurrent_streams 256;\n" << locations << "  }\n"
        << "  server {\n    listen 127.0.0.1:" << http1_port_ << " ssl;\n" << locations << "  }\n"
        << "  server {\n    listen 127.0.0.1:" << goaway_port_ << " ssl http2;\n    keepalive_requests 20;\n"
        << "    http2_max_concurrent_streams 256;\n" << locations << "  }\n}\n";
    std::string conf = dir_.file("nginx.conf");
    const char* argv[] = {binary, "-p", prefix.c_str(), "-c", conf.c_str(), nullptr};
    if (posix_spawn(&pid_, binary, nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
        throw std::runtime_error("could not start nginx");
    for (int i = 0; i < 200; ++i) {  // at most 10 s
        if (accepts_tcp(port_) && accepts_tcp(http1_port_) && accepts_tcp(goaway_port_)) return true;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("nginx did not start listening");
}

NginxServer::~NginxServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    if (stall_ >= 0) ::close(stall_);
}

std::string NginxServer::big_body() {
    std::string body(std::size_t(1) << 20, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return body;
}

}  // namespace azcore::test
