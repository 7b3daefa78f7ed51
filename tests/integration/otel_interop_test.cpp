// azcore's traces continue in a real OpenTelemetry service: a Node HTTP server instrumented by
// @opentelemetry/instrumentation-http (tests/peers/otel/instrumented_server.js) reads the W3C
// traceparent azcore sends, and its SERVER span is the child of azcore's HTTP try span, in both
// faces, with the standard policies inside a client method's span (distributed_trace).
#include <azcore/configuration.hpp>
#include <azcore/tracing/decorator.hpp>

#include "support/dual_client.hpp"
#include "support/otel_peers.hpp"
#include "support/run_mode.hpp"
#include "support/tracing_on.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using tracing::SpanKind;
using tracing::sdk::SpanData;

std::string str(const boost::json::value& value) { return std::string(value.as_string()); }

class OtelInteropTest : public ::testing::TestWithParam<RunMode> {
protected:
    void SetUp() override {
        if (auto why = otel_peers_missing()) GTEST_SKIP() << *why;
        server_ = &OtelInstrumentedServer::shared();
        client_ = std::make_unique<DualClient>(server_->base_url(), GetParam(), transport::ConnectionConfiguration{},
                                               DualClientSetup{.config = default_configuration()});
    }

    /// A path of this test and face only: the server is shared by the tests of the binary.
    std::string unique(const std::string& prefix) const {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->name());
        for (char& c : name) if (c == '/') c = '-';
        return prefix + name;
    }

    /// The call inside a client method's span, as a generated client makes it.
    Result call(const std::string& path) {
        options::Kwargs kwargs;
        return tracing::distributed_trace({.name_of_span = "OtelPeerClient.get"}, kwargs, [&](options::Kwargs& call) {
            return client_->send(HttpRequest("GET", path), {.kwargs = call});
        });
    }

    /// The server span is the remote child of try, with the server's view of the request.
    void expect_child_of(const boost::json::value& server_span, const SpanData& try_span, const std::string& path, int status) {
        const auto& span = server_span.as_object();
        EXPECT_EQ(str(span.at("traceId")), try_span.context.trace_id.to_hex());
        EXPECT_EQ(str(span.at("parentSpanId")), try_span.context.span_id.to_hex());
        EXPECT_EQ(span.at("parentIsRemote"), true);
        EXPECT_NE(str(span.at("spanId")), try_span.context.span_id.to_hex());
        EXPECT_EQ(str(span.at("kind")), "SERVER");
        EXPECT_EQ(str(span.at("name")), "GET");
        const auto& attributes = span.at("attributes").as_object();
        EXPECT_EQ(attributes.at("url.path"), boost::json::value(path));
        EXPECT_EQ(attributes.at("http.request.method"), "GET");
        EXPECT_EQ(attributes.at("http.response.status_code"), status);
        EXPECT_EQ(attributes.at("server.port"), server_->port());
    }

    TracingOn tracing_;
    OtelInstrumentedServer* server_ = nullptr;
    std::unique_ptr<DualClient> client_;
};

TEST_P(OtelInteropTest, TheServerSpanIsTheChildOfTheTrySpanInTheSameTrace) {
    const std::string path = unique("/items/");
    Result result = call(path);
    ASSERT_EQ(result.status_code, 200) << result.body;

    const std::vector<SpanData> spans = tracing_.spans();
    ASSERT_EQ(spans.size(), 2u);  // the try, then the method
    const SpanData& try_span = spans[0];
    EXPECT_EQ(try_span.kind, SpanKind::CLIENT);
    EXPECT_EQ(spans[1].name, "OtelPeerClient.get");
    EXPECT_EQ(try_span.parent, spans[1].context);
    EXPECT_EQ(boost::json::parse(result.body).at("traceparent"),
              boost::json::value("00-" + try_span.context.trace_id.to_hex() + "-" + try_span.context.span_id.to_hex() + "-01"));

    const boost::json::array server_spans = server_->spans_of_trace(try_span.context.trace_id.to_hex(), 1);
    ASSERT_EQ(server_spans.size(), 1u) << server_spans;
    expect_child_of(server_spans[0], try_span, path, 200);
    EXPECT_EQ(server_spans[0].at("status").at("code"), "UNSET");
}

TEST_P(OtelInteropTest, WithARetryEachServerSpanIsTheChildOfItsOwnTry) {
    const std::string path = unique("/flaky/");
    Result result = call(path + "?fail=1&status=503");
    ASSERT_EQ(result.status_code, 200) << result.body;

    const std::vector<SpanData> spans = tracing_.spans();
    ASSERT_EQ(spans.size(), 3u);  // two tries, then the method
    const boost::json::array server_spans = server_->spans_of_trace(spans[2].context.trace_id.to_hex(), 2);
    ASSERT_EQ(server_spans.size(), 2u) << server_spans;
    for (std::size_t attempt = 0; attempt < 2; ++attempt) {
        SCOPED_TRACE("try " + std::to_string(attempt));
        EXPECT_EQ(spans[attempt].parent, spans[2].context);
        expect_child_of(server_spans[attempt], spans[attempt], path, attempt == 0 ? 503 : 200);
    }
    EXPECT_NE(spans[0].context.span_id, spans[1].context.span_id);
    EXPECT_EQ(server_spans[0].at("status").at("code"), "ERROR");  // a 5xx is a server span error
    EXPECT_EQ(server_spans[1].at("status").at("code"), "UNSET");
}

TEST_P(OtelInteropTest, WithTracingOffNoTraceparentIsSentAndTheServerSpanIsARoot) {
    settings.tracing_enabled.set_value(false);
    const std::string path = unique("/untraced/");
    Result result = call(path);
    ASSERT_EQ(result.status_code, 200) << result.body;

    EXPECT_TRUE(tracing_.spans().empty());
    EXPECT_EQ(boost::json::parse(result.body).at("traceparent"), nullptr);
    const boost::json::array server_spans = server_->spans_of_path(path, 1);
    ASSERT_EQ(server_spans.size(), 1u) << server_spans;
    EXPECT_EQ(server_spans[0].at("parentSpanId"), nullptr);
    EXPECT_EQ(server_spans[0].at("parentIsRemote"), nullptr);
    EXPECT_EQ(str(server_spans[0].at("traceId")).size(), 32u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, OtelInteropTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::test
