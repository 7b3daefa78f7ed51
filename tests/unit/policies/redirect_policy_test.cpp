#include <azcore/credentials.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/policies/azure_key_credential_policy.hpp>
#include <azcore/policies/azure_sas_credential_policy.hpp>
#include <azcore/policies/custom_hook_policy.hpp>
#include <azcore/policies/redirect_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/policies/sensitive_header_cleanup_policy.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>

namespace azcore::policies {
namespace {

using options::Kwargs;
using pipeline::Pipeline;
using pipeline::PipelineResponse;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using transport::RecordedRequest;

MockResponse redirect_to(int status, std::string location) {
    return MockResponse{.status_code = status, .headers = {{"Location", std::move(location)}}};
}

MockResponse ok(std::string body = "done") { return MockResponse{.status_code = 200, .body = to_bytes(body)}; }

// Answers by URL; a URL it does not know gets 200.
std::shared_ptr<MockTransport> routes(std::map<std::string, MockResponse> table) {
    return std::make_shared<MockTransport>([table = std::move(table)](const RecordedRequest& request) -> MockTransport::Outcome {
        auto it = table.find(request.url);
        if (it != table.end()) return it->second;
        return ok();
    });
}

std::vector<std::string> urls(const MockTransport& transport) {
    std::vector<std::string> result;
    for (const auto& request : transport.requests()) result.push_back(request.url);
    return result;
}

// Adds Authorization on every try, as a credential policy would.
class StaticAuthorizationPolicy : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest& request) const override {
        request.http_request->headers.set("Authorization", "Bearer secret");
        request.http_request->headers.set("x-ms-authorization-auxiliary", "Bearer aux");
    }
};

class RedirectPolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    PipelineResponse run(const std::shared_ptr<MockTransport>& transport, std::vector<std::shared_ptr<pipeline::HTTPPolicy>> policies,
                         HttpRequest request, Kwargs options = {}) {
        Pipeline pipeline(transport, std::move(policies));
        return test::run_pipeline(pipeline, GetParam(), std::move(request), std::move(options));
    }
    PipelineResponse run(const std::shared_ptr<MockTransport>& transport, HttpRequest request, Kwargs options = {},
                         RedirectPolicyOptions redirect = {}) {
        return run(transport, {std::make_shared<RedirectPolicy>(std::move(redirect))}, std::move(request), std::move(options));
    }
};

// Keeps every response that comes back through it.
class ResponseRecorder : public pipeline::SansIOHTTPPolicy {
public:
    void on_response(pipeline::PipelineRequest&, PipelineResponse& response) const override {
        responses->push_back(response.http_response);
    }
    std::shared_ptr<std::vector<std::shared_ptr<rest::HttpResponseBase>>> responses =
        std::make_shared<std::vector<std::shared_ptr<rest::HttpResponseBase>>>();
};

TEST_P(RedirectPolicyTest, FollowsA302ForGetToARelativeLocationAndClosesTheRedirectResponse) {
    auto transport = routes({{"https://a.example/dir/start?q=1", redirect_to(302, "/next?x=1")}});
    auto recorder = std::make_shared<ResponseRecorder>();
    auto response = run(transport, {std::make_shared<RedirectPolicy>(), recorder}, HttpRequest("GET", "https://a.example/dir/start?q=1"),
                        Kwargs{{"stream", true}});

    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(urls(*transport), (std::vector<std::string>{"https://a.example/dir/start?q=1", "https://a.example/next?x=1"}));
    EXPECT_EQ(response.http_request->url, "https://a.example/next?x=1");
    ASSERT_EQ(recorder->responses->size(), 2u);
    EXPECT_EQ((*recorder->responses)[0]->status_code(), 302);
    EXPECT_EQ((*recorder->responses)[0]->request().url, "https://a.example/dir/start?q=1");
    EXPECT_TRUE((*recorder->responses)[0]->is_closed());
    EXPECT_EQ((*recorder->responses)[1]->request().url, "https://a.example/next?x=1");
    EXPECT_FALSE((*recorder->responses)[1]->is_closed());
}

