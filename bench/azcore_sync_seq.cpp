// azcore_sync_seq: P1. PipelineClient with the DEFAULT policy list (no `policies` option) and its
// default CurlTransport, N sequential GETs, each body read. --tracing 1 turns tracing on, with
// azcore's SDK and an in-memory exporter (the cost of a span per request).
//   azcore_sync_seq --url URL [--n 20000] [--warmup 200] [--cacert FILE] [--tracing 0|1]
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/settings.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <string>

#include "bench_pool.hpp"
#include "bench_transport.hpp"
#include "bench_util.hpp"

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv, "azcore_sync_seq --url URL [--n 20000] [--warmup 200] [--cacert FILE] [--tracing 0|1] [--transport beast|beast-h2|curl]");
    const std::string url = args.text("url");
    const std::uint64_t n = args.number("n", 20000);
    const std::uint64_t warmup = args.number("warmup", 200);
    const std::string cacert = args.text("cacert", "-");
    const bool tracing = args.number("tracing", 0) != 0;
    const std::string transport_name = args.text("transport", "beast");
    auto exporter = std::make_shared<azcore::tracing::sdk::InMemorySpanExporter>();
    if (tracing) {
        azcore::tracing::set_tracer_provider(azcore::tracing::sdk::TracerProvider::create(
            {.processors = {std::make_shared<azcore::tracing::sdk::SimpleSpanProcessor>(exporter)}}));
        azcore::settings.tracing_enabled.set_value(true);
    }

    // The default transport (but for a CA bundle), kept for its connection_pool().
    azcore::transport::ConnectionConfiguration config;
    if (cacert != "-") config.connection_verify = cacert;
    const auto [transport, pool] = azcore::bench::make_sync_transport(transport_name, std::move(config));
    azcore::PipelineClient client(url, azcore::PipelineClientOptions{.transport = transport});

    std::string first_error;
    auto one = [&] {
        try {
            auto response = client.send_request(azcore::rest::HttpRequest("GET", url));
            const azcore::Bytes& body = response->read();
            return response->status_code() == 200 && !body.empty();
        } catch (const std::exception& error) {
            if (first_error.empty()) first_error = error.what();
            return false;
        }
    };
    for (std::uint64_t i = 0; i < warmup; ++i) one();
    std::uint64_t errors = 0;
    const azcore::bench::Stopwatch stopwatch;
    for (std::uint64_t i = 0; i < n; ++i) {
        if (!one()) ++errors;
    }
    auto result = azcore::bench::rate_result("azcore_sync_seq", n, errors, stopwatch);
    if (!first_error.empty()) std::fprintf(stderr, "azcore_sync_seq: first error: %s\n", first_error.c_str());
    if (tracing) result.add("spans", exporter->get_finished_spans().size());
    azcore::bench::add_pool(result, pool()).print();
    return errors == 0 ? 0 : 1;
}
