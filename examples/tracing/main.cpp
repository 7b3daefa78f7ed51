// tracing: spans of a few client calls exported to an OpenTelemetry collector over OTLP/HTTP.
// azcore's tracing SDK: a TracerProvider whose BatchSpanProcessor hands the spans to an
// OtlpHttpSpanExporter (and, to print them here, a SimpleSpanProcessor to an
// InMemorySpanExporter). ThingsClient.get_thing is retried once (two GET spans under it);
// AsyncThingsClient.put_thing makes one PUT. Prints the span tree; exits 1 unless all five spans
// reached the collector.
//   tracing ENDPOINT COLLECTOR_URL     (COLLECTOR_URL e.g. http://127.0.0.1:4318/v1/traces)
#include "things_client.hpp"

#include <azcore/settings.hpp>
#include <azcore/tracing/sdk/batch_span_processor.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/otlp_http_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/tracing/tracer.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

namespace {

namespace net = azcore::net;
namespace sdk = azcore::tracing::sdk;

}  // namespace

int main(int argc, char** argv) try {
    if (argc != 3) {
        std::cerr << "usage: tracing ENDPOINT COLLECTOR_URL\n";
        return 2;
    }
    const std::string endpoint = argv[1];

    // Set up once at start: spans go in batches to the collector, off the callers' threads.
    auto exporter = std::make_shared<sdk::OtlpHttpSpanExporter>(
        sdk::OtlpHttpSpanExporterOptions{.endpoint = argv[2], .resource = azcore::tracing::Attributes{{"service.name", "tracing-example"}}});
    auto batches = std::make_shared<sdk::BatchSpanProcessor>(exporter);
    auto memory = std::make_shared<sdk::InMemorySpanExporter>();
    auto provider = sdk::TracerProvider::create({.processors = {batches, std::make_shared<sdk::SimpleSpanProcessor>(memory)}});
    azcore::tracing::set_tracer_provider(provider);
    azcore::settings.tracing_enabled.set_value(true);  // or AZURE_TRACING_ENABLED=true

    const contoso::ThingsClient things(endpoint);
    const int got = things.get_thing("tracing-example-" + std::to_string(::getpid()));  // a key of this run: fails once
    std::cout << "ThingsClient.get_thing: " << got << "\n";

    net::io_context io;
    const contoso::AsyncThingsClient async_things(endpoint, io.get_executor());
    auto put = net::co_spawn(io, async_things.put_thing("a thing"), net::use_future);
    io.run();
    std::cout << "AsyncThingsClient.put_thing: " << put.get() << "\n";

    // At exit: export what is queued, then stop.
    const bool flushed = provider->force_flush(std::chrono::seconds(20));
    const sdk::BatchSpanProcessorStats stats = batches->stats();
    provider->shutdown();
    azcore::tracing::set_tracer_provider(nullptr);

    std::cout << "spans:\n" << sdk::format_span_tree(memory->get_finished_spans());
    std::cout << "exported " << stats.exported << " spans to " << exporter->endpoint() << ", " << stats.export_failed
              << " failed, " << stats.dropped << " dropped\n";
    const bool ok = flushed && stats.exported == 5 && stats.export_failed == 0 && stats.dropped == 0;
    if (!ok) std::cerr << "tracing: the collector did not get the five spans\n";
    return ok ? 0 : 1;
} catch (const std::exception& error) {
    std::cerr << "tracing: " << error.what() << "\n";
    return 1;
}
