// The real peers of the integration tests start, answer, and are scored as later tests rely on:
// Spector (the Azure SDK scenario server), Azurite (the Azure Storage emulator) and the
// OpenTelemetry JS peers (an instrumented HTTP server, an OTLP receiver), all npm packages
// installed in tests/peers by scripts/setup.sh, reached only on loopback.
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/azurite_server.hpp"
#include "support/otel_peers.hpp"
#include "support/spector_server.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <string>

namespace azcore::test {
namespace {

using rest::HttpRequest;

void report_footprint(const char* name, std::chrono::milliseconds startup_time, std::size_t rss_bytes) {
    ::testing::Test::RecordProperty("startup_ms", std::to_string(startup_time.count()));
    ::testing::Test::RecordProperty("rss_mib", std::to_string(rss_bytes >> 20));
    std::cout << "[ peer     ] " << name << " answered after " << startup_time.count() << " ms, RSS "
              << (rss_bytes >> 20) << " MiB\n";
}

constexpr const char* azure_core_basic_api_version = "2022-12-01-preview";

// ------------------------------------------------------------------------------------------
// Spector

TEST(SpectorServerTest, StartsOnAFreePortAndAnswersOnLocalhost) {
    if (auto why = SpectorServer::missing()) GTEST_SKIP() << *why;
    auto& spector = SpectorServer::shared();
    report_footprint("Spector", spector.startup_time(), spector.rss_bytes());
    EXPECT_EQ(spector.base_url(), "http://localhost:" + std::to_string(spector.port()));

    PipelineClient client(spector.base_url());
    auto response = client.send_request(HttpRequest("GET", "/"));
    EXPECT_EQ(response->status_code(), 404);  // any answer: no scenario lives at "/"
}

TEST(SpectorServerTest, CoverageListsTheHttpAndAzureSpecPackages) {
    if (auto why = SpectorServer::missing()) GTEST_SKIP() << *why;
    auto coverage = SpectorServer::shared().coverage();

    ASSERT_TRUE(coverage.is_array());
    std::set<std::string> packages;
    for (const auto& package : coverage.as_array()) {
        const auto& object = package.as_object();
        std::string name(object.at("scenariosMetadata").at("packageName").as_string());
        packages.insert(name);
        const auto& results = object.at("results").as_object();
        // ≈770 and ≈185 scenarios; each is "pass", "fail" or "not-implemented".
        EXPECT_GT(results.size(), name == "@typespec/http-specs" ? 700u : 150u) << name;
        for (const auto& [scenario, result] : results) {
            const std::string value(result.as_string());
            EXPECT_TRUE(value == "pass" || value == "fail" || value == "not-implemented") << scenario << ": " << value;
        }
    }
    EXPECT_EQ(packages, (std::set<std::string>{"@typespec/http-specs", "@azure-tools/azure-http-specs"}));
}

// Azure_Core_Basic_get: GET /azure/core/basic/users/1?api-version=2022-12-01-preview.
TEST(SpectorServerTest, AnExactRequestPassesItsScenario) {
    if (auto why = SpectorServer::missing()) GTEST_SKIP() << *why;
    auto& spector = SpectorServer::shared();
    PipelineClient client(spector.base_url());

    auto response = client.send_request(
        HttpRequest("GET", "/azure/core/basic/users/1", {.params = {{"api-version", azure_core_basic_api_version}}}));

    ASSERT_EQ(response->status_code(), 200) << response->text();
    auto user = response->json();
    EXPECT_EQ(user.at("id").as_int64(), 1);
    EXPECT_EQ(user.at("name").as_string(), "Madge");
    EXPECT_EQ(spector.scenario_result("Azure_Core_Basic_get"), "pass");
}

// Azure_Core_Basic_createOrReplace: PUT /azure/core/basic/users/1 with the JSON body {"name": "Madge"}.
TEST(SpectorServerTest, AJsonBodyIsComparedAndPassesItsScenario) {
    if (auto why = SpectorServer::missing()) GTEST_SKIP() << *why;
    auto& spector = SpectorServer::shared();
    PipelineClient client(spector.base_url());

    auto response = client.send_request(
        HttpRequest("PUT", "/azure/core/basic/users/1",
                    {.params = {{"api-version", azure_core_basic_api_version}}, .json = boost::json::object{{"name", "Madge"}}}));

    ASSERT_EQ(response->status_code(), 200) << response->text();
    EXPECT_EQ(response->json().at("etag").as_string(), "11bdc430-65e8-45ad-81d9-8ffa60d55b59");
    EXPECT_EQ(spector.scenario_result("Azure_Core_Basic_createOrReplace"), "pass");
}

// Azure_Core_Basic_delete expects ?api-version=...: without it Spector answers 400 with what it
// expected, and the scenario is not scored.
TEST(SpectorServerTest, ARequestThatDiffersFromItsScenarioGets400AndIsNotScored) {
    if (auto why = SpectorServer::missing()) GTEST_SKIP() << *why;
    auto& spector = SpectorServer::shared();
    PipelineClient client(spector.base_url());

    auto response = client.send_request(HttpRequest("DELETE", "/azure/core/basic/users/1"));

    ASSERT_EQ(response->status_code(), 400) << response->text();
    auto body = response->json();
    EXPECT_TRUE(body.as_object().contains("message")) << body;
    EXPECT_THROW(response->raise_for_status(), exceptions::HttpResponseError);
    EXPECT_EQ(spector.scenario_result("Azure_Core_Basic_delete"), "not-implemented");
    EXPECT_EQ(spector.scenario_result("No_Such_Scenario"), "");
}

// ------------------------------------------------------------------------------------------
// Azurite

void expect_authorization_failure(const rest::HttpResponse& response) {
    EXPECT_EQ(response.status_code(), 403);
    EXPECT_EQ(response.headers().get("x-ms-error-code"), "AuthorizationFailure");
    EXPECT_TRUE(response.headers().contains("x-ms-request-id"));
    EXPECT_EQ(response.content_type().value_or("").rfind("application/xml", 0), 0u);
    const auto body = response.text();
    EXPECT_NE(body.find("<Error>"), std::string::npos) << body;
    EXPECT_NE(body.find("<Code>AuthorizationFailure</Code>"), std::string::npos) << body;
    EXPECT_NE(body.find("<Message>"), std::string::npos) << body;
}

TEST(AzuriteServerTest, UnauthenticatedListContainersIs403WithTheErrorCodeHeaderAndAnXmlBody) {
    if (auto why = AzuriteServer::missing()) GTEST_SKIP() << *why;
    auto& azurite = AzuriteServer::shared();
    report_footprint("Azurite", azurite.startup_time(), azurite.rss_bytes());
    EXPECT_EQ(azurite.account_url(), "http://127.0.0.1:" + std::to_string(azurite.port()) + "/devstoreaccount1");
    PipelineClient client(azurite.account_url());

    auto response = client.send_request(HttpRequest("GET", azurite.account_url(), {.params = {{"comp", "list"}}}));

    expect_authorization_failure(*response);
    try {
        response->raise_for_status();
        ADD_FAILURE() << "raise_for_status() did not throw";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 403);
        EXPECT_EQ(error.response().get(), response.get());
    }
}

TEST(AzuriteServerTest, HttpsServerIsReachedThroughItsOwnCertificate) {
    if (auto why = AzuriteServer::missing()) GTEST_SKIP() << *why;
    AzuriteServer azurite({.https = true});
    report_footprint("Azurite (https)", azurite.startup_time(), azurite.rss_bytes());
    ASSERT_EQ(azurite.base_url().rfind("https://127.0.0.1:", 0), 0u);
    PipelineClient client(azurite.account_url(),
                          {.transport = std::make_shared<transport::CurlTransport>(
                               transport::ConnectionConfiguration{.connection_verify = azurite.cert_file()})});

    auto response = client.send_request(HttpRequest("GET", azurite.account_url(), {.params = {{"comp", "list"}}}));

    expect_authorization_failure(*response);
}

// ------------------------------------------------------------------------------------------
// OpenTelemetry JS

TEST(OtelPeersTest, TheInstrumentedServerAnswersAndRecordsItsServerSpans) {
    if (auto why = otel_peers_missing()) GTEST_SKIP() << *why;
    auto& server = OtelInstrumentedServer::shared();
    report_footprint("OpenTelemetry-instrumented server", server.startup_time(), server.rss_bytes());
    PipelineClient client(server.base_url());

    auto response = client.send_request(HttpRequest("GET", "/smoke"));

    ASSERT_EQ(response->status_code(), 200) << response->text();
    EXPECT_EQ(response->json(), boost::json::parse(
        R"({"method":"GET","path":"/smoke","status":200,"traceparent":null,"tracestate":null})"));
    const auto spans = server.spans_of_path("/smoke", 1);
    ASSERT_EQ(spans.size(), 1u) << spans;
    EXPECT_EQ(spans[0].at("kind"), "SERVER");
    EXPECT_EQ(spans[0].at("parentSpanId"), nullptr);
}

TEST(OtelPeersTest, TheOtlpReceiverAnswersAndCountsNothingYet) {
    if (auto why = otel_peers_missing()) GTEST_SKIP() << *why;
    auto& receiver = OtlpReceiver::shared();
    report_footprint("OTLP receiver", receiver.startup_time(), receiver.rss_bytes());
    EXPECT_EQ(receiver.traces_url(), "http://127.0.0.1:" + std::to_string(receiver.port()) + "/v1/traces");
    PipelineClient client(receiver.base_url());

    auto response = client.send_request(HttpRequest("GET", "/v1/traces"));

    EXPECT_EQ(response->status_code(), 405);
    EXPECT_TRUE(receiver.received().empty());
    EXPECT_EQ(receiver.stats(), boost::json::parse(R"({"requests":0,"accepted":0,"rejected":0,"refused":0,"spans":0})"));
}

}  // namespace
}  // namespace azcore::test