TEST_P(RedirectPolicyTest, ResolvesPathRelativeAndAbsoluteLocations) {
    auto transport = routes({{"https://a.example/dir/start", redirect_to(307, "sibling")},
                             {"https://a.example/dir/sibling", redirect_to(308, "http://b.example:8080/x")},
                             {"http://b.example:8080/x", redirect_to(301, "//c.example/y")}});
    run(transport, HttpRequest("GET", "https://a.example/dir/start"));
    EXPECT_EQ(urls(*transport), (std::vector<std::string>{"https://a.example/dir/start", "https://a.example/dir/sibling",
                                                          "http://b.example:8080/x", "http://c.example/y"}));
}

TEST_P(RedirectPolicyTest, PercentEncodesALocationWithSpaces) {
    auto transport = routes({{"https://a.example/start", redirect_to(302, "/a b")}});
    run(transport, HttpRequest("GET", "https://a.example/start"));
    EXPECT_EQ(urls(*transport), (std::vector<std::string>{"https://a.example/start", "https://a.example/a%20b"}));
}

TEST_P(RedirectPolicyTest, FollowsA301OrA302OnlyForGetAndHead) {
    for (int status : {301, 302}) {
        for (std::string method : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}) {
            auto transport = routes({{"https://a.example/start", redirect_to(status, "/next")}});
            auto response = run(transport, HttpRequest(method, "https://a.example/start"));
            const bool followed = method == "GET" || method == "HEAD";
            EXPECT_EQ(response.http_response->status_code(), followed ? 200 : status) << status << " " << method;
            ASSERT_EQ(transport->requests().size(), followed ? 2u : 1u) << status << " " << method;
            if (followed) {
                EXPECT_EQ(transport->requests()[1].method, method);
            }
        }
    }
}

TEST_P(RedirectPolicyTest, A303TurnsAnyMethodIntoAGetWithoutBodyOrContentHeaders) {
    for (std::string method : {"POST", "PUT", "HEAD"}) {
        auto transport = routes({{"https://a.example/start", redirect_to(303, "/result")}});
        HttpRequest request(method, "https://a.example/start",
                            {.headers = {{"X-Custom", "kept"}}, .json = boost::json::value{{"name", "x"}}});
        run(transport, std::move(request));
        auto sent = transport->requests();
        ASSERT_EQ(sent.size(), 2u);
        EXPECT_EQ(sent[0].method, method);
        EXPECT_EQ(as_string_view(sent[0].body), R"({"name":"x"})");
        EXPECT_EQ(sent[1].method, "GET");
        EXPECT_EQ(sent[1].url, "https://a.example/result");
        EXPECT_TRUE(sent[1].body.empty());
        EXPECT_FALSE(sent[1].headers.contains("Content-Type"));
        EXPECT_FALSE(sent[1].headers.contains("Content-Length"));
        EXPECT_EQ(sent[1].headers.get("X-Custom"), "kept");
    }
}

TEST_P(RedirectPolicyTest, A300A307AndA308KeepTheMethodAndTheBody) {
    for (int status : {300, 307, 308}) {
        auto transport = routes({{"https://a.example/start", redirect_to(status, "/again")}});
        run(transport, HttpRequest("POST", "https://a.example/start", {.content = to_bytes("payload")}));
        auto sent = transport->requests();
        ASSERT_EQ(sent.size(), 2u) << status;
        EXPECT_EQ(sent[1].method, "POST");
        EXPECT_EQ(as_string_view(sent[1].body), "payload");
        EXPECT_EQ(sent[1].headers.get("Content-Length"), "7");
    }
}

TEST_P(RedirectPolicyTest, RewindsASeekableStreamedBodyForA307) {
    auto transport = routes({{"https://a.example/start", redirect_to(307, "/again")}});
    auto stream = std::make_shared<rest::BytesStream>(to_bytes("0123456789"));
    std::uint8_t skip[3];
    ASSERT_EQ(stream->read(skip), 3u);  // the body starts at position 3
    run(transport, HttpRequest("PUT", "https://a.example/start", {.content = std::shared_ptr<rest::BodyStream>(stream)}));
    auto sent = transport->requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(as_string_view(sent[0].body), "3456789");
    EXPECT_EQ(as_string_view(sent[1].body), "3456789");
}

