// LROPoller and AsyncLROPoller give done(), wait() and the done callbacks the same meaning: polling
// ends when the method's run ends, successfully or with an error; the error is rethrown by every
// wait; the callbacks run once, on success and on failure; a throwing callback stops no other.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include "support/run_mode.hpp"
#include "unit/polling/polling_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace azcore::polling {
namespace {

using Json = boost::json::value;
using rest::HttpRequest;
using test::RunMode;
using transport::MockTransport;
using Outcome = MockTransport::Outcome;

/// One poller of either face, driven the same way.
class AnyPoller {
public:
    AnyPoller(RunMode mode, std::shared_ptr<MockTransport> transport) : mode_(mode), transport_(std::move(transport)) {}

    /// Sends DELETE /x and makes the poller for it, then calls before_start with a way to add done
    /// callbacks (the sync poller's thread is polling by then: the service holds its answer until
    /// before_start releases it).
    void start(std::function<void(std::function<void(PollerCore::DoneCallback)>)> before_start) {
        auto initial = sync_client_.send_request(HttpRequest("DELETE", "/x"));
        if (mode_ == RunMode::Sync) {
            sync_ = std::make_unique<LROPoller<Json>>(sync_client_, initial, json_body, std::make_shared<LROBasePolling>());
            before_start([this](PollerCore::DoneCallback callback) { sync_->add_done_callback(std::move(callback)); });
        } else {
            async_client_ = std::make_unique<AsyncPipelineClient>(base_url, io_.get_executor(),
                                                                  PipelineClientOptions{.transport = transport_, .config = Configuration{}});
            async_ = std::make_unique<AsyncLROPoller<Json>>(*async_client_, initial, json_body,
                                                            std::make_shared<AsyncLROBasePolling>());
            before_start([this](PollerCore::DoneCallback callback) { async_->add_done_callback(std::move(callback)); });
        }
    }
    void wait() {
        if (sync_) sync_->wait();
        else test::run_awaitable(io_, async_->wait());
    }
    bool done() const { return sync_ ? sync_->done() : async_->done(); }
    void add_done_callback(PollerCore::DoneCallback callback) {
        if (sync_) sync_->add_done_callback(std::move(callback));
        else async_->add_done_callback(std::move(callback));
    }
    std::string continuation_token() const { return sync_ ? sync_->continuation_token() : async_->continuation_token(); }

private:
    RunMode mode_;
    std::shared_ptr<MockTransport> transport_;
    PipelineClient sync_client_{base_url, {.transport = transport_, .config = Configuration{}}};
    boost::asio::io_context io_;
    std::unique_ptr<AsyncPipelineClient> async_client_;
    std::unique_ptr<LROPoller<Json>> sync_;
    std::unique_ptr<AsyncLROPoller<Json>> async_;
};

/// A service whose operation ends with `final_status` on the first poll; the poll waits for
/// `released` so that callbacks are added before polling ends in the sync face too.
std::shared_ptr<MockTransport> service(const std::string& final_status, std::shared_ptr<std::atomic<bool>> released) {
    return std::make_shared<MockTransport>([final_status, released](const transport::RecordedRequest& request) -> Outcome {
        if (request.method == "DELETE") return reply(202, "", {{"Operation-Location", base_url + "/operations/op"}});
        while (!released->load()) std::this_thread::yield();
        return reply(200, R"({"status": ")" + final_status + R"("})");
    });
}

class PollerFacesTest : public ::testing::TestWithParam<RunMode> {};

INSTANTIATE_TEST_SUITE_P(BothFaces, PollerFacesTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

TEST_P(PollerFacesTest, AFailedOperationIsDoneRunsTheCallbacksAndEveryWaitRethrowsItsError) {
    auto released = std::make_shared<std::atomic<bool>>(false);
    auto transport = service("Failed", released);
    AnyPoller poller(GetParam(), transport);
    std::vector<std::string> seen;
    poller.start([&](auto add) {
        add([&](PollingMethod& method) { seen.push_back("callback: " + method.status()); });
        released->store(true);
    });

    std::string first_message;
    try {
        poller.wait();
        FAIL() << "expected HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        first_message = error.what();
        EXPECT_EQ(error.continuation_token(), poller.continuation_token());
    }
    EXPECT_TRUE(poller.done()) << "polling ended, with an error";
    EXPECT_EQ(seen, (std::vector<std::string>{"callback: Failed"}));

    EXPECT_THROW(poller.wait(), exceptions::HttpResponseError) << "a later wait rethrows the error";
    try {
        poller.wait();
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(std::string(error.what()), first_message);
    }
    EXPECT_EQ(transport->requests().size(), 2u) << "the initial request and one poll; a later wait sends nothing";

    poller.add_done_callback([&](PollingMethod&) { seen.push_back("late"); });
    EXPECT_EQ(seen, (std::vector<std::string>{"callback: Failed", "late"})) << "a callback added after the end runs at once";
}

TEST_P(PollerFacesTest, AThrowingDoneCallbackStopsNoOtherAndLeavesTheOutcome) {
    auto released = std::make_shared<std::atomic<bool>>(false);
    auto transport = service("Succeeded", released);
    AnyPoller poller(GetParam(), transport);
    std::vector<std::string> seen;
    poller.start([&](auto add) {
        add([&](PollingMethod&) {
            seen.push_back("first");
            throw std::runtime_error("a callback's own failure");
        });
        add([&](PollingMethod& method) { seen.push_back("second: " + method.status()); });
        released->store(true);
    });
    EXPECT_NO_THROW(poller.wait());
    EXPECT_TRUE(poller.done());
    EXPECT_EQ(seen, (std::vector<std::string>{"first", "second: Succeeded"}));
}

TEST_P(PollerFacesTest, NotDoneBeforePollingEnds) {
    auto released = std::make_shared<std::atomic<bool>>(false);
    auto transport = service("Succeeded", released);
    AnyPoller poller(GetParam(), transport);
    poller.start([&](auto) {});
    EXPECT_FALSE(poller.done());
    released->store(true);
    poller.wait();
    EXPECT_TRUE(poller.done());
}

/// An operation that is running at the first poll and has succeeded at the second, with an async
/// poller that waits `interval` seconds on real timers between polls.
struct RunningOperation {
    explicit RunningOperation(double interval)
        : poller(client, PipelineClient(base_url, {.transport = transport, .config = Configuration{}})
                             .send_request(HttpRequest("DELETE", "/x")),
                 json_body, std::make_shared<AsyncLROBasePolling>(LROBasePollingOptions{.timeout = interval})) {}

    std::shared_ptr<TimerTransport> transport = std::make_shared<TimerTransport>(std::vector<Outcome>{
        reply(202, "", {{"Operation-Location", base_url + "/operations/op"}}), reply(200, R"({"status": "Running"})"),
        reply(200, R"({"status": "Succeeded"})")});
    net::io_context io;
    AsyncPipelineClient client{base_url, io.get_executor(), {.transport = transport, .config = Configuration{}}};
    AsyncLROPoller<Json> poller;
};

TEST(AsyncLROPollerWait, ACancelledWaitLeavesPollingToTheNextWaitWhichGoesOnWhereItStopped) {
    RunningOperation operation(0.05);
    auto& transport = operation.transport;
    auto& io = operation.io;
    auto& poller = operation.poller;
    int callbacks = 0;
    poller.add_done_callback([&](PollingMethod&) { ++callbacks; });

    net::cancellation_signal cancel;
    std::exception_ptr failure;
    bool finished = false;
    net::co_spawn(io, poller.wait(), net::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr error) {
                      failure = error;
                      finished = true;
                  }));
    while (transport->sleeping == 0 && io.run_one() > 0) {
    }
    ASSERT_EQ(transport->sleeping, 1);
    cancel.emit(net::cancellation_type::terminal);
    while (!finished && io.run_one() > 0) {
    }
    ASSERT_TRUE(failure);
    EXPECT_FALSE(poller.done()) << "a cancelled wait does not end polling";
    EXPECT_EQ(callbacks, 0);

