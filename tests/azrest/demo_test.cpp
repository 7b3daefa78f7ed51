// `azrest demo` and `azrest demo --serve`, run as a person runs them.
#include "azrest_runner.hpp"

#include "support/temp_dir.hpp"

#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace {

const std::vector<std::string> step_names = {"requests", "streaming", "errors", "retries", "paging", "long-running operation",
                                             "bearer challenge", "concurrency", "span tree"};

TEST(AzrestDemo, EveryStepBehavesAsDescribedAndTheTourExitsZero) {
    const auto result = azrest::test::run_azrest({"demo"});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    for (std::size_t step = 1; step <= step_names.size(); ++step) {
        EXPECT_NE(result.out.find("\n[" + std::to_string(step) + "] "), std::string::npos) << "step " << step;
        EXPECT_NE(result.out.find("\n    => step " + std::to_string(step) + " ok\n"), std::string::npos) << result.out;
    }
    EXPECT_EQ(result.out.find("FAILED"), std::string::npos) << result.out;
    EXPECT_TRUE(result.out.ends_with("\ndemo finished: all 9 steps behaved as described\n")) << result.out;
    EXPECT_EQ(result.err, "");
}

TEST(AzrestDemo, WhatEachStepShowsIsInItsLines) {
    const auto result = azrest::test::run_azrest({"demo"});
    ASSERT_EQ(result.exit_code, 0) << result.out;
    for (const char* line : {
             "    sync: 503, 503, then 200 OK on try 3\n",
             "    async: 503, 503, then 200 OK on try 3\n",
             "    sync: 10 items in 3 pages (ids 1 2 3 4 5 6 7 8 9 10); the last is 'item-10'\n",
             "    async: 10 items in 3 pages (ids 1 2 3 4 5 6 7 8 9 10); the last is 'item-10'\n",
             "      status Succeeded, result {\"name\":\"demo-sync\",\"provisioningState\":\"Succeeded\"}\n",
             "    async: an operation that ends Failed -> HttpResponseError, code 'ProvisioningFailed'\n",
             "      {\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1726077595\"}}}; the request was sent again -> 200 "
             "OK, authorized\n",
             "      DemoClient.list_items (INTERNAL, ",
         })
        EXPECT_NE(result.out.find(line), std::string::npos) << line << "\nnot in:\n" << result.out;
    // The tokens the demo credential mints are secrets as far as the output goes.
    EXPECT_EQ(result.out.find("demo-token"), std::string::npos);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `azrest demo --serve` as a child process, its output in a file.
class ServedDemo {
public:
    explicit ServedDemo(std::vector<std::string> args) {
        std::vector<std::string> argv{AZREST_BINARY};
        for (auto& arg : args) argv.push_back(std::move(arg));
        std::vector<char*> pointers;
        for (std::string& arg : argv) pointers.push_back(arg.data());
        pointers.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int spawned = posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, pointers.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (spawned != 0) throw std::runtime_error("cannot start azrest");
    }
    ~ServedDemo() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            wait();
        }
    }
    ServedDemo(const ServedDemo&) = delete;
    ServedDemo& operator=(const ServedDemo&) = delete;

    /// The output once it has `lines` lines (or after 10 s).
    std::string output(std::size_t lines) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        std::string text = read_file(out_);
        while (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) < lines &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            text = read_file(out_);
        }
        return text;
    }
    std::string errors() const { return read_file(err_); }
    /// Sends signal and waits (at most 10 s) for the exit: its code, or 128 + the signal that ended it.
    int stop(int signal) {
        ::kill(pid_, signal);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        int status = 0;
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) return -1;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    void wait() {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
    }

    azcore::test::TempDir dir_;
    std::string out_ = dir_.file("stdout"), err_ = dir_.file("stderr");
    pid_t pid_ = -1;
};

std::string first_line_url(const std::string& output) {
    const std::string prefix = "azcore test service: ";
    if (!output.starts_with(prefix)) return "";
    return output.substr(prefix.size(), output.find('\n') - prefix.size());
}

TEST(AzrestDemoServe, PrintsAUrlThatAnswersAndSigtermEndsItWithExitZero) {
    ServedDemo served({"demo", "--serve"});
    const std::string output = served.output(9);
    const std::string url = first_line_url(output);
    ASSERT_TRUE(url.starts_with("http://127.0.0.1:")) << output << served.errors();
    EXPECT_NE(output.find("\n  azrest GET \"" + url + "/echo?greeting=hello\"\n"), std::string::npos) << output;
    EXPECT_NE(output.find("\n  azrest PUT " + url + "/lro/resources/mine --wait\n"), std::string::npos) << output;

    azcore::PipelineClient client(url);
    auto response = client.send_request(azcore::rest::HttpRequest("GET", "/paged/items", {.params = {{"count", "2"}}}));
    EXPECT_EQ(response->status_code(), 200);
    EXPECT_EQ(response->json(), boost::json::parse(R"({"value":[{"id":1,"name":"item-1"},{"id":2,"name":"item-2"}]})"));

    EXPECT_EQ(served.stop(SIGTERM), 0) << served.errors();
    EXPECT_TRUE(served.output(10).ends_with("\nazcore test service stopped (SIGTERM)\n")) << served.output(10);
}

TEST(AzrestDemoServe, ListensOnTheGivenPortAndSigintEndsItWithExitZero) {
    // A free port: ask the OS through a served demo, stop it, and serve again on that port.
    std::string url;
    {
        ServedDemo first({"demo", "--serve"});
        url = first_line_url(first.output(1));
        ASSERT_EQ(first.stop(SIGTERM), 0);
    }
    const std::string port = url.substr(url.rfind(':') + 1);
    ServedDemo served({"demo", "--serve", "--port", port});
    EXPECT_EQ(first_line_url(served.output(1)), url) << served.errors();
    EXPECT_EQ(served.stop(SIGINT), 0);
    EXPECT_TRUE(served.output(10).ends_with("\nazcore test service stopped (SIGINT)\n"));
}

TEST(AzrestDemoServe, APortInUseIsAClearErrorAndExitOne) {
    ServedDemo first({"demo", "--serve"});
    const std::string url = first_line_url(first.output(1));
    const std::string port = url.substr(url.rfind(':') + 1);
    const auto result = azrest::test::run_azrest({"demo", "--serve", "--port", port});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.err.starts_with("azrest demo --serve: ")) << result.err;
    EXPECT_EQ(result.out, "");
}

}  // namespace