TEST_P(RedirectPolicyTest, DoesNotFollowA307WhenTheStreamedBodyCannotBeSentAgain) {
    auto transport = routes({{"https://a.example/start", redirect_to(307, "/again")}});
    bool produced = false;
    auto stream = std::make_shared<rest::GeneratorStream>([&]() -> std::optional<Bytes> {
        if (produced) return std::nullopt;
        produced = true;
        return to_bytes("once");
    });
    auto response = run(transport, HttpRequest("PUT", "https://a.example/start", {.content = std::shared_ptr<rest::BodyStream>(stream)}));
    EXPECT_EQ(response.http_response->status_code(), 307);
    EXPECT_EQ(transport->requests().size(), 1u);
}

TEST_P(RedirectPolicyTest, FollowsExtraStatusCodesOnlyWhenConfigured) {
    auto transport = routes({{"https://a.example/start", redirect_to(399, "/next")}});
    EXPECT_EQ(run(transport, HttpRequest("GET", "https://a.example/start")).http_response->status_code(), 399);
    EXPECT_EQ(transport->requests().size(), 1u);

    auto configured = routes({{"https://a.example/start", redirect_to(399, "/next")}});
    auto response = run(configured, HttpRequest("GET", "https://a.example/start"), {}, {.redirect_on_status_codes = {399}});
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(urls(*configured), (std::vector<std::string>{"https://a.example/start", "https://a.example/next"}));
}

TEST_P(RedirectPolicyTest, ReturnsARedirectWithoutLocationAsItIs) {
    auto transport = routes({{"https://a.example/start", MockResponse{.status_code = 302}},
                             {"https://a.example/empty", MockResponse{.status_code = 307, .headers = {{"Location", ""}}}}});
    EXPECT_EQ(run(transport, HttpRequest("GET", "https://a.example/start")).http_response->status_code(), 302);
    EXPECT_EQ(run(transport, HttpRequest("GET", "https://a.example/empty")).http_response->status_code(), 307);
    EXPECT_EQ(transport->requests().size(), 2u);
}

TEST_P(RedirectPolicyTest, RaisesTooManyRedirectsErrorAfterRedirectMaxPlusOneRequests) {
    int counter = 0;
    auto transport = std::make_shared<MockTransport>([&](const RecordedRequest&) -> MockTransport::Outcome {
        ++counter;
        return redirect_to(302, "/hop" + std::to_string(counter));
    });
    try {
        run(transport, HttpRequest("GET", "https://a.example/start"), Kwargs{{"stream", true}});
        FAIL() << "no exception";
    } catch (const exceptions::TooManyRedirectsError& error) {
        EXPECT_STREQ(error.what(), "Reached maximum redirect attempts.");
        EXPECT_EQ(error.message(), "Reached maximum redirect attempts.");
        ASSERT_EQ(error.history().size(), 31u);
        EXPECT_EQ(error.history()[0].http_request->url, "https://a.example/start");
        EXPECT_EQ(error.history()[30].http_request->url, "https://a.example/hop30");
        EXPECT_EQ(error.history()[30].http_response->status_code(), 302);
        for (const auto& entry : error.history()) EXPECT_TRUE(entry.http_response->is_closed());
    }
    EXPECT_EQ(transport->requests().size(), 31u);
}

TEST_P(RedirectPolicyTest, RedirectMaxIsAPerCallOption) {
    for (int redirect_max : {0, 2}) {
        auto transport = std::make_shared<MockTransport>(
            [](const RecordedRequest&) -> MockTransport::Outcome { return redirect_to(302, "/again"); });
        try {
            run(transport, HttpRequest("GET", "https://a.example/start"), Kwargs{{"redirect_max", redirect_max}});
            FAIL() << "no exception";
        } catch (const exceptions::TooManyRedirectsError& error) {
            EXPECT_EQ(error.history().size(), static_cast<std::size_t>(redirect_max + 1));
        }
        EXPECT_EQ(transport->requests().size(), static_cast<std::size_t>(redirect_max + 1));
    }
}