    test::run_awaitable(io, poller.wait());
    EXPECT_TRUE(poller.done());
    EXPECT_EQ(callbacks, 1);
    EXPECT_EQ(poller.status(), "Succeeded");
    EXPECT_EQ(transport->requests().size(), 3u) << "the wait went on: it waited again, then polled once";
    EXPECT_EQ(transport->sleeps(), (std::vector<double>{0.05, 0.05})) << "the cancelled wait, then a whole one";
}

TEST(AsyncLROPollerWait, ASecondWaitWhileOneRunsIsRefused) {
    RunningOperation operation(0.01);
    auto& transport = operation.transport;
    auto& io = operation.io;
    auto& poller = operation.poller;
    std::exception_ptr first;
    bool first_finished = false;
    net::co_spawn(io, poller.wait(), [&](std::exception_ptr error) {
        first = error;
        first_finished = true;
    });
    while (transport->sleeping == 0 && io.run_one() > 0) {
    }
    ASSERT_EQ(transport->sleeping, 1);
    try {
        test::run_awaitable(io, poller.wait());
        ADD_FAILURE() << "expected std::logic_error";
    } catch (const std::logic_error& error) {
        EXPECT_STREQ(error.what(), "AsyncLROPoller: a wait() is already running; await that one (one wait at a time)");
    }
    while (!first_finished && io.run_one() > 0) {
    }
    EXPECT_FALSE(first);
    EXPECT_TRUE(poller.done());
    EXPECT_EQ(transport->requests().size(), 3u);
}

}  // namespace
}  // namespace azcore::polling
