// azrest --output: the body streamed to a file, resumed across cuts, progress piped and on a
// terminal (tmux), a changed resource refused, and a download from Azurite in small memory.
#include "azrest_runner.hpp"

#include "support/azurite_server.hpp"
#include "support/process_stats.hpp"
#include "support/temp_dir.hpp"

#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>

#include <sas.hpp>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

namespace {

using azcore::test::FilterResult;
using azcore::testserver::TestServer;

/// The one place an azrest command line is made: GET url, body to file, then extra arguments.
std::vector<std::string> output_command(const std::string& url, const std::string& file,
                                        const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{url, "--output", file};
    for (const auto& arg : extra) args.push_back(arg);
    return args;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The lines a piped run prints for a body of total bytes: one per 10%.
std::string ten_percent_lines(std::size_t total) {
    std::string out;
    for (std::size_t step = 1; step <= 10; ++step)
        out += fmt::format("azrest: {}% ({} of {} bytes)\n", step * 10, total * step / 10, total);
    return out;
}

TEST(AzrestOutput, PipedProgressIsPlainLinesEveryTenPercent) {
    TestServer server;
    azcore::test::TempDir dir;
    const std::string file = dir.file("body.bin");
    FilterResult result = azrest::test::run_azrest(output_command(server.base_url() + "/resumable/100000?key=p&cuts=0", file));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, ten_percent_lines(100000) + "azrest: saved 100000 bytes to " + file + "\n");
    EXPECT_TRUE(read_file(file) == azcore::testserver::generated_bytes(100000));
}

TEST(AzrestOutput, AnUnknownLengthPrintsNoPercentages) {
    TestServer server;
    azcore::test::TempDir dir;
    const std::string file = dir.file("chunked.bin");
    FilterResult result = azrest::test::run_azrest(output_command(server.base_url() + "/bytes/100000?chunked=1", file));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "azrest: saved 100000 bytes to " + file + "\n");
    EXPECT_TRUE(read_file(file) == azcore::testserver::generated_bytes(100000));
}

