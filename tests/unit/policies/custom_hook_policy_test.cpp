#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/custom_hook_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

namespace azcore::policies {
namespace {

using options::Kwargs;
using pipeline::PipelineRequest;
using pipeline::PipelineResponse;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

class CustomHookPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    // Retry → hooks → a transport that answers 503, 503, 200.
    std::shared_ptr<MockTransport> run(CustomHookPolicyOptions hooks, Kwargs options = {}) {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{
            MockResponse{.status_code = 503}, MockResponse{.status_code = 503}, MockResponse{.status_code = 200}});
        pipeline::Pipeline pipeline(transport, {std::make_shared<RetryPolicy>(), std::make_shared<CustomHookPolicy>(std::move(hooks))});
        test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/"), std::move(options));
        return transport;
    }
    std::vector<std::string> journal;
};

TEST_P(CustomHookPolicyTest, CallsTheClientsHooksOnEveryTry) {
    auto transport = run({.raw_request_hook = [&](PipelineRequest& request) {
                              journal.push_back("request " + request.http_request->url);
                              request.http_request->headers.set("X-Hooked", std::to_string(journal.size()));
                          },
                          .raw_response_hook = [&](PipelineResponse& response) {
                              journal.push_back("response " + std::to_string(response.http_response->status_code()));
                          }});
    EXPECT_EQ(journal, (std::vector<std::string>{"request https://a.example/", "response 503", "request https://a.example/",
                                                 "response 503", "request https://a.example/", "response 200"}));
    auto sent = transport->requests();
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[0].headers.get("X-Hooked"), "1");
    EXPECT_EQ(sent[2].headers.get("X-Hooked"), "5");
}

TEST_P(CustomHookPolicyTest, PerCallHooksReplaceTheClientsAsInPython) {
    CustomHookPolicyOptions client{.raw_request_hook = [&](PipelineRequest&) { journal.push_back("client request"); },
                                   .raw_response_hook = [&](PipelineResponse&) { journal.push_back("client response"); }};
    Kwargs options{{"raw_request_hook", RawRequestHook([&](PipelineRequest&) { journal.push_back("call request"); })},
                   {"raw_response_hook", RawResponseHook([&](PipelineResponse&) { journal.push_back("call response"); })}};
    run(client, std::move(options));
    // The per-call request hook is taken on the first try; later tries fall back to the client's.
    EXPECT_EQ(journal, (std::vector<std::string>{"call request", "call response", "client request", "call response",
                                                 "client request", "call response"}));
}

TEST_P(CustomHookPolicyTest, PerCallHooksWorkWithoutClientHooks) {
    Kwargs options{{"raw_response_hook", RawResponseHook([&](PipelineResponse& response) {
                        journal.push_back(std::to_string(response.http_response->status_code()));
                    })}};
    run({}, std::move(options));
    EXPECT_EQ(journal, (std::vector<std::string>{"503", "503", "200"}));
}

TEST(CustomHookPolicyOptionsTest, TakesBothHookOptions) {
    CustomHookPolicy policy;
    ASSERT_EQ(policy.option_names().size(), 2u);
    EXPECT_EQ(policy.option_names()[0], "raw_request_hook");
    EXPECT_EQ(policy.option_names()[1], "raw_response_hook");
}

INSTANTIATE_TEST_SUITE_P(BothModes, CustomHookPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
