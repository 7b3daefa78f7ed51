#include <azcore/exceptions.hpp>
#include <azcore/pipeline/async_http_policy.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/invalid_argument_message.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <mutex>
#include <stdexcept>

namespace azcore::pipeline {
namespace {

using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

// Records the hooks it sees into a shared journal.
class JournalPolicy : public SansIOHTTPPolicy {
public:
    JournalPolicy(std::string name, std::shared_ptr<std::vector<std::string>> journal)
        : name_(std::move(name)), journal_(std::move(journal)) {}
    void on_request(PipelineRequest& request) const override {
        journal_->push_back(name_ + ".on_request");
        request.http_request->headers.add("X-Seen-By", name_);
    }
    void on_response(PipelineRequest&, PipelineResponse& response) const override {
        journal_->push_back(name_ + ".on_response " + std::to_string(response.http_response->status_code()));
    }
    void on_exception(PipelineRequest&) const override { journal_->push_back(name_ + ".on_exception"); }

private:
    std::string name_;
    std::shared_ptr<std::vector<std::string>> journal_;
};

// Takes the per-call option "marker" and stores it in the context for the next policy.
class OptionTakingPolicy : public SansIOHTTPPolicy {
public:
    void on_request(PipelineRequest& request) const override {
        if (auto marker = request.context->options.pop<std::string>("marker")) request.context->set("marker", *marker);
    }
    std::span<const std::string_view> option_names() const override { return names_; }

private:
    static constexpr std::array<std::string_view, 1> names_{"marker"};
};

class ContextReadingPolicy : public SansIOHTTPPolicy {
public:
    void on_request(PipelineRequest& request) const override {
        if (auto* marker = request.context->get<std::string>("marker")) request.http_request->headers.set("X-Marker", *marker);
    }
};

class AsyncOnlyPolicy : public AsyncHTTPPolicy {
public:
    net::awaitable<PipelineResponse> async_send(PipelineRequest& request, NextPolicy next) const override {
        request.http_request->headers.set("X-Async-Only", "yes");
        co_return co_await next.async_send(request);
    }
};

// Sets X-Try: 1 on the first try, and a value that would split the request on the next one.
class SecondTryInjectsPolicy : public SansIOHTTPPolicy {
public:
    void on_request(PipelineRequest& request) const override {
        request.http_request->headers.set("X-Try", ++tries_ == 1 ? "1" : "2\r\nInjected: yes");
    }

private:
    mutable std::atomic<int> tries_{0};
};

// A JournalPolicy whose hook named `throwing` throws std::runtime_error(name + " failed") after
// journaling.
class ThrowingJournalPolicy : public JournalPolicy {
public:
    ThrowingJournalPolicy(std::string name, std::string throwing, std::shared_ptr<std::vector<std::string>> journal)
        : JournalPolicy(name, std::move(journal)), name_(std::move(name)), throwing_(std::move(throwing)) {}
    void on_request(PipelineRequest& request) const override {
        JournalPolicy::on_request(request);
        if (throwing_ == "on_request") throw std::runtime_error(name_ + " failed");
    }
    void on_response(PipelineRequest& request, PipelineResponse& response) const override {
        JournalPolicy::on_response(request, response);
        if (throwing_ == "on_response") throw std::runtime_error(name_ + " failed");
    }
    void on_exception(PipelineRequest& request) const override {
        JournalPolicy::on_exception(request);
        if (throwing_ == "on_exception") throw std::runtime_error(name_ + " failed");
    }

private:
    std::string name_;
    std::string throwing_;
};

// A policy that is not SansIO, journaling around the rest of the chain.
class WrappingPolicy : public HTTPPolicy {
public:
    explicit WrappingPolicy(std::shared_ptr<std::vector<std::string>> journal) : journal_(std::move(journal)) {}
    PipelineResponse send(PipelineRequest& request, NextPolicy next) const override {
        journal_->push_back("w.before");
        PipelineResponse response = next.send(request);
        journal_->push_back("w.after");
        return response;
    }
    net::awaitable<PipelineResponse> async_send(PipelineRequest& request, NextPolicy next) const override {
        journal_->push_back("w.before");
        PipelineResponse response = co_await next.async_send(request);
        journal_->push_back("w.after");
        co_return response;
    }

private:
    std::shared_ptr<std::vector<std::string>> journal_;
};

class PipelineTest : public ::testing::TestWithParam<RunMode> {};

// Consecutive SansIO policies run as one step; the hooks still come in the order of nested sends.
TEST_P(PipelineTest, SansIOHooksAroundAPolicyThatIsNotSansIOComeInNestedOrder) {
    auto journal = std::make_shared<std::vector<std::string>>();
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{.status_code = 200}});
    Pipeline pipeline(transport, {std::make_shared<JournalPolicy>("a", journal), std::make_shared<JournalPolicy>("b", journal),
                                  std::make_shared<WrappingPolicy>(journal), std::make_shared<JournalPolicy>("c", journal)});
    test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"));
    EXPECT_EQ(*journal, (std::vector<std::string>{"a.on_request", "b.on_request", "w.before", "c.on_request",
                                                  "c.on_response 200", "w.after", "b.on_response 200", "a.on_response 200"}));
}

