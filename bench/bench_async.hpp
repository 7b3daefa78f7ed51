#pragma once
// Shared by the async bench programs: run a batch of coroutines on one io_context thread, bounded
// in time, and build the client the same way in each program.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/net.hpp>
#include <azcore/transport/connection_configuration.hpp>

#include "bench_transport.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string_view>
#include <memory>
#include <string>

namespace azcore::bench {

namespace net = boost::asio;

/// An AsyncPipelineClient with the default policy list on ioc, over the transport named (the
/// default one, but for a CA bundle or a connection cap), kept for its connection_pool().
struct AsyncBenchClient {
    BenchTransport transport;
    std::unique_ptr<AsyncPipelineClient> client;
};

inline AsyncBenchClient make_async_client(net::io_context& ioc, const std::string& url, const std::string& cacert,
                                          std::size_t max_connections_per_host, const std::string& transport_name) {
    transport::ConnectionConfiguration config;
    if (cacert != "-") config.connection_verify = cacert;
    config.max_connections_per_host = max_connections_per_host;
    AsyncBenchClient made{.transport = make_async_transport(transport_name, ioc.get_executor(), std::move(config)), .client = nullptr};
    made.client = std::make_unique<AsyncPipelineClient>(url, ioc.get_executor(), PipelineClientOptions{.transport = made.transport.transport});
    return made;
}

/// Outcome of run_spawned.
struct SpawnOutcome {
    bool timed_out = false;
    std::uint64_t failed_coroutines = 0;  // coroutines that ended with an exception
    std::string first_failure{};
};

/// co_spawns make(i) for i in [0, count) on ioc and runs ioc on this thread until every one has
/// finished (then ioc is stopped and restarted, so it can be run again) or max_seconds have passed
/// (then the caller should exit: the coroutines still pending would resume on a later run).
template <class MakeCoroutine>
SpawnOutcome run_spawned(net::io_context& ioc, std::uint64_t count, MakeCoroutine make, double max_seconds) {
    struct State {
        explicit State(net::io_context& context, std::uint64_t count) : remaining(count), deadline(context) {}
        std::uint64_t remaining;
        SpawnOutcome outcome;
        net::steady_timer deadline;
    };
    if (count == 0) return {};
    auto state = std::make_shared<State>(ioc, count);
    state->deadline.expires_after(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(max_seconds)));
    state->deadline.async_wait([state, &ioc](const boost::system::error_code& ec) {
        if (ec) return;
        state->outcome.timed_out = true;
        ioc.stop();
    });
    for (std::uint64_t i = 0; i < count; ++i) {
        net::co_spawn(ioc, make(i), [state, &ioc](std::exception_ptr error) {
            if (error) {
                ++state->outcome.failed_coroutines;
                if (state->outcome.first_failure.empty()) {
                    try {
                        std::rethrow_exception(error);
                    } catch (const std::exception& e) {
                        state->outcome.first_failure = e.what();
                    } catch (...) {
                        state->outcome.first_failure = "unknown exception";
                    }
                }
            }
            if (--state->remaining == 0) {
                state->deadline.cancel();
                ioc.stop();
            }
        });
    }
    ioc.run();
    ioc.restart();
    return state->outcome;
}

}  // namespace azcore::bench
