#include "support/nginx_server.hpp"

#include "support/peer_process.hpp"

#include <azcore/testserver/test_server.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <spawn.h>
#include <stdexcept>
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
    port_ = free_loopback_port();
    const std::string prefix = dir_.path().string();
    std::ofstream(dir_.file("nginx.conf")) << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        << "pid " << prefix << "/nginx.pid;\nerror_log " << prefix << "/error.log warn;\n"
        << "events { worker_connections 4096; }\n"
        << "http {\n  access_log off;\n  keepalive_requests 100000;\n"
        << "  client_body_temp_path " << prefix << "/body;\n  proxy_temp_path " << prefix << "/proxy;\n"
        << "  fastcgi_temp_path " << prefix << "/fastcgi;\n  uwsgi_temp_path " << prefix << "/uwsgi;\n"
        << "  scgi_temp_path " << prefix << "/scgi;\n"
        << "  server {\n    listen 127.0.0.1:" << port_ << " ssl http2;\n"
        << "    ssl_certificate " << cert.cert_file << ";\n    ssl_certificate_key " << cert.key_file << ";\n"
        << "    http2_max_concurrent_streams 256;\n"
        << "    location /conn { return 200 \"$connection\"; }\n"
        << "    location /small { default_type application/json; return 200 '{\"ok\":true}'; }\n"
        << "  }\n}\n";
    std::string conf = dir_.file("nginx.conf");
    const char* argv[] = {binary, "-p", prefix.c_str(), "-c", conf.c_str(), nullptr};
    if (posix_spawn(&pid_, binary, nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
        throw std::runtime_error("could not start nginx");
    for (int i = 0; i < 200; ++i) {  // at most 10 s
        if (accepts_tcp(port_)) return;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("nginx exited at start; see its error.log");
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
}

}  // namespace azcore::test
