// azcore_async_conc: P2. AsyncPipelineClient (default policy list, default AsyncCurlTransport) on
// one io_context thread; C co_spawned workers share N GETs, each reading its body.
// Connections are not capped unless --max-connections-per-host is given (then requests queue).
//   azcore_async_conc --url URL [--n 50000] [--concurrency 64] [--max-connections-per-host 0]
//                     [--cacert FILE] [--max-seconds 300]
#include <azcore/async_pipeline_client.hpp>
#include <azcore/bytes.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
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

struct Work {
    const azcore::AsyncPipelineClient* client = nullptr;
    std::string url;
    std::uint64_t total = 0;
    std::uint64_t issued = 0;
    std::uint64_t completed = 0;
    std::uint64_t errors = 0;
    std::string first_error;
};

/// Takes requests from the shared count until none is left (one thread: no locking needed).
net::awaitable<void> worker(std::shared_ptr<Work> work) {
    while (work->issued < work->total) {
        ++work->issued;
        bool ok = false;
        try {
            azcore::rest::HttpRequest request("GET", work->url);
            std::shared_ptr<azcore::rest::AsyncHttpResponse> response =
                co_await work->client->send_request(std::move(request));
            azcore::BytesView body = co_await response->read();
            ok = response->status_code() == 200 && !body.empty();
        } catch (const std::exception& error) {
            if (work->first_error.empty()) work->first_error = error.what();
        }
        ok ? ++work->completed : ++work->errors;
    }
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv,
                             "azcore_async_conc --url URL [--n 50000] [--concurrency 64] "
                             "[--max-connections-per-host 0] [--cacert FILE] [--max-seconds 300] [--transport beast|beast-h2|curl]");
    const std::string url = args.text("url");
    const std::uint64_t n = args.number("n", 50000);
    const std::uint64_t concurrency = std::max<std::uint64_t>(1, args.number("concurrency", 64));
    const std::uint64_t max_per_host = args.number("max-connections-per-host", 0);
    const std::string cacert = args.text("cacert", "-");
    const double max_seconds = static_cast<double>(args.number("max-seconds", 300));
    azcore::bench::raise_fd_limit();

    net::io_context ioc(1);
    auto [transport, client] = azcore::bench::make_async_client(ioc, url, cacert, max_per_host, args.text("transport", "beast"));
    auto run = [&](std::uint64_t total) {
        auto work = std::make_shared<Work>();
        work->client = client.get();
        work->url = url;
        work->total = total;
        auto outcome = azcore::bench::run_spawned(
            ioc, concurrency, [&](std::uint64_t) { return worker(work); }, max_seconds);
        if (outcome.timed_out || outcome.failed_coroutines) {
            std::fprintf(stderr, "azcore_async_conc: %s %s\n", outcome.timed_out ? "timed out" : "",
                         outcome.first_failure.c_str());
            azcore::bench::rate_result("azcore_async_conc", work->completed, total - work->completed, 0)
                .add("concurrency", concurrency)
                .add("timed_out", outcome.timed_out ? 1 : 0)
                .print();
            std::_Exit(1);
        }
        return work;
    };

    run(concurrency);  // warm-up: every worker opens its connection once
    const azcore::bench::Stopwatch stopwatch;
    auto work = run(n);
    auto result = azcore::bench::rate_result("azcore_async_conc", work->completed, work->errors, stopwatch);
    if (!work->first_error.empty()) std::fprintf(stderr, "azcore_async_conc: first error: %s\n", work->first_error.c_str());
    result.add("concurrency", concurrency).add("max_connections_per_host", max_per_host).add("timed_out", 0);
    azcore::bench::add_pool(result, transport.connection_pool()).print();
    return work->errors == 0 ? 0 : 1;
}
