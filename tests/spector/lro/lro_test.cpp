// Spector's long-running-operation scenarios (azure/core/lro standard and rpc), in both faces,
// through the clients a generator would emit: each operation polls its Operation-Location until
// "Succeeded" and ends with the spec's result, sending exactly the requests Spector expects; an
// operation resumes from a continuation token in a new client; async pollers run at once on one
// io_context.
#include "face_test.hpp"
#include "lro/clients.hpp"
#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

#include <azcore/polling/no_polling.hpp>
#include <azcore/policies/custom_hook_policy.hpp>

#include <boost/asio/experimental/awaitable_operators.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::spector::lro {
namespace {

using Requests = std::vector<std::string>;

const User madge{"madge", "contributor"};
const std::string query = "?api-version=" + api_version;
const std::string users = "/azure/core/lro/standard/users/madge";
const std::string generations = "/azure/core/lro/rpc/generations";

/// The requests of the clients built with options(): "METHOD url", the URL without the endpoint.
class RequestLog : public std::enable_shared_from_this<RequestLog> {
public:
    explicit RequestLog(std::string endpoint) : endpoint_(std::move(endpoint)) {}

    /// The standard configuration with polling_interval 0 (Spector sends no Retry-After) and a
    /// hook recording every request into this log.
    PipelineClientOptions options() {
        auto config = default_configuration();
        config.polling_interval = 0;
        config.custom_hook_policy = std::make_shared<policies::CustomHookPolicy>(policies::CustomHookPolicyOptions{
            .raw_request_hook = [self = shared_from_this()](pipeline::PipelineRequest& request) { self->record(*request.http_request); }});
        return {.config = std::move(config)};
    }
    Requests requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    void record(const rest::HttpRequest& request) {
        std::string url = request.url.starts_with(endpoint_) ? request.url.substr(endpoint_.size()) : request.url;
        std::lock_guard lock(mutex_);
        requests_.push_back(request.method + " " + url);
    }

