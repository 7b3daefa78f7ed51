// azcore_async_inflight: P5. M requests put in flight at once on one io_context thread against a
// server in another process that holds each one (azcore-testserver's /delay/1000). No connection
// cap: every request has its own connection. Reports how many completed, errors, the time until
// the last one finished, and resident memory per in-flight request:
//   (peak RSS - RSS before the burst) / M
// plus the server's own count of connections open at once (its /stats route).
//   azcore_async_inflight --url http://127.0.0.1:PORT [--m 10000] [--path /delay/1000]
//                         [--max-seconds 120]
#include <azcore/async_pipeline_client.hpp>
#include <azcore/bytes.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

#include "bench_async.hpp"
#include "bench_pool.hpp"
#include "bench_util.hpp"

namespace {

namespace net = boost::asio;

struct Burst {
    const azcore::AsyncPipelineClient* client = nullptr;
    std::string url;
    std::uint64_t completed = 0;
    std::uint64_t errors = 0;
    std::string first_error;
    boost::json::value last_body;
};

net::awaitable<void> one_request(std::shared_ptr<Burst> burst) {
    bool ok = false;
    try {
        azcore::rest::HttpRequest request("GET", burst->url);
        std::shared_ptr<azcore::rest::AsyncHttpResponse> response =
            co_await burst->client->send_request(std::move(request));
        co_await response->read();
        ok = response->status_code() == 200;
        if (ok) burst->last_body = response->json();
    } catch (const std::exception& error) {
        if (burst->first_error.empty()) burst->first_error = error.what();
    }
    ok ? ++burst->completed : ++burst->errors;
}

std::int64_t stat(const boost::json::value& stats, const char* name) {
    if (!stats.is_object()) return -1;
    const auto* value = stats.as_object().if_contains(name);
    return value && value->is_int64() ? value->as_int64() : (value && value->is_uint64() ? static_cast<std::int64_t>(value->as_uint64()) : -1);
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv,
                             "azcore_async_inflight --url http://127.0.0.1:PORT [--m 10000] [--path /delay/1000] "
                             "[--max-seconds 120] [--transport beast|beast-h2|curl]");
    const std::string base = args.text("url");
    const std::uint64_t m = args.number("m", 10000);
    const std::string path = args.text("path", "/delay/1000");
    const double max_seconds = static_cast<double>(args.number("max-seconds", 120));
    const std::uint64_t fd_limit = azcore::bench::raise_fd_limit();

    net::io_context ioc(1);
    auto [transport, client] = azcore::bench::make_async_client(ioc, base, "-", 0, args.text("transport", "beast"));
    auto run = [&](std::uint64_t count, const std::string& url) {
        auto burst = std::make_shared<Burst>();
        burst->client = client.get();
        burst->url = url;
        auto outcome = azcore::bench::run_spawned(
            ioc, count, [&](std::uint64_t) { return one_request(burst); }, max_seconds);
        if (outcome.timed_out) {
            std::fprintf(stderr, "azcore_async_inflight: timed out after %.0f s (%s)\n", max_seconds,
                         burst->first_error.c_str());
            azcore::bench::Result("azcore_async_inflight")
                .add("m", count)
                .add("completed", burst->completed)
                .add("errors", count - burst->completed)
                .add("timed_out", 1)
                .print();
            std::_Exit(1);
        }
        return burst;
    };

    run(1, base + "/delay/0");  // warm-up: the first request initialises curl, TLS tables, the pool
    const long rss_before = azcore::bench::current_rss_kb();
    const auto start = azcore::bench::Clock::now();
    auto burst = run(m, base + path);
    const double seconds = azcore::bench::seconds_since(start);
    const long rss_peak = azcore::bench::peak_rss_kb();
    auto stats = run(1, base + "/stats");

    if (!burst->first_error.empty()) {
        std::fprintf(stderr, "azcore_async_inflight: first error: %s\n", burst->first_error.c_str());
    }
    azcore::bench::Result result("azcore_async_inflight");
    result.add("m", m)
        .add("completed", burst->completed)
        .add("errors", burst->errors)
        .add_fixed("seconds", seconds, 3)
        .add("rss_before_kb", rss_before)
        .add("peak_rss_kb", rss_peak)
        .add_fixed("kb_per_inflight", m ? static_cast<double>(rss_peak - rss_before) / static_cast<double>(m) : 0.0, 2)
        .add("server_peak_open_connections", stat(stats->last_body, "peak_open_connections"))
        .add("server_connections_accepted", stat(stats->last_body, "connections_accepted"))
        .add("fd_limit", fd_limit)
        .add("timed_out", 0);
    azcore::bench::add_pool(result, transport.connection_pool()).print();
    return burst->errors == 0 && burst->completed == m ? 0 : 1;
}