TEST_P(RedirectPolicyTest, PermitRedirectsFalseReturnsTheRedirect) {
    auto per_call = routes({{"https://a.example/start", redirect_to(302, "/next")}});
    auto response = run(per_call, HttpRequest("GET", "https://a.example/start"), Kwargs{{"permit_redirects", false}});
    EXPECT_EQ(response.http_response->status_code(), 302);
    EXPECT_EQ(per_call->requests().size(), 1u);

    auto configured = routes({{"https://a.example/start", redirect_to(302, "/next")}});
    EXPECT_EQ(run(configured, {RedirectPolicy::no_redirects()}, HttpRequest("GET", "https://a.example/start")).http_response->status_code(),
              302);
    EXPECT_EQ(configured->requests().size(), 1u);

    auto reenabled = routes({{"https://a.example/start", redirect_to(302, "/next")}});
    EXPECT_EQ(run(reenabled, {RedirectPolicy::no_redirects()}, HttpRequest("GET", "https://a.example/start"),
                  Kwargs{{"permit_redirects", true}})
                  .http_response->status_code(),
              200);
    EXPECT_EQ(reenabled->requests().size(), 2u);
}

TEST_P(RedirectPolicyTest, DropsAuthorizationAndTheConfiguredHeadersOnEveryRedirect) {
    auto transport = routes({{"https://a.example/start", redirect_to(307, "/same-host")}});
    HttpRequest request("GET", "https://a.example/start",
                        {.headers = {{"Authorization", "Bearer t"}, {"X-Secret", "s"}, {"X-Other", "o"}}});
    run(transport, std::move(request), {}, {.redirect_remove_headers = {"x-secret"}});
    auto sent = transport->requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].headers.get("Authorization"), "Bearer t");
    EXPECT_EQ(sent[0].headers.get("X-Secret"), "s");
    EXPECT_FALSE(sent[1].headers.contains("Authorization"));
    EXPECT_FALSE(sent[1].headers.contains("X-Secret"));
    EXPECT_EQ(sent[1].headers.get("X-Other"), "o");
}

TEST_P(RedirectPolicyTest, RefusesALocationWhoseSchemeIsNotHttpOrHttpsNamingOnlyTheScheme) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"file:///etc/passwd", "file"},          {"file://localhost/etc/passwd", "file"},
        {"FILE:///etc/passwd", "FILE"},          {"dict://127.0.0.1:11211/stats", "dict"},
        {"gopher://127.0.0.1:25/_HELO", "gopher"}, {"ftp://user:hunter2@127.0.0.1/x", "ftp"},
        {"javascript:alert(1)", "javascript"},   {"x" + std::string(40, 'y') + ":z", "x" + std::string(31, 'y') + "..."}};
    for (const auto& [location, scheme] : cases) {
        auto transport = routes({{"https://a.example/start", redirect_to(302, location)}});
        try {
            run(transport, HttpRequest("GET", "https://a.example/start"));
            FAIL() << "followed " << location;
        } catch (const exceptions::ServiceRequestError& error) {
            EXPECT_EQ(error.message(), "Redirect refused: scheme '" + scheme + "' is not http or https") << location;
        }
        EXPECT_EQ(urls(*transport), std::vector<std::string>{"https://a.example/start"}) << location;
    }
}

TEST_P(RedirectPolicyTest, RefusesALocationThatIsNotAUrl) {
    auto transport = routes({{"https://a.example/start", redirect_to(307, "http://[::1/secret?sig=s3cret")}});
    try {
        run(transport, HttpRequest("GET", "https://a.example/start"));
        FAIL() << "no exception";
    } catch (const exceptions::ServiceRequestError& error) {
        EXPECT_EQ(error.message(), "Redirect refused: the Location header is not a valid URL");
    }
    EXPECT_EQ(transport->requests().size(), 1u);
}

TEST_P(RedirectPolicyTest, FollowsHttpAndHttpsWrittenInAnyCase) {
    auto transport = routes({{"https://a.example/start", redirect_to(302, "HTTPS://a.example/up")},
                             {"HTTPS://a.example/up", redirect_to(302, "Http://b.example/down")}});
    auto response = run(transport, HttpRequest("GET", "https://a.example/start"));
    EXPECT_EQ(response.http_response->status_code(), 200);
    EXPECT_EQ(urls(*transport),
              (std::vector<std::string>{"https://a.example/start", "HTTPS://a.example/up", "Http://b.example/down"}));
}