    std::string endpoint_;
    mutable std::mutex mutex_;  // a sync poller records from its own thread
    Requests requests_;
};

template <class Face>
class LroTest : public FaceTest<Face> {
protected:
    /// A new log, for the clients given it.
    std::shared_ptr<RequestLog> new_log() const { return std::make_shared<RequestLog>(this->endpoint); }
    /// A client of Spector that records its requests in log.
    template <template <class> class Client>
    Client<Face> client(const std::shared_ptr<RequestLog>& log) {
        return this->template make<Client>(this->endpoint, log->options());
    }
    /// Calls a begin_ operation: its poller (awaited on io_ in the Async face).
    template <class Operation>
    auto begin(Operation&& operation) {
        return this->call(std::forward<Operation>(operation));
    }
    /// The poller's operation ended successfully.
    template <class Poller>
    static void expect_succeeded(const Poller& poller) {
        EXPECT_EQ(poller.status(), "Succeeded");
        EXPECT_TRUE(poller.done());
    }

};
TYPED_TEST_SUITE(LroTest, Faces, FaceNames);

TYPED_TEST(LroTest, CreateOrReplacePollsTwiceThenReadsTheUserAtTheOriginalUri) {
    auto log = this->new_log();
    auto client = this->template client<StandardClient>(log);
    auto poller = this->begin([&] { return client.begin_create_or_replace("madge", madge); });
    EXPECT_EQ(this->call([&] { return poller.result(); }), madge);
    this->expect_succeeded(poller);
    EXPECT_EQ(log->requests(), (Requests{"PUT " + users + query, "GET " + users + "/operations/operation1" + query,
                                         "GET " + users + "/operations/operation1" + query, "GET " + users + query}));
}

TYPED_TEST(LroTest, DeletePollsUntilTheOperationSucceeds) {
    auto log = this->new_log();
    auto client = this->template client<StandardClient>(log);
    auto poller = this->begin([&] { return client.begin_delete("madge"); });
    this->call([&] { return poller.result(); });
    this->expect_succeeded(poller);
    EXPECT_EQ(log->requests(), (Requests{"DELETE " + users + query, "GET " + users + "/operations/operation2" + query,
                                         "GET " + users + "/operations/operation2" + query}));
}

TYPED_TEST(LroTest, ExportReadsTheExportedUserFromTheOperationResult) {
    auto log = this->new_log();
    auto client = this->template client<StandardClient>(log);
    auto poller = this->begin([&] { return client.begin_export("madge", "json"); });
    EXPECT_EQ(this->call([&] { return poller.result(); }), (ExportedUser{"madge", "/users/madge"}));
    this->expect_succeeded(poller);
    EXPECT_EQ(log->requests(), (Requests{"POST " + users + ":export" + query + "&format=json",
                                         "GET " + users + "/operations/operation3" + query,
                                         "GET " + users + "/operations/operation3" + query}));
}

TYPED_TEST(LroTest, LongRunningRpcReadsTheGenerationResultFromTheOperationResult) {
    auto log = this->new_log();
    auto client = this->template client<RpcClient>(log);
    auto poller = this->begin([&] { return client.begin_long_running_rpc({"text"}); });
    EXPECT_EQ(this->call([&] { return poller.result(); }), GenerationResult{"text data"});
    this->expect_succeeded(poller);
    EXPECT_EQ(log->requests(), (Requests{"POST " + generations + ":submit" + query, "GET " + generations + "/operations/operation1" + query,
                                         "GET " + generations + "/operations/operation1" + query}));
}

TYPED_TEST(LroTest, CreateOrReplaceResumesFromAContinuationTokenInANewClient) {
    auto started = this->new_log();
    std::string token;
    {  // the process that starts the operation and keeps only its token (Python's polling=False)
        auto client = this->template client<StandardClient>(started);
        auto poller = this->begin(
            [&] { return client.begin_create_or_replace("madge", madge, {.polling = std::make_shared<polling::NoPolling>()}); });
        token = poller.continuation_token();
    }
    EXPECT_EQ(started->requests(), Requests{"PUT " + users + query});

    auto log = this->new_log();
    auto client = this->template client<StandardClient>(log);
    auto poller = this->begin([&] { return client.begin_create_or_replace("madge", madge, {.continuation_token = token}); });
    EXPECT_EQ(this->call([&] { return poller.result(); }), madge);
    this->expect_succeeded(poller);
    EXPECT_EQ(log->requests(), (Requests{"GET " + users + "/operations/operation1" + query,
                                         "GET " + users + "/operations/operation1" + query, "GET " + users + query}));
}

class LroAsyncTest : public LroTest<Async> {};

using namespace boost::asio::experimental::awaitable_operators;

/// The four results, awaited at once.
net::awaitable<std::tuple<User, ExportedUser, GenerationResult>> all_results(Poller<Async, User>& created,
                                                                             Poller<Async, void>& deleted,
                                                                             Poller<Async, ExportedUser>& exported,
                                                                             Poller<Async, GenerationResult>& generated) {
    auto all = created.result() && deleted.result() && exported.result() && generated.result();
    auto results = co_await std::move(all);
    co_return results;
}

// Each scenario keeps its own poll counter in Spector, so different scenarios may run at once.
TEST_F(LroAsyncTest, EveryScenarioPollsAtOnceOnOneIoContext) {
    auto log = new_log();
    auto standard = client<StandardClient>(log);
    auto rpc = client<RpcClient>(log);
    auto created = begin([&] { return standard.begin_create_or_replace("madge", madge); });
    auto deleted = begin([&] { return standard.begin_delete("madge"); });
    auto exported = begin([&] { return standard.begin_export("madge", "json"); });
    auto generated = begin([&] { return rpc.begin_long_running_rpc({"text"}); });

    auto [user, exported_user, generation] = call([&] { return all_results(created, deleted, exported, generated); });
    EXPECT_EQ(user, madge);
    EXPECT_EQ(exported_user, (ExportedUser{"madge", "/users/madge"}));
    EXPECT_EQ(generation, GenerationResult{"text data"});
    expect_succeeded(created);
    expect_succeeded(deleted);
    expect_succeeded(exported);
    expect_succeeded(generated);

    // After the 4 initial requests, the first 4 status requests are one per operation: all polled at once.
    Requests requests = log->requests();
    ASSERT_EQ(requests.size(), 4u + 2 * 4 + 1);
    std::set<std::string> first_polls(requests.begin() + 4, requests.begin() + 8);
    EXPECT_EQ(first_polls, (std::set<std::string>{"GET " + users + "/operations/operation1" + query,
                                                  "GET " + users + "/operations/operation2" + query,
                                                  "GET " + users + "/operations/operation3" + query,
                                                  "GET " + generations + "/operations/operation1" + query}));
}

// Last in this process: the Spector it started scores every long-running-operation scenario `pass`.
TEST(LroCoverage, EveryLroScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Azure_Core_Lro_Standard_createOrReplace",
        "Azure_Core_Lro_Standard_delete",
        "Azure_Core_Lro_Standard_export",
        "Azure_Core_Lro_Rpc_longRunningRpc",
    });
}

}  // namespace
}  // namespace azcore::spector::lro
