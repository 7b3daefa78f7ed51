// examples/fanout against the azcore-testserver binary.
#include "example_process.hpp"

#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

namespace azcore::examples::test {
namespace {

using namespace std::chrono_literals;

/// azcore-testserver on a free loopback port, until the test ends.
class TestServerProcess {
public:
    TestServerProcess()
        : port_(azcore::test::free_loopback_port()),
          process_({AZCORE_TESTSERVER_BINARY, "--port", std::to_string(port_), "--threads", "2"}, ".", logs_.file("testserver.log")) {
        for (int i = 0; i < 200 && !azcore::test::answers_http(port_); ++i) std::this_thread::sleep_for(50ms);
    }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    azcore::test::TempDir logs_;
    std::uint16_t port_;
    azcore::test::PeerProcess process_;
};

TEST(Fanout, TenThousandRequestsFromOneThreadAllSucceedOnTheConnectionsAllowed) {
    TestServerProcess service;

    const auto run = run_example(AZCORE_EXAMPLE_FANOUT, {service.base_url(), "--connections", "32", "--deadline", "240"});

    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    const std::vector<std::string> lines = lines_of(run.out);
    ASSERT_EQ(lines.size(), 4u) << run.out;
    EXPECT_EQ(lines[0], "fanout: 10000 requests on one thread, all started at once, at most 32 connections");
    EXPECT_EQ(lines[1], "fanout: 10000 succeeded, 0 failed, 0 timed out");
    EXPECT_TRUE(std::regex_match(lines[2], std::regex(R"(fanout: [0-9.e+-]+ s, [0-9]+ requests/s)"))) << lines[2];
    std::smatch opened;
    ASSERT_TRUE(std::regex_match(lines[3], opened, std::regex(R"(fanout: ([0-9]+) connections opened)"))) << lines[3];
    EXPECT_GE(std::stoi(opened[1]), 1);
    EXPECT_LE(std::stoi(opened[1]), 32);
}

TEST(Fanout, RequestsThatCannotFinishByTheDeadlineAreCountedAndExitCode1) {
    TestServerProcess service;

    const auto run = run_example(AZCORE_EXAMPLE_FANOUT, {service.base_url(), "--path", "/delay/5000", "--requests", "3", "--deadline", "0.5"});

    EXPECT_EQ(run.exit_code, 1);
    const std::vector<std::string> lines = lines_of(run.out);
    ASSERT_EQ(lines.size(), 4u) << run.out;
    EXPECT_EQ(lines[1], "fanout: 0 succeeded, 0 failed, 3 timed out");
}

TEST(Fanout, AMissingEndpointIsAUsageError) {
    const auto run = run_example(AZCORE_EXAMPLE_FANOUT, {});

    EXPECT_EQ(run.exit_code, 106);  // CLI11's RequiredError
    EXPECT_NE(run.err.find("ENDPOINT is required"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace azcore::examples::test
