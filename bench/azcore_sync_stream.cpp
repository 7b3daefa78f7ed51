// azcore_sync_stream: P4, sync face. One streamed GET of a large body, read with
// iter_bytes(chunk) into a null sink; MB/s and peak RSS.
//   azcore_sync_stream --url URL [--chunk 65536] [--cacert FILE]
#include <azcore/bytes.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "bench_util.hpp"

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv, "azcore_sync_stream --url URL [--chunk 65536] [--cacert FILE]");
    const std::string url = args.text("url");
    const std::uint64_t chunk = args.number("chunk", 65536);
    const std::string cacert = args.text("cacert", "-");

    azcore::PipelineClientOptions options;
    if (cacert != "-") {
        options.transport = std::make_shared<azcore::transport::CurlTransport>(
            azcore::transport::ConnectionConfiguration{.connection_verify = cacert});
    }
    azcore::PipelineClient client(url, std::move(options));

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
    azcore::bench::stream_result("azcore_sync_stream", bytes, chunk, seconds).add("errors", ok ? 0 : 1).print();
    return ok ? 0 : 1;
}
