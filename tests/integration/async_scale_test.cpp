// The scale test of the async face: 2,000 requests in flight at once, on one thread.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include "support/dual_client.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace azcore::test {
namespace {

using testserver::TestServer;
using namespace std::chrono_literals;

constexpr std::size_t in_flight = 2000;
// Each request holds a client and a server descriptor; the rest is headroom.
constexpr rlim_t descriptors_needed = 4500;

/// Raises the soft limit on open descriptors to the hard limit; returns the new soft limit.
rlim_t raise_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur;
}

TEST(AsyncScaleTest, OneThreadHoldsTwoThousandRequestsAtOnceAndCompletesThemAll) {
    const rlim_t limit = raise_descriptor_limit();
    if (limit < descriptors_needed)
        GTEST_SKIP() << "needs " << descriptors_needed << " open files (client and server side of " << in_flight
                     << " connections); RLIMIT_NOFILE allows only " << limit << " (raise the hard limit: ulimit -Hn)";

    const auto start = std::chrono::steady_clock::now();
    TestServer server;
    std::vector<Fetched> fetched(in_flight);  // outlives the io_context and its handlers
    boost::asio::io_context io;
    auto transport = std::make_shared<transport::AsyncCurlTransport>(io.get_executor());
    AsyncPipelineClient client(server.base_url(), io.get_executor(), {.transport = transport});
    for (Fetched& into : fetched) spawn_get(io, client, "/hold", into);

    // Everything below runs the io_context on this thread only.
    const bool all_held = run_io_until(io, [&] { return server.held_now() == in_flight; }, 40s);
    const auto held_after = std::chrono::steady_clock::now() - start;
    server.release_held();
    const bool all_done =
        run_io_until(io, [&] { return std::all_of(fetched.begin(), fetched.end(), [](const Fetched& f) { return f.done; }); }, 15s);

    EXPECT_TRUE(all_held) << "held at once at most " << server.held_peak() << " of " << in_flight;
    EXPECT_EQ(server.held_peak(), in_flight);
    ASSERT_TRUE(all_done) << std::count_if(fetched.begin(), fetched.end(), [](const Fetched& f) { return f.done; })
                          << " of " << in_flight << " completed";
    std::size_t ok = 0;
    const Fetched* first_bad = nullptr;
    for (const Fetched& f : fetched) {
        if (!f.error && f.status_code == 200 && f.body == R"({"held":true})") ++ok;
        else if (!first_bad) first_bad = &f;
    }
    EXPECT_EQ(ok, in_flight);
    if (first_bad) {
        std::string what = "no exception";
        if (first_bad->error) {
            try {
                std::rethrow_exception(first_bad->error);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
                what = "an exception that is not a std::exception";
            }
        }
        ADD_FAILURE() << "first failed request: status " << first_bad->status_code << ", body '" << first_bad->body << "', " << what;
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 60s);
    RecordProperty("all_held_after_ms", static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(held_after).count()));
}

}  // namespace
}  // namespace azcore::test