TEST_P(RedirectPolicyTest, DropsUserinfoFromTheLocation) {
    auto transport = routes({{"https://a.example/start", redirect_to(302, "https://user:hunter2@a.example/next")},
                             {"https://a.example/next", redirect_to(302, "//only-user@b.example/last")}});
    run(transport, HttpRequest("GET", "https://a.example/start"));
    EXPECT_EQ(urls(*transport),
              (std::vector<std::string>{"https://a.example/start", "https://a.example/next", "https://b.example/last"}));
    for (const auto& request : transport->requests()) EXPECT_FALSE(request.headers.contains("Authorization"));
}

// Policies below the redirect loop take their per-call options on every hop, not only the first.
TEST_P(RedirectPolicyTest, PerCallOptionsApplyToEveryHop) {
    auto transport = routes({{"https://a.example/start", redirect_to(302, "/busy")},
                             {"https://a.example/busy", MockResponse{.status_code = 503}}});
    int hooked = 0;
    RawRequestHook hook = [&hooked](pipeline::PipelineRequest&) { ++hooked; };
    auto response = run(transport,
                        {std::make_shared<RedirectPolicy>(), std::make_shared<RetryPolicy>(RetryPolicyOptions{.retry_backoff_factor = 0}),
                         std::make_shared<CustomHookPolicy>()},
                        HttpRequest("GET", "https://a.example/start"), Kwargs{{"retry_total", 0}, {"raw_request_hook", hook}});
    EXPECT_EQ(response.http_response->status_code(), 503);
    EXPECT_EQ(urls(*transport), (std::vector<std::string>{"https://a.example/start", "https://a.example/busy"}));
    EXPECT_EQ(hooked, 2);
}

// Records the transport option `deadline` of every try.
class DeadlineRecorder : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest& request) const override {
        deadlines->push_back(request.context->options.get<std::chrono::steady_clock::time_point>("deadline"));
    }
    std::shared_ptr<std::vector<std::optional<std::chrono::steady_clock::time_point>>> deadlines =
        std::make_shared<std::vector<std::optional<std::chrono::steady_clock::time_point>>>();
};

TEST_P(RedirectPolicyTest, EveryHopSharesTheDeadlineOfTheCallsTimeout) {
    double now = 5000;
    auto transport = std::make_shared<MockTransport>([&now](const RecordedRequest& request) -> MockTransport::Outcome {
        now += 7;  // each try takes 7 s
        if (request.url == "https://a.example/start") return redirect_to(307, "https://b.example/next");
        return ok();
    });
    auto recorder = std::make_shared<DeadlineRecorder>();
    run(transport,
        {std::make_shared<RedirectPolicy>(), std::make_shared<RetryPolicy>(RetryPolicyOptions{.clock = [&now] { return now; }}),
         recorder},
        HttpRequest("GET", "https://a.example/start"), Kwargs{{"timeout", 40}});
    const auto expected = std::chrono::steady_clock::time_point(std::chrono::seconds(5040));
    ASSERT_EQ(recorder->deadlines->size(), 2u);
    EXPECT_EQ((*recorder->deadlines)[0], expected);
    EXPECT_EQ((*recorder->deadlines)[1], expected);
}

// The default pipeline order: redirect, retry, authentication, …, SensitiveHeaderCleanupPolicy.
class CrossDomainTest : public RedirectPolicyTest {
protected:
    std::vector<RecordedRequest> follow(std::map<std::string, MockResponse> table, const std::string& start) {
        auto transport = routes(std::move(table));
        run(transport,
            {std::make_shared<RedirectPolicy>(), std::make_shared<RetryPolicy>(), std::make_shared<StaticAuthorizationPolicy>(),
             std::make_shared<SensitiveHeaderCleanupPolicy>()},
            HttpRequest("GET", start));
        return transport->requests();
    }
};

TEST_P(CrossDomainTest, KeepsTheCredentialOnTheSameHost) {
    auto sent = follow({{"https://a.example/start", redirect_to(302, "https://A.EXAMPLE/next")}}, "https://a.example/start");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[1].headers.get("Authorization"), "Bearer secret");
    EXPECT_EQ(sent[1].headers.get("x-ms-authorization-auxiliary"), "Bearer aux");
}

