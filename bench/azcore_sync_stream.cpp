// azcore_sync_stream: P4, sync face. One streamed GET of a large body, read with
// iter_bytes(chunk) into a null sink; MB/s and peak RSS.
//   azcore_sync_stream --url URL [--chunk 65536] [--cacert FILE]
#include <azcore/bytes.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "bench_pool.hpp"
#include "bench_transport.hpp"
#include "bench_util.hpp"

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv, "azcore_sync_stream --url URL [--chunk 65536] [--cacert FILE] [--transport beast|beast-h2|curl]");
    const std::string url = args.text("url");
    const std::uint64_t chunk = args.number("chunk", 65536);
    const std::string cacert = args.text("cacert", "-");

    // The default transport (but for a CA bundle), kept for its connection_pool().
    azcore::transport::ConnectionConfiguration config;
    if (cacert != "-") config.connection_verify = cacert;
    const auto [transport, pool] = azcore::bench::make_sync_transport(args.text("transport", "beast"), std::move(config));
    azcore::PipelineClient client(url, azcore::PipelineClientOptions{.transport = transport});

    std::uint64_t bytes = 0;
    bool ok = false;
    const auto start = azcore::bench::Clock::now();
    try {
        auto response = client.send_request(azcore::rest::HttpRequest("GET", url), {.stream = true});
        for (azcore::BytesView piece : response->iter_bytes(chunk)) bytes += piece.size();
        ok = response->status_code() == 200;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "azcore_sync_stream: %s\n", error.what());
    }
    const double seconds = azcore::bench::seconds_since(start);
    auto result = azcore::bench::stream_result("azcore_sync_stream", bytes, chunk, seconds);
    result.add("errors", ok ? 0 : 1);
    azcore::bench::add_pool(result, pool()).print();
    return ok ? 0 : 1;
}
