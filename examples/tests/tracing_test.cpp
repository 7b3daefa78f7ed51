// examples/tracing: the spans its calls made, as the OTLP receiver peer decoded them.
#include "example_process.hpp"

#include "support/otel_peers.hpp"

#include <azcore/testserver/test_server.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace azcore::examples::test {
namespace {

namespace json = boost::json;

std::string text(const json::value& value) { return std::string(value.as_string()); }

/// The attribute's value as the receiver renders it ({"intValue": "503"} → "503"), or "".
std::string attribute(const json::value& span, const char* key) {
    const json::value* value = span.at("attributes").as_object().if_contains(key);
    if (!value) return "";
    const json::object& any = value->as_object();
    return any.contains("intValue") ? text(any.at("intValue")) : json::serialize(*value);
}

TEST(Tracing, TheCollectorGetsTheMethodSpansWithTheirHttpSpansUnderThemTheRetryIncluded) {
    if (auto why = azcore::test::otel_peers_missing()) GTEST_SKIP() << *why;
    azcore::test::OtlpReceiver receiver;
    testserver::TestServer service;

    const auto run = run_example(AZCORE_EXAMPLE_TRACING, {service.base_url(), receiver.traces_url()});

    EXPECT_EQ(run.exit_code, 0) << run.err;
    const std::vector<std::string> lines = lines_of(run.out);
    ASSERT_GE(lines.size(), 2u) << run.out;
    EXPECT_EQ(lines[0], "ThingsClient.get_thing: 200");
    EXPECT_EQ(lines[1], "AsyncThingsClient.put_thing: 200");
    EXPECT_EQ(lines.back(), "exported 5 spans to " + receiver.traces_url() + ", 0 failed, 0 dropped");

    // Each span as "name under parent" (the receiver lists them grouped by instrumentation scope).
    const json::array spans = receiver.received();
    std::map<std::string, const json::value*> by_id;
    for (const json::value& span : spans) by_id[text(span.at("spanId"))] = &span;
    std::vector<std::string> tree;
    for (const json::value& span : spans) {
        const auto parent = by_id.find(text(span.at("parentSpanId")));
        tree.push_back(text(span.at("name")) + " under " + (parent == by_id.end() ? "(root)" : text(parent->second->at("name"))));
        // Every span is in its parent's trace.
        if (parent != by_id.end()) {
            EXPECT_EQ(span.at("traceId"), parent->second->at("traceId")) << tree.back();
        }
    }
    std::sort(tree.begin(), tree.end());
    EXPECT_EQ(tree, (std::vector<std::string>{"AsyncThingsClient.put_thing under (root)", "GET under ThingsClient.get_thing",
                                              "GET under ThingsClient.get_thing", "PUT under AsyncThingsClient.put_thing",
                                              "ThingsClient.get_thing under (root)"}))
        << receiver.log_tail();
    // The two tries of get_thing: the 503, then its retry.
    std::vector<std::string> tries;
    for (const json::value& span : spans)
        if (text(span.at("name")) == "GET")
            tries.push_back(attribute(span, "http.response.status_code") + " resend " + attribute(span, "http.request.resend_count"));
    EXPECT_EQ(tries, (std::vector<std::string>{"503 resend ", "200 resend 1"}));
    for (const json::value& span : spans) {
        const bool method = text(span.at("name")).find("ThingsClient.") != std::string::npos;
        EXPECT_EQ(text(span.at("scope").at("name")), method ? "contoso-things" : "azcore") << span;
        EXPECT_EQ(text(span.at("resource").at("attributes").at("service.name").at("stringValue")), "tracing-example");
    }
}

TEST(Tracing, ACollectorThatIsNotThereIsReportedAndExitCode1) {
    testserver::TestServer service;

    const auto run = run_example(AZCORE_EXAMPLE_TRACING, {service.base_url(), "http://127.0.0.1:1/v1/traces"});

    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(lines_of(run.out).back(), "exported 0 spans to http://127.0.0.1:1/v1/traces, 5 failed, 0 dropped");
    EXPECT_NE(run.err.find("tracing: the collector did not get the five spans"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace azcore::examples::test