TEST_P(CrossDomainTest, StripsTheCredentialOnAnotherHostOrPort) {
    for (std::string target : {"https://b.example/next", "https://a.example:8443/next"}) {
        auto sent = follow({{"https://a.example/start", redirect_to(302, target)}}, "https://a.example/start");
        ASSERT_EQ(sent.size(), 2u) << target;
        EXPECT_EQ(sent[0].headers.get("Authorization"), "Bearer secret");
        EXPECT_EQ(sent[1].url, target);
        EXPECT_FALSE(sent[1].headers.contains("Authorization")) << target;
        EXPECT_FALSE(sent[1].headers.contains("x-ms-authorization-auxiliary")) << target;
    }
}

TEST_P(CrossDomainTest, StripsTheCredentialOnEveryRetryOfAHopToAnotherHost) {
    auto sent = follow({{"https://a.example/start", redirect_to(302, "https://b.example/busy")},
                        {"https://b.example/busy", MockResponse{.status_code = 503}}},
                       "https://a.example/start");
    ASSERT_EQ(sent.size(), 5u);  // the first hop, then four tries of the second (retry_status = 3)
    for (std::size_t i = 1; i < sent.size(); ++i) EXPECT_FALSE(sent[i].headers.contains("Authorization")) << i;
}

TEST_P(CrossDomainTest, SendsTheCredentialAgainWhenARedirectComesBackToTheOriginalHost) {
    auto sent = follow({{"https://a.example/start", redirect_to(302, "https://b.example/away")},
                        {"https://b.example/away", redirect_to(302, "https://a.example/home")}},
                       "https://a.example/start");
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_FALSE(sent[1].headers.contains("Authorization"));
    EXPECT_EQ(sent[2].headers.get("Authorization"), "Bearer secret");
}

TEST_P(CrossDomainTest, StripsTheCredentialWhenAHopLeavesHttpsOnTheSameHostAndPort) {
    auto sent = follow({{"https://a.example:8080/start", redirect_to(302, "http://a.example:8080/next")}}, "https://a.example:8080/start");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].headers.get("Authorization"), "Bearer secret");
    EXPECT_FALSE(sent[1].headers.contains("Authorization"));
    EXPECT_FALSE(sent[1].headers.contains("x-ms-authorization-auxiliary"));
}

TEST_P(CrossDomainTest, KeepsTheCredentialWhenAHopMovesFromHttpToHttpsOnTheSameHost) {
    auto sent = follow({{"http://a.example/start", redirect_to(302, "https://a.example/next")}}, "http://a.example/start");
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[1].headers.get("Authorization"), "Bearer secret");
}

// The key and SAS policies, per try like the bearer one: neither secret reaches a hop that left https.
TEST_P(CrossDomainTest, TheKeyAndSasPoliciesAddNothingToAHopThatLeftHttps) {
    auto transport = routes({{"https://a.example:8080/start?sig=s3cret", redirect_to(302, "http://a.example:8080/next")}});
    run(transport,
        {std::make_shared<RedirectPolicy>(), std::make_shared<RetryPolicy>(),
         std::make_shared<AzureKeyCredentialPolicy>(std::make_shared<credentials::AzureKeyCredential>("k3y"), "api-key"),
         std::make_shared<AzureSasCredentialPolicy>(std::make_shared<credentials::AzureSasCredential>("sig=s3cret")),
         std::make_shared<SensitiveHeaderCleanupPolicy>()},
        HttpRequest("GET", "https://a.example:8080/start"));
    auto sent = transport->requests();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].url, "https://a.example:8080/start?sig=s3cret");
    EXPECT_EQ(sent[0].headers.get("api-key"), "k3y");
    EXPECT_EQ(sent[1].url, "http://a.example:8080/next");
    EXPECT_FALSE(sent[1].headers.contains("api-key"));
}

