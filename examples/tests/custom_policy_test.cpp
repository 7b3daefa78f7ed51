// examples/custom_policy against the test service: what the service received from each client.
#include "example_process.hpp"

#include <azcore/testserver/test_server.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <strings.h>
#include <string>
#include <vector>

namespace azcore::examples::test {
namespace {

/// The value of header in request (names compared without case), or nullopt.
std::optional<std::string> header_of(const testserver::RecordedRequest& request, const std::string& name) {
    for (const auto& [key, value] : request.headers)
        if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
    return std::nullopt;
}

TEST(CustomPolicy, OnePolicyInBothClientsStampsEveryRequestAndCarriesTheSessionTheServiceSent) {
    testserver::TestServer service;

    const auto run = run_example(AZCORE_EXAMPLE_CUSTOM_POLICY, {service.base_url()});

    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(lines_of(run.out),
              (std::vector<std::string>{
                  "sync  GET /status/200: the policy kept x-contoso-session: session-1",
                  "async GET /echo: the service saw x-contoso-client: custom-policy-example, x-contoso-session: session-1",
                  "async GET /status/200: the policy kept x-contoso-session: session-2",
                  "sync  GET /echo: the service saw x-contoso-client: custom-policy-example, x-contoso-session: session-2",
              }));
    // What the service received, request by request: the client's name on each, no session before
    // the service sent one, then the latest one.
    const std::vector<testserver::RecordedRequest> received = service.requests();
    ASSERT_EQ(received.size(), 4u);
    const std::vector<std::string> paths{"/status/200", "/echo", "/status/200", "/echo"};
    const std::vector<std::optional<std::string>> sessions{std::nullopt, "session-1", "session-1", "session-2"};
    for (std::size_t i = 0; i < received.size(); ++i) {
        SCOPED_TRACE("request " + std::to_string(i));
        EXPECT_EQ(received[i].target.substr(0, received[i].target.find('?')), paths[i]);
        EXPECT_EQ(header_of(received[i], "x-contoso-client"), "custom-policy-example");
        EXPECT_EQ(header_of(received[i], "x-contoso-session"), sessions[i]);
    }
}

TEST(CustomPolicy, NoEndpointIsAUsageError) {
    const auto run = run_example(AZCORE_EXAMPLE_CUSTOM_POLICY, {});

    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err, "usage: custom_policy ENDPOINT\n");
}

}  // namespace
}  // namespace azcore::examples::test
