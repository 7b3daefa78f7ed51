#include "support/peer_process.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#ifndef AZCORE_TEST_PEERS_DIR
#error "AZCORE_TEST_PEERS_DIR must be defined (tests/CMakeLists.txt)"
#endif
#ifndef AZCORE_SOURCE_DIR
#error "AZCORE_SOURCE_DIR must be defined (tests/CMakeLists.txt)"
#endif

namespace azcore::test {
namespace {

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

/// A socket connected to 127.0.0.1:port, or -1.
int connect_loopback(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in address = loopback(port);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

std::string peers_dir() { return AZCORE_TEST_PEERS_DIR; }

std::string source_dir() { return AZCORE_SOURCE_DIR; }

std::optional<std::string> peer_missing(const std::string& bin) {
    const std::string path = peers_dir() + "/node_modules/.bin/" + bin;
    if (::access(path.c_str(), X_OK) == 0) return std::nullopt;
    return path + " is not installed: run scripts/setup.sh (npm ci --prefix tests/peers)";
}

std::uint16_t free_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("could not bind a loopback port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

bool accepts_tcp(std::uint16_t port) {
    int fd = connect_loopback(port);
    if (fd < 0) return false;
    ::close(fd);
    return true;
}

bool answers_http(std::uint16_t port) {
    int fd = connect_loopback(port);
    if (fd < 0) return false;
    timeval timeout{.tv_sec = 2, .tv_usec = 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const std::string request =
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n\r\n";
    bool ok = ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size());
    std::string answer;
    char buffer[64];
    while (ok && answer.size() < 8) {
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer.rfind("HTTP/1.", 0) == 0;
}

PeerProcess::PeerProcess(std::vector<std::string> argv, const std::string& working_directory, std::string log_file)
    : log_file_(std::move(log_file)) {
    if (argv.empty()) throw std::invalid_argument("argv: empty command line");
    std::vector<char*> args;
    for (auto& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);

    int log_fd = ::open(log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log_fd < 0) throw std::runtime_error("cannot create " + log_file_ + ": " + std::strerror(errno));
    int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    int error_pipe[2];  // the child writes errno here when chdir or exec fails; closed by a successful exec
    if (null_fd < 0 || ::pipe2(error_pipe, O_CLOEXEC) != 0) {
        ::close(log_fd);
        if (null_fd >= 0) ::close(null_fd);
        throw std::runtime_error("cannot prepare the peer's file descriptors");
    }
    const pid_t parent = ::getpid();
    const char* directory = working_directory.c_str();
    pid_t pid = ::fork();
    if (pid == 0) {
        // Only async-signal-safe calls from here on.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);
        ::dup2(null_fd, STDIN_FILENO);
        ::dup2(log_fd, STDOUT_FILENO);
        ::dup2(log_fd, STDERR_FILENO);
        if (::chdir(directory) == 0) ::execv(args[0], args.data());
        int error = errno;
        if (::write(error_pipe[1], &error, sizeof error) < 0) ::_exit(126);
        ::_exit(127);
    }
    ::close(error_pipe[1]);
    ::close(log_fd);
    ::close(null_fd);
    if (pid < 0) {
        ::close(error_pipe[0]);
        throw std::runtime_error("fork failed");
    }
    ::setpgid(pid, pid);  // also from here, so that stop() finds the group whichever runs first
    int error = 0;
    ssize_t n = ::read(error_pipe[0], &error, sizeof error);
    ::close(error_pipe[0]);
    if (n == static_cast<ssize_t>(sizeof error)) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        throw std::runtime_error("could not start " + argv[0] + " in " + working_directory + ": " + std::strerror(error));
    }
    pid_ = pid;
}

PeerProcess::~PeerProcess() { stop(); }

bool PeerProcess::exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    pid_ = -1;
    return true;
}

void PeerProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (exited()) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(-pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::string PeerProcess::log_tail(std::size_t bytes) const {
    std::ifstream in(log_file_, std::ios::binary | std::ios::ate);
    if (!in) return {};
    const auto size = static_cast<std::size_t>(in.tellg());
    const std::size_t start = size > bytes ? size - bytes : 0;
    in.seekg(static_cast<std::streamoff>(start));
    std::string tail(size - start, '\0');
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    return tail;
}

std::size_t PeerProcess::rss_bytes() const {
    if (pid_ <= 0) return 0;
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            std::istringstream fields(line.substr(6));
            std::size_t kilobytes = 0;
            fields >> kilobytes;
            return kilobytes * 1024;
        }
    }
    return 0;
}

StartedPeer start_peer(const PeerLaunch& launch) {
    std::function<bool(std::uint16_t)> ready = launch.ready;
    if (!ready) ready = answers_http;
    constexpr int tries = 3;
    for (int attempt = 1;; ++attempt) {
        StartedPeer peer;
        peer.port = free_loopback_port();
        const auto started = std::chrono::steady_clock::now();
        peer.process = std::make_unique<PeerProcess>(launch.argv(peer.port), launch.working_directory, launch.log_file);
        for (;;) {
            const auto elapsed =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            if (ready(peer.port) && !peer.process->exited()) {
                peer.startup_time = elapsed;
                return peer;
            }
            if (peer.process->exited()) {
                std::string tail = peer.process->log_tail();
                if (contains(tail, "EADDRINUSE") && attempt < tries) break;  // lost the port: another one
                throw std::runtime_error(launch.name + " exited at start (port " + std::to_string(peer.port) +
                                         "); its output ends with:\n" + tail);
            }
            if (elapsed > launch.timeout) {
                std::string tail = peer.process->log_tail();
                peer.process->stop();
                throw std::runtime_error(launch.name + " did not answer on port " + std::to_string(peer.port) +
                                         " within " + std::to_string(launch.timeout.count() / 1000) +
                                         " s; its output ends with:\n" + tail);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

}  // namespace azcore::test