TEST(RedirectDecisionsTest, AHopIsInsecureWhenTheDomainChangesOrItLeavesHttps) {
    EXPECT_FALSE(insecure_redirect("https://a.example/x", "https://A.example/y"));
    EXPECT_FALSE(insecure_redirect("http://a.example/x", "http://a.example/y"));
    EXPECT_FALSE(insecure_redirect("http://a.example/x", "https://a.example/y"));
    EXPECT_TRUE(insecure_redirect("https://a.example/x", "http://a.example/y"));
    EXPECT_TRUE(insecure_redirect("HTTPS://a.example:8080/x", "http://a.example:8080/y"));
    EXPECT_TRUE(insecure_redirect("https://a.example/x", "https://b.example/y"));
    EXPECT_TRUE(insecure_redirect("https://a.example/x", "https://a.example:444/y"));
}

TEST(RedirectDecisionsTest, RedirectTargetResolvesAndDropsUserinfo) {
    EXPECT_EQ(redirect_target("https://a.example/b/c", "d"), "https://a.example/b/d");
    EXPECT_EQ(redirect_target("https://a.example/b", "http://u:p@o.example:81/p?q"), "http://o.example:81/p?q");
    EXPECT_EQ(redirect_target("https://a.example/b", "//u@o.example/p"), "https://o.example/p");
    EXPECT_EQ(redirect_target("https://a.example/b", "https://:@o.example/p"), "https://o.example/p");
    EXPECT_THROW(redirect_target("https://a.example/b", "file:///etc/passwd"), exceptions::ServiceRequestError);
    EXPECT_THROW(redirect_target("https://a.example/b", "ws://a.example/p"), exceptions::ServiceRequestError);
}

TEST(RedirectDecisionsTest, DomainIsTheLowerCasedAuthorityWithItsPort) {
    EXPECT_EQ(get_domain("https://User@Host.Example:8443/a?b"), "user@host.example:8443");
    EXPECT_EQ(get_domain("http://host.example/a"), "host.example");
    EXPECT_EQ(get_domain("not a url"), "");
    EXPECT_FALSE(domain_changed("host.example", "https://HOST.example/x"));
    EXPECT_TRUE(domain_changed("host.example", "https://host.example:444/x"));
    EXPECT_FALSE(domain_changed("", "https://other.example/x"));
}

TEST(RedirectDecisionsTest, ResolvesLocationsAsRfc3986) {
    EXPECT_EQ(resolve_redirect_location("https://a.example/b/c?d", "/x"), "https://a.example/x");
    EXPECT_EQ(resolve_redirect_location("https://a.example/b/c?d", "x/y"), "https://a.example/b/x/y");
    EXPECT_EQ(resolve_redirect_location("https://a.example/b/c?d", "?e=1"), "https://a.example/b/c?e=1");
    EXPECT_EQ(resolve_redirect_location("https://a.example/b/c", "../up"), "https://a.example/up");
    EXPECT_EQ(resolve_redirect_location("https://a.example/b", "//other.example/p"), "https://other.example/p");
    EXPECT_EQ(resolve_redirect_location("https://a.example/b", "http://o.example:81/p?q=/r"), "http://o.example:81/p?q=/r");
    EXPECT_EQ(resolve_redirect_location("https://a.example/b", "/caf\xc3\xa9"), "https://a.example/caf%C3%A9");
}

TEST(RedirectDecisionsTest, HasPythonsDefaults) {
    RedirectPolicy policy;
    EXPECT_TRUE(policy.permit_redirects());
    EXPECT_EQ(policy.redirect_max(), 30);
    EXPECT_EQ(RedirectPolicy::REDIRECT_STATUSES, (std::array<int, 6>{300, 301, 302, 303, 307, 308}));
    EXPECT_FALSE(RedirectPolicy::no_redirects()->permit_redirects());
    Kwargs options{{"redirect_max", 5}, {"permit_redirects", false}, {"other", 1}};
    RedirectSettings settings = policy.configure_redirects(options);
    EXPECT_FALSE(settings.allow);
    EXPECT_EQ(settings.redirects, 5);
    EXPECT_EQ(options.names(), (std::vector<std::string>{"other"}));
}

INSTANTIATE_TEST_SUITE_P(BothModes, RedirectPolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));
INSTANTIATE_TEST_SUITE_P(BothModes, CrossDomainTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
