// azrest in a real terminal (tmux): coloured JSON, and the --wait status line drawn and cleared.
#include "azrest_runner.hpp"
#include "support/spector_server.hpp"
#include "support/temp_dir.hpp"

#include <azcore/testserver/test_server.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

std::string output_of(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    ::pclose(pipe);
    return out;
}

/// A tmux server of its own (120x30) running one shell command; killed when the test ends.
class Terminal {
public:
    explicit Terminal(const std::string& command) {
        const std::string tmux = "tmux -L " + socket_;
        std::string run = "sleep 1; " + command + "; echo azrest-exit=$?; sleep 60";
        std::system((tmux + " new-session -d -x 120 -y 30 " + quoted(run)).c_str());
        std::system((tmux + " pipe-pane -o " + quoted("cat >> " + raw_file())).c_str());
    }
    ~Terminal() { std::system(("tmux -L " + socket_ + " kill-server 2>/dev/null").c_str()); }
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    /// The screen with its attributes (capture-pane -e), once the command printed its exit code.
    std::string wait_for_exit() {
        for (int i = 0; i < 300; ++i) {
            std::string screen = output_of("tmux -L " + socket_ + " capture-pane -p -e");
            if (screen.find("azrest-exit=") != std::string::npos) return screen;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return {};
    }
    /// Every byte the command wrote to the terminal.
    std::string raw() const {
        std::ifstream file(raw_file(), std::ios::binary);
        std::ostringstream out;
        out << file.rdbuf();
        return out.str();
    }

private:
    static std::string quoted(const std::string& text) {
        std::string out = "'";
        for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    }
    std::string raw_file() const { return dir_.file("raw"); }

    azcore::test::TempDir dir_;
    std::string socket_ = "azrest-test-" + std::to_string(::getpid());
};

/// "<azrest> <args>", as a shell reads it (built with a stream: g++ 12 warns falsely on + here).
std::string azrest_command(const std::string& args) {
    std::ostringstream command;
    command << AZREST_BINARY << ' ' << args;
    return command.str();
}

bool has_tmux() { return std::system("command -v tmux >/dev/null 2>&1") == 0; }

TEST(AzrestTerminal, ColoursJsonOnATerminalAndNotWhenPiped) {
    if (!has_tmux()) GTEST_SKIP() << "tmux is not installed (scripts/setup.sh installs it)";
    azcore::testserver::TestServer server;
    const std::string url = server.base_url() + "/status/200?content_type=application/json&body=%7B%22name%22%3A%22a%22%7D";
    Terminal terminal(azrest_command("'" + url + "'"));
    std::string screen = terminal.wait_for_exit();
    EXPECT_NE(screen.find("azrest-exit=0"), std::string::npos) << screen;
    std::string raw = terminal.raw();
    EXPECT_NE(raw.find("\x1b[1;34m\"name\"\x1b[0m: \x1b[32m\"a\"\x1b[0m"), std::string::npos) << raw;

    auto piped = azrest::test::run_azrest({url});
    EXPECT_EQ(piped.out, "{\n  \"name\": \"a\"\n}\n");
    EXPECT_EQ(piped.out.find('\x1b'), std::string::npos);

    Terminal no_colour("NO_COLOR=1 " + azrest_command("'" + url + "'"));
    no_colour.wait_for_exit();
    EXPECT_EQ(no_colour.raw().find("\x1b[32m"), std::string::npos) << no_colour.raw();
}

TEST(AzrestTerminal, WaitDrawsAStatusLineAndClearsIt) {
    if (!has_tmux()) GTEST_SKIP() << "tmux is not installed (scripts/setup.sh installs it)";
    if (auto why = azcore::test::SpectorServer::missing()) GTEST_SKIP() << *why;
    const std::string url = azcore::test::SpectorServer::shared().base_url() + "/azure/core/lro/standard/users/madge";
    Terminal terminal(azrest_command("PUT '" + url +
                                     "' --body '{\"role\":\"contributor\"}' --query api-version=2022-12-01-preview --wait --polling-interval 1"));
    std::string screen = terminal.wait_for_exit();
    EXPECT_NE(screen.find("azrest-exit=0"), std::string::npos) << screen;
    std::string raw = terminal.raw();
    EXPECT_NE(raw.find("\r\x1b[2K| waiting for the operation: InProgress (0 s)"), std::string::npos) << raw;
    // Cleared before the result: the result starts on a clean line, and the screen keeps no status.
    EXPECT_NE(raw.find("\r\x1b[2K{\r\n"), std::string::npos) << raw;
    EXPECT_EQ(screen.find("waiting for the operation"), std::string::npos) << screen;
    EXPECT_NE(screen.find("\"madge\""), std::string::npos) << screen;
}

}  // namespace