// A hook that throws is seen as an exception by the policies before it only: those get
// on_exception, and the caller gets the hook's exception.
TEST_P(PipelineTest, AHookThatThrowsReachesOnlyThePoliciesBeforeIt) {
    struct Case {
        std::string throwing;
        std::vector<std::string> journal;
    };
    const std::vector<Case> cases = {
        {"on_request", {"a.on_request", "b.on_request", "a.on_exception"}},
        {"on_response",
         {"a.on_request", "b.on_request", "c.on_request", "c.on_response 200", "b.on_response 200", "a.on_exception"}},
        {"on_exception", {"a.on_request", "b.on_request", "c.on_request", "c.on_exception", "b.on_exception", "a.on_exception"}},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.throwing);
        auto journal = std::make_shared<std::vector<std::string>>();
        MockTransport::Outcome outcome = MockResponse{.status_code = 200};
        if (c.throwing == "on_exception") outcome = std::make_exception_ptr(exceptions::ServiceRequestError("connection refused"));
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{outcome});
        Pipeline pipeline(transport, {std::make_shared<JournalPolicy>("a", journal),
                                      std::make_shared<ThrowingJournalPolicy>("b", c.throwing, journal),
                                      std::make_shared<JournalPolicy>("c", journal)});
        try {
            test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"));
            ADD_FAILURE() << "no exception";
        } catch (const std::runtime_error& error) {
            EXPECT_STREQ(error.what(), "b failed");
        }
        EXPECT_EQ(*journal, c.journal);
        EXPECT_EQ(transport->requests().size(), c.throwing == "on_request" ? 0u : 1u);
    }
}

TEST_P(PipelineTest, RunsOnRequestInOrderAndOnResponseInReverse) {
    auto journal = std::make_shared<std::vector<std::string>>();
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{.status_code = 201}});
    Pipeline pipeline(transport, {std::make_shared<JournalPolicy>("a", journal), std::make_shared<JournalPolicy>("b", journal)});

    PipelineResponse response = test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"));

    EXPECT_EQ(response.http_response->status_code(), 201);
    EXPECT_EQ(*journal, (std::vector<std::string>{"a.on_request", "b.on_request", "b.on_response 201", "a.on_response 201"}));
    ASSERT_EQ(transport->requests().size(), 1u);
    EXPECT_EQ(transport->requests()[0].headers.get_all("X-Seen-By"), (std::vector<std::string>{"a", "b"}));
}

TEST_P(PipelineTest, CallsOnExceptionThenRethrowsTheSameException) {
    auto journal = std::make_shared<std::vector<std::string>>();
    auto error = std::make_exception_ptr(exceptions::ServiceRequestError("connection refused"));
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{error});
    Pipeline pipeline(transport, {std::make_shared<JournalPolicy>("a", journal)});

    EXPECT_THROW(test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x")),
                 exceptions::ServiceRequestError);
    EXPECT_EQ(*journal, (std::vector<std::string>{"a.on_request", "a.on_exception"}));
}

