#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/proxy_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <map>

namespace azcore::policies {
namespace {

using options::Kwargs;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using Proxies = std::map<std::string, std::string>;

// Records the `proxies` option that reaches the end of the pipeline.
class ProxiesRecorder : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest& request) const override {
        *seen = request.context->options.get<Proxies>("proxies");
    }
    std::shared_ptr<std::optional<Proxies>> seen = std::make_shared<std::optional<Proxies>>();
};

class ProxyPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    std::optional<Proxies> proxies_seen(Proxies configured, Kwargs options = {}) {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
        auto recorder = std::make_shared<ProxiesRecorder>();
        pipeline::Pipeline pipeline(transport, {std::make_shared<ProxyPolicy>(std::move(configured)), recorder});
        test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/"), std::move(options));
        last_options = transport->options_seen().at(0);
        return *recorder->seen;
    }
    std::vector<std::string> last_options;
};

TEST_P(ProxyPolicyTest, HandsItsProxiesToTheTransport) {
    Proxies configured{{"https", "http://proxy.example:3128"}, {"http://a.example", "http://other:8080"}};
    EXPECT_EQ(proxies_seen(configured), configured);
    EXPECT_EQ(last_options, (std::vector<std::string>{"proxies"}));
}

TEST_P(ProxyPolicyTest, PerCallProxiesWin) {
    Proxies per_call{{"https", "http://per-call:1"}};
    EXPECT_EQ(proxies_seen({{"https", "http://proxy.example:3128"}}, Kwargs{{"proxies", per_call}}), per_call);
}

TEST_P(ProxyPolicyTest, NoProxiesSetsNothing) {
    EXPECT_EQ(proxies_seen({}), std::nullopt);
    EXPECT_TRUE(last_options.empty());
}

INSTANTIATE_TEST_SUITE_P(BothModes, ProxyPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