TEST(AzrestOutput, ABodyCutTwiceIsResumedToTheExactBytes) {
    TestServer server;
    azcore::test::TempDir dir;
    const std::string file = dir.file("body.bin");
    FilterResult result = azrest::test::run_azrest(
        output_command(server.base_url() + "/resumable/1000000?key=two&cuts=2&cut=300000", file));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(read_file(file) == azcore::testserver::generated_bytes(1000000));
    // Where each resume started is what the server was asked for.
    std::vector<std::string> ranges;
    for (const auto& request : server.requests())
        for (const auto& [name, value] : request.headers)
            if (name == "Range") ranges.push_back(value.substr(6, value.size() - 7));
    ASSERT_EQ(ranges.size(), 2u);
    EXPECT_NE(result.err.find("azrest: connection lost at byte " + ranges[0] + ", resuming (1 of 3)\n"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("azrest: connection lost at byte " + ranges[1] + ", resuming (2 of 3)\n"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("azrest: 100% (1000000 of 1000000 bytes)\nazrest: saved 1000000 bytes to " + file + "\n"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << "control codes when piped";
    EXPECT_EQ(result.err.find('\r'), std::string::npos) << "control codes when piped";
}

TEST(AzrestOutput, AChangedResourceIsAnErrorAndLeavesNoFile) {
    TestServer server;
    azcore::test::TempDir dir;
    const std::string file = dir.file("body.bin");
    // Cut 600000 bytes in: the two whole 256 KiB chunks azrest wrote (524288 bytes) are where it resumes.
    FilterResult result = azrest::test::run_azrest(
        output_command(server.base_url() + "/resumable/1000000?key=c&mode=changed&cut=600000", file));
    EXPECT_EQ(result.exit_code, 1);
    const std::string progress = ten_percent_lines(1000000);
    EXPECT_EQ(result.err, progress.substr(0, progress.find("azrest: 60%")) +
                              "azrest: The resource changed during the download: resuming at byte 524288 with If-Match: "
                              "\"v1\" was answered 412 Precondition Failed\n");
    EXPECT_FALSE(std::filesystem::exists(file));
}

// ---- a real terminal: tmux ---------------------------------------------------------------------

/// A tmux server of its own (its own socket), killed at the end.
class Tmux {
public:
    Tmux() : socket_(fmt::format("azrest-output-{}", ::getpid())) {}
    ~Tmux() { run("kill-server"); }
    /// Starts command in a 100x20 session.
    void start(const std::string& command) { run("new-session -d -x 100 -y 20 " + quote(command)); }
    /// The visible pane, trailing empty lines dropped.
    std::string capture() {
        std::string out = run("capture-pane -p");
        while (out.ends_with("\n\n")) out.pop_back();
        return out;
    }
    static std::string quote(const std::string& text) {
        std::string out = "'";
        for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    }

private:
    std::string run(const std::string& arguments) {
        std::string command = "tmux -L " + socket_ + " " + arguments + " 2>&1";
        std::string out;
        if (FILE* pipe = ::popen(command.c_str(), "r")) {
            char buffer[4096];
            while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
            ::pclose(pipe);
        }
        return out;
    }
    std::string socket_;
};

TEST(AzrestOutput, OnATerminalTheBarIsRedrawnInPlaceAndEndedCleanly) {
    if (std::system("command -v tmux >/dev/null 2>&1") != 0) GTEST_SKIP() << "tmux is not installed";
    TestServer server;
    azcore::test::TempDir dir;
    const std::string file = dir.file("slow.bin");
    // 4 MiB sent 64 KiB every 20 ms (about 1.3 s), cut once 2 MiB into the first response.
    const std::string url = server.base_url() + "/resumable/4194304?key=tty&cut=2097152&pace_ms=20";
    std::string command = Tmux::quote(AZREST_BINARY);
    for (const auto& arg : output_command(url, file)) command += " " + Tmux::quote(arg);
    Tmux tmux;
    tmux.start("sh -c " + Tmux::quote(command + "; echo EXIT=$?; sleep 60"));
    std::set<std::string> first_lines;  // screens of one line: the bar before the cut
    std::string after;
    for (int i = 0; i < 400 && after.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        std::string screen = tmux.capture();
        if (screen.find("EXIT=") != std::string::npos) after = screen;
        else if (screen.starts_with("[") && screen.find('\n') == screen.size() - 1) first_lines.insert(screen);
    }
    // While it runs: the bar changes on one and the same line, with bytes, rate and ETA.
    ASSERT_GE(first_lines.size(), 2u) << "the bar was not seen redrawn in place";
    for (const std::string& line : first_lines) {
        EXPECT_NE(line.find(" / 4.0 MiB  "), std::string::npos) << line;
        EXPECT_NE(line.find("/s  ETA "), std::string::npos) << line;
    }
    // At the end: the bar up to the cut, the resume, the full bar, the summary, nothing left over.
    std::istringstream lines(after);
    std::vector<std::string> screen;
    for (std::string line; std::getline(lines, line);) screen.push_back(line);
    ASSERT_EQ(screen.size(), 5u) << after;
    EXPECT_TRUE(screen[0].starts_with("[###############---------------]  50% 2.0 MiB / 4.0 MiB  ")) << after;
    EXPECT_EQ(screen[1], "azrest: connection lost at byte 2097152, resuming (1 of 3)") << after;
    EXPECT_TRUE(screen[2].starts_with("[##############################] 100% 4.0 MiB / 4.0 MiB  ")) << after;
    EXPECT_TRUE(screen[2].ends_with("/s  done")) << after;
    EXPECT_EQ(screen[3], "azrest: saved 4194304 bytes to " + file) << after;
    EXPECT_EQ(screen[4], "EXIT=0") << after;
    EXPECT_TRUE(read_file(file) == azcore::testserver::generated_bytes(4194304));
}

// ---- Azurite: a blob downloaded with a SAS URL, in small memory -------------------------------------

/// Peak RSS in KiB of `azrest args...`, run under /usr/bin/time.
FilterResult run_measured(const std::vector<std::string>& args, long& peak_kib) {
    std::vector<std::string> argv{"/usr/bin/time", "-f", "PEAK_RSS_KIB=%M", AZREST_BINARY};
    for (const auto& arg : args) argv.push_back(arg);
    FilterResult result = azcore::test::run_filter(argv, "");
    auto at = result.err.rfind("PEAK_RSS_KIB=");
    peak_kib = at == std::string::npos ? -1 : std::stol(result.err.substr(at + 13));
    return result;
}

TEST(AzrestOutput, DownloadsABlobFromAzuriteInSmallMemory) {
    if (auto missing = azcore::test::AzuriteServer::missing()) GTEST_SKIP() << *missing;
    if (!std::filesystem::exists("/usr/bin/time")) GTEST_SKIP() << "/usr/bin/time is not installed";
    auto& azurite = azcore::test::AzuriteServer::shared();
    const std::string sas = blob::generate_account_sas(std::string(azcore::test::AzuriteServer::account_name),
                                                       std::string(azcore::test::AzuriteServer::account_key),
                                                       {.permissions = "rwdlac"});
    const std::string container = azurite.account_url() + "/azrest-output";
    const std::string blob_url = container + "/blob.bin?" + sas;
    const std::string data = azcore::testserver::generated_bytes(std::size_t(8) << 20);

    azcore::PipelineClient client(azurite.account_url());
    auto created = client.send_request(azcore::rest::HttpRequest("PUT", container + "?restype=container&" + sas));
    ASSERT_TRUE(created->status_code() == 201 || created->status_code() == 409) << created->status_code();
    azcore::rest::HttpRequestOptions upload{.headers = {{"x-ms-blob-type", "BlockBlob"}},
                                            .content = azcore::Bytes(data.begin(), data.end())};
    auto put = client.send_request(azcore::rest::HttpRequest("PUT", blob_url, std::move(upload)));
    ASSERT_EQ(put->status_code(), 201) << put->text();

    azcore::test::TempDir dir;
    const std::string file = dir.file("blob.bin");
    long peak_kib = 0;
    FilterResult result = run_measured(output_command(blob_url, file), peak_kib);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(read_file(file) == data);
    EXPECT_EQ(result.err.find("sig="), std::string::npos) << "the SAS signature is never printed";
    // The body (8 MiB) is not held: azrest's whole process stays far below it plus its baseline.
    EXPECT_GT(peak_kib, 0) << result.err;
    RecordProperty("azrest_peak_rss_kib", static_cast<int>(peak_kib));
    // A sanitizer build's shadow memory and quarantine make RSS meaningless (72 MiB under ASan).
    if (azcore::test::rss_bounds_apply()) {
        EXPECT_LT(peak_kib, 24 * 1024) << result.err;
    }
}

}  // namespace
