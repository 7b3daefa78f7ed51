// A client's close() closes the connections no request is using, while another request is in
// flight on a connection of its own, in both faces: the server sees exactly the idle connection
// close, the request in flight completes, and the client still works afterwards.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <future>
#include <thread>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;
using namespace std::chrono_literals;

class IdleCloseTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(IdleCloseTest, CloseClosesTheIdleConnectionAndLeavesTheOneInFlight) {
    TestServer server;
    if (GetParam() == RunMode::Sync) {
        PipelineClient client(server.base_url(), {.config = Configuration{}});
        auto held = std::async(std::launch::async, [&] { return client.send_request(HttpRequest("GET", "/hold"))->status_code(); });
        ASSERT_TRUE(server.wait_until([&] { return server.held_now() == 1; }, 5s));
        EXPECT_EQ(client.send_request(HttpRequest("GET", "/echo"))->status_code(), 200);  // a second connection, now idle
        ASSERT_EQ(server.open_connections(), 2u);

        client.close();
        EXPECT_TRUE(server.wait_until([&] { return server.open_connections() == 1; }, 2s))
            << server.open_connections() << " connections open after close()";
        server.release_held();
        EXPECT_EQ(held.get(), 200);
        EXPECT_EQ(client.send_request(HttpRequest("GET", "/echo"))->status_code(), 200);
        return;
    }
    boost::asio::io_context io;
    AsyncPipelineClient client(server.base_url(), io.get_executor(), {.config = Configuration{}});
    Fetched held;
    spawn_get(io, client, "/hold", held);
    ASSERT_TRUE(run_io_until(io, [&] { return server.held_now() == 1; }, 5s));
    Fetched idle;
    spawn_get(io, client, "/echo", idle);  // a second connection, now idle
    ASSERT_TRUE(run_io_until(io, [&] { return idle.done; }, 5s));
    EXPECT_EQ(idle.status_code, 200);
    ASSERT_EQ(server.open_connections(), 2u);

    client.close();
    EXPECT_TRUE(run_io_until(io, [&] { return server.open_connections() == 1; }, 2s))
        << server.open_connections() << " connections open after close()";
    server.release_held();
    ASSERT_TRUE(run_io_until(io, [&] { return held.done; }, 5s));
    EXPECT_EQ(held.status_code, 200);
    Fetched after;
    spawn_get(io, client, "/echo", after);
    ASSERT_TRUE(run_io_until(io, [&] { return after.done; }, 5s));
    EXPECT_EQ(after.status_code, 200);
}

INSTANTIATE_TEST_SUITE_P(BothModes, IdleCloseTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::test
