// fanout: 10,000 requests from one thread: one io_context, one AsyncPipelineClient, every request
// started at once as its own coroutine. The transport bounds the concurrency: it opens at most
// --connections connections to the host and queues the other requests until one is free. Every
// request is bounded by one shared deadline (the send raced against a timer; the loser is
// cancelled). Prints the count, the failures, the time taken and the connections opened; exits 1
// unless every request answered 200 in time.
//   fanout ENDPOINT [--path PATH] [--requests N] [--connections N] [--deadline SECONDS]
#include <azcore/async_pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/async_beast_transport.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <variant>

namespace {

namespace net = azcore::net;
using namespace net::experimental::awaitable_operators;
using Clock = std::chrono::steady_clock;

/// What the requests came to. One thread runs them all: plain counters, no locks.
struct Tally {
    std::size_t succeeded = 0;
    std::size_t failed = 0;
    std::size_t timed_out = 0;
    std::string first_failure{};

    void fail(std::string why) {
        ++failed;
        if (first_failure.empty()) first_failure = std::move(why);
    }
};

/// One request, raced against the batch's deadline.
net::awaitable<void> one_request(const azcore::AsyncPipelineClient& client, std::string path, std::size_t i,
                                 Clock::time_point deadline, Tally& tally) {
    net::steady_timer timer(co_await net::this_coro::executor, deadline);
    auto send = client.send_request(azcore::rest::HttpRequest("GET", path, {.params = {{"i", std::to_string(i)}}}));
    auto expire = timer.async_wait(net::use_awaitable);
    std::variant<std::shared_ptr<azcore::rest::AsyncHttpResponse>, std::monostate> outcome =
        co_await (std::move(send) || std::move(expire));
    if (outcome.index() == 1) {
        ++tally.timed_out;
    } else if (const int status = std::get<0>(outcome)->status_code(); status == 200) {
        ++tally.succeeded;
    } else {
        tally.fail("request " + std::to_string(i) + " answered " + std::to_string(status));
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"fanout: many requests at once from one thread, one client"};
    std::string endpoint;
    std::string path = "/echo";
    std::size_t requests = 10'000;
    std::size_t connections = 64;
    double deadline_seconds = 60;
    app.add_option("ENDPOINT", endpoint, "the service's base URL, e.g. http://127.0.0.1:8080")->required();
    app.add_option("--path", path, "the path every request GETs (?i=N added), /echo by default");
    app.add_option("--requests", requests, "how many requests")->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
    app.add_option("--connections", connections, "connections to the host at most")->check(CLI::Range(std::size_t{1}, std::size_t{1'000}));
    app.add_option("--deadline", deadline_seconds, "seconds for all of them")->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);

    try {
        net::io_context io(1);  // one thread: this one
        auto transport = std::make_shared<azcore::transport::AsyncBeastTransport>(
            io.get_executor(), azcore::transport::ConnectionConfiguration{.max_connections_per_host = connections});
        const azcore::AsyncPipelineClient client(endpoint, io.get_executor(), {.transport = transport});

        Tally tally;
        const Clock::time_point start = Clock::now();
        const Clock::time_point deadline =
            start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(deadline_seconds));
        for (std::size_t i = 0; i < requests; ++i)
            net::co_spawn(io, one_request(client, path, i, deadline, tally), [&tally, i](std::exception_ptr error) {
                if (!error) return;
                try {
                    std::rethrow_exception(error);
                } catch (const std::exception& e) {
                    tally.fail("request " + std::to_string(i) + ": " + e.what());
                } catch (...) {
                    tally.fail("request " + std::to_string(i) + ": an exception not derived from std::exception");
                }
            });
        io.run();  // returns when every request has ended
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

        std::uint64_t opened = 0;
        for (const azcore::transport::HostConnections& host : transport->connection_pool().hosts) opened += host.opened_total;
        std::cout << "fanout: " << requests << " requests on one thread, all started at once, at most " << connections
                  << " connections\n"
                  << "fanout: " << tally.succeeded << " succeeded, " << tally.failed << " failed, " << tally.timed_out
                  << " timed out\n"
                  << "fanout: " << elapsed << " s, " << static_cast<std::uint64_t>(requests / elapsed) << " requests/s\n"
                  << "fanout: " << opened << " connections opened\n";
        if (!tally.first_failure.empty()) std::cerr << "fanout: first failure: " << tally.first_failure << "\n";
        return tally.succeeded == requests ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "fanout: " << error.what() << "\n";
        return 1;
    }
}
