// A pooled curl handle keeps its options from one GET without a body to the next when their
// connection settings match, and is reset before any other request (CurlExchange::keeps): in both
// faces, nothing a request sets reaches the next request on the same handle.
#include <azcore/configuration.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/testserver/test_server.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace azcore {
namespace {

using rest::HttpRequest;
using test::RunMode;
using testserver::TestServer;

class HandleReuseTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(HandleReuseTest, WhatARequestSetsNeverReachesTheNextOneOnTheSameHandle) {
    TestServer server;
    test::DualClient client(server.base_url(), GetParam(), transport::ConnectionConfiguration{.use_env_settings = false},
                            test::DualClientSetup{.config = Configuration{}});
    const auto via_proxy = SendRequestOptions{
        .kwargs = {{"proxies", std::map<std::string, std::string>{{"http", server.base_url()}}}}};
    client.send(HttpRequest("GET", "/echo?n=1"));
    client.send(HttpRequest("GET", "/echo?n=2"), via_proxy);  // a per-call proxy: another key
    client.send(HttpRequest("GET", "/echo?n=3"));              // direct again
    client.send(HttpRequest("POST", "/echo?n=4", {.content = std::string("abc")}));
    client.send(HttpRequest("GET", "/echo?n=5"));  // no body, no Content-Length left from the POST
    client.send(HttpRequest("HEAD", "/echo?n=6"));
    client.send(HttpRequest("GET", "/echo?n=7"));  // a body again after HEAD
    client.send(HttpRequest("DELETE", "/echo?n=8"));
    client.send(HttpRequest("GET", "/echo?n=9"));

    const std::vector<testserver::RecordedRequest> seen = server.requests();
    ASSERT_EQ(seen.size(), 9u);
    const std::vector<std::string> methods = {"GET", "GET", "GET", "POST", "GET", "HEAD", "GET", "DELETE", "GET"};
    for (std::size_t i = 0; i < seen.size(); ++i) {
        SCOPED_TRACE(i + 1);
        EXPECT_EQ(seen[i].method, methods[i]);
        const std::string path = "/echo?n=" + std::to_string(i + 1);
        EXPECT_EQ(seen[i].target, i == 1 ? server.base_url() + path : path);  // absolute form only through the proxy
        EXPECT_EQ(seen[i].body, i == 3 ? "abc" : "");
        bool has_length = false;
        for (const auto& [name, value] : seen[i].headers)
            if (name == "Content-Length" || name == "content-length") has_length = value != "0";
        EXPECT_EQ(has_length, i == 3);
    }
}

INSTANTIATE_TEST_SUITE_P(BothModes, HandleReuseTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore
