// The per-call option keys: the names callers pass are the ones the policies and transports take,
// a key reads what a caller passed by name, and `stream`'s two defaults are what they were.
#include <azcore/options/keys.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/content_decode_policy.hpp>
#include <azcore/policies/custom_hook_policy.hpp>
#include <azcore/policies/headers_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/network_trace_logging_policy.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/request_id_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/policies/user_agent_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace azcore::options {
namespace {

using pipeline::PipelineResponse;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

std::vector<std::string> names(std::span<const std::string_view> taken) { return {taken.begin(), taken.end()}; }

using Names = std::vector<std::string>;

TEST(OptionKeysTest, ThePoliciesAndTransportsTakeTheNamesCallersPass) {
    EXPECT_EQ(names(policies::RetryPolicy().option_names()),
              (Names{"retry_total", "retry_connect", "retry_read", "retry_status", "retry_backoff_factor", "retry_backoff_max",
                     "retry_on_methods", "timeout"}));
    EXPECT_EQ(names(policies::RedirectPolicy().option_names()), (Names{"permit_redirects", "redirect_max"}));
    EXPECT_EQ(names(policies::HeadersPolicy().option_names()), (Names{"headers"}));
    EXPECT_EQ(names(policies::RequestIdPolicy().option_names()), (Names{"request_id"}));
    EXPECT_EQ(names(policies::UserAgentPolicy().option_names()), (Names{"user_agent", "user_agent_overwrite"}));
    EXPECT_EQ(names(policies::CustomHookPolicy().option_names()), (Names{"raw_request_hook", "raw_response_hook"}));
    EXPECT_EQ(names(policies::ContentDecodePolicy().option_names()), (Names{"response_encoding"}));
    EXPECT_EQ(names(policies::NetworkTraceLoggingPolicy().option_names()), (Names{"logging_enable"}));
    EXPECT_EQ(names(policies::HttpLoggingPolicy().option_names()), (Names{"logger", "http_logging_level"}));
    EXPECT_EQ(names(transport::standard_transport_options()),
              (Names{"connection_cert", "connection_timeout", "connection_verify", "deadline", "max_decoded_size", "proxies",
                     "read_timeout", "stream"}));
    EXPECT_EQ(names(MockTransport(std::vector<MockTransport::Outcome>{}).option_names()),
              names(transport::standard_transport_options()));
}

TEST(OptionKeysTest, FixedDefaultsAreTheOnesThePoliciesUse) {
    EXPECT_EQ(stream.name(), "stream");
    EXPECT_FALSE(stream.get(Kwargs{}));
    EXPECT_EQ(stream_for_content_decode.name(), "stream");
    EXPECT_TRUE(stream_for_content_decode.get(Kwargs{}));
    EXPECT_EQ(insecure_domain_change.name(), "insecure_domain_change");
    EXPECT_FALSE(insecure_domain_change.get(Kwargs{}));
    EXPECT_EQ(enforce_https.name(), "enforce_https");
    EXPECT_TRUE(enforce_https.get(Kwargs{}));
}

TEST(OptionKeysTest, AKeyReadsWhatACallerPassedByName) {
    Kwargs kwargs{{"retry_total", 3},
                  {"timeout", 2},
                  {"stream", true},
                  {"user_agent", "app/1"},
                  {"connection_verify", "/ca.pem"},
                  {"headers", std::map<std::string, std::string>{{"X-A", "a"}}},
                  {"request_id", std::optional<std::string>{}}};
    EXPECT_EQ(retry_total.get(kwargs), 3);
    EXPECT_EQ(timeout.get(kwargs), 2.0);
    EXPECT_TRUE(stream.get(kwargs));
    EXPECT_EQ(user_agent.get(kwargs), "app/1");
    EXPECT_EQ(connection_verify.get(kwargs), (std::variant<bool, std::string>("/ca.pem")));
    EXPECT_EQ(headers.get(kwargs)->get("x-a"), "a");
    EXPECT_EQ(request_id.get(kwargs), std::optional<std::optional<std::string>>(std::in_place, std::nullopt));  // no header
    EXPECT_EQ(retry_connect.get(kwargs), std::nullopt);

    EXPECT_EQ(retry_total.pop(kwargs), 3);
    EXPECT_FALSE(kwargs.contains("retry_total"));
    connection_verify.set(kwargs, false);
    EXPECT_EQ(kwargs.get<bool>("connection_verify"), false);  // stored as the alternative, as a caller would
    request_id.set(kwargs, "id-1");
    EXPECT_EQ(request_id.get(kwargs), std::optional<std::optional<std::string>>("id-1"));
}

TEST(OptionKeysTest, AValueOfAnotherTypeIsRefusedWithTheOptionsName) {
    auto message_of = [](auto action) {
        try {
            action();
        } catch (const std::invalid_argument& error) {
            return std::string(error.what());
        }
        return std::string("no exception");
    };
    EXPECT_EQ(message_of([] { deadline.get(Kwargs{{"deadline", 5.0}}); }),
              "deadline: expected a std::chrono::steady_clock::time_point");
    EXPECT_EQ(message_of([] { connection_verify.get(Kwargs{{"connection_verify", 3}}); }),
              "connection_verify: expected a bool or the path of a CA bundle");
    EXPECT_EQ(message_of([] { stream.get(Kwargs{{"stream", "yes"}}); }), "stream: expected a bool");
    EXPECT_EQ(message_of([] { headers.get(Kwargs{{"headers", "X: y"}}); }),
              "headers: expected a CaseInsensitiveDict or a std::map<std::string, std::string>");
}

// `stream` as the transport and ContentDecodePolicy read it, through a pipeline, in both faces.
class StreamOptionTest : public ::testing::TestWithParam<RunMode> {
protected:
    PipelineResponse run(Kwargs kwargs) {
        MockResponse answer{.status_code = 200, .body = to_bytes(R"({"a": 1})")};
        answer.headers.set("Content-Type", "application/json");
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{std::move(answer)});
        pipeline::Pipeline pipeline(transport, {std::make_shared<policies::ContentDecodePolicy>()});
        return test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/"), std::move(kwargs));
    }
    static bool deserialized(const PipelineResponse& response) {
        return response.context->get<policies::DeserializedData>(policies::ContentDecodePolicy::CONTEXT_NAME) != nullptr;
    }
};

TEST_P(StreamOptionTest, WithoutStreamTheTransportReadsTheBodyButContentDecodePolicyLeavesItAlone) {
    PipelineResponse response = run(Kwargs{});
    EXPECT_TRUE(response.http_response->is_stream_consumed());  // the transport: absent is false
    EXPECT_FALSE(deserialized(response));                        // ContentDecodePolicy: absent is true (Python)
}

TEST_P(StreamOptionTest, StreamFalseIsReadAndDeserialized) {
    PipelineResponse response = run(Kwargs{{"stream", false}});
    EXPECT_TRUE(response.http_response->is_stream_consumed());
    EXPECT_TRUE(deserialized(response));
}

TEST_P(StreamOptionTest, StreamTrueIsNeitherReadNorDeserialized) {
    PipelineResponse response = run(Kwargs{{"stream", true}});
    EXPECT_FALSE(response.http_response->is_stream_consumed());
    EXPECT_FALSE(deserialized(response));
}

INSTANTIATE_TEST_SUITE_P(BothModes, StreamOptionTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

}  // namespace
}  // namespace azcore::options