TEST_P(PipelineTest, RejectsAnOptionNoPolicyTakesBeforeSendingAnything) {
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
    Pipeline pipeline(transport, {std::make_shared<OptionTakingPolicy>()});

    try {
        test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"), {{"retry_totl", 3}});
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("'retry_totl'"), std::string::npos) << error.what();
    }
    EXPECT_TRUE(transport->requests().empty());
}

TEST_P(PipelineTest, PassesPolicyOptionsThroughTheContextAndTransportOptionsToTheTransport) {
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
    Pipeline pipeline(transport, {std::make_shared<OptionTakingPolicy>(), std::make_shared<ContextReadingPolicy>()});

    test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"),
                       {{"marker", "m-1"}, {"read_timeout", 5}});

    ASSERT_EQ(transport->requests().size(), 1u);
    EXPECT_EQ(transport->requests()[0].headers.get("X-Marker"), "m-1");
    // The policy popped its option; the transport saw only its own.
    EXPECT_EQ(transport->options_seen()[0], (std::vector<std::string>{"read_timeout"}));
}

TEST_P(PipelineTest, AsyncOnlyPolicyRunsAsyncAndRefusesTheSyncFace) {
    auto transport = std::make_shared<MockTransport>([](const transport::RecordedRequest&) { return MockResponse{}; });
    Pipeline pipeline(transport, {std::make_shared<AsyncOnlyPolicy>()});
    if (GetParam() == RunMode::Sync) {
        EXPECT_THROW(pipeline.run(rest::HttpRequest("GET", "https://example.test/x")), std::logic_error);
        EXPECT_TRUE(transport->requests().empty());
    } else {
        test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"));
        EXPECT_EQ(transport->requests().at(0).headers.get("X-Async-Only"), "yes");
    }
}

TEST_P(PipelineTest, NonStreamedResponsesArriveRead) {
    auto transport = std::make_shared<MockTransport>(
        std::vector<MockTransport::Outcome>{MockResponse{.status_code = 200, .body = to_bytes("hello")}});
    Pipeline pipeline(transport);
    PipelineResponse response = test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x"));
    EXPECT_EQ(response.http_response->text(), "hello");
    EXPECT_TRUE(response.http_response->is_stream_consumed());
    EXPECT_TRUE(response.http_response->is_closed());
}

// The request is checked where the last policy hands it to the transport, on every try: what a
// per-retry policy sets on a retry is checked too, and a refused try reaches no transport.
TEST_P(PipelineTest, ChecksEachTryAtTheTransportAndSendsNoRefusedTry) {
    auto transport = std::make_shared<MockTransport>(
        std::vector<MockTransport::Outcome>{MockResponse{.status_code = 503}, MockResponse{.status_code = 200}});
    Pipeline pipeline(transport, {std::make_shared<policies::RetryPolicy>(policies::RetryPolicyOptions{.retry_backoff_factor = 0}),
                                  std::make_shared<SecondTryInjectsPolicy>()});

    EXPECT_EQ(test::invalid_argument_message(
                  [&] { test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "https://example.test/x")); }),
              "header 'X-Try': value contains CR or LF");
    ASSERT_EQ(transport->requests().size(), 1u);
    EXPECT_EQ(transport->requests()[0].headers.get("X-Try"), "1");
}

TEST_P(PipelineTest, RefusesARelativeUrlThatReachesTheTransport) {
    auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{MockResponse{}});
    Pipeline pipeline(transport);
    EXPECT_EQ(test::invalid_argument_message([&] { test::run_pipeline(pipeline, GetParam(), rest::HttpRequest("GET", "/x")); }),
              "url: not an absolute URL");
    EXPECT_TRUE(transport->requests().empty());
}

INSTANTIATE_TEST_SUITE_P(BothModes, PipelineTest, ::testing::Values(RunMode::Sync, RunMode::Async));

TEST(PipelineConstruction, RejectsANullTransportOrPolicy) {
    EXPECT_THROW(Pipeline(nullptr), std::invalid_argument);
    auto transport = std::make_shared<MockTransport>([](const transport::RecordedRequest&) { return MockResponse{}; });
    EXPECT_THROW(Pipeline(transport, {nullptr}), std::invalid_argument);
}

}  // namespace
}  // namespace azcore::pipeline
