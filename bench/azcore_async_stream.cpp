// azcore_async_stream: P4, async face. One streamed GET of a large body on one io_context thread,
// read with iter_bytes(chunk) into a null sink; MB/s and peak RSS.
//   azcore_async_stream --url URL [--chunk 65536] [--cacert FILE] [--max-seconds 600]
#include <azcore/async_pipeline_client.hpp>
#include <azcore/bytes.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "bench_async.hpp"
#include "bench_pool.hpp"
#include "bench_util.hpp"

namespace {

namespace net = boost::asio;

struct Download {
    const azcore::AsyncPipelineClient* client = nullptr;
    std::string url;
    std::size_t chunk = 0;
    std::uint64_t bytes = 0;
    bool ok = false;
};

net::awaitable<void> download(std::shared_ptr<Download> state) {
    azcore::rest::HttpRequest request("GET", state->url);
    std::shared_ptr<azcore::rest::AsyncHttpResponse> response =
        co_await state->client->send_request(std::move(request), {.stream = true});
    azcore::rest::AsyncByteChunks chunks = response->iter_bytes(state->chunk);
    for (;;) {
        std::optional<azcore::BytesView> piece = co_await chunks.next();
        if (!piece) break;
        state->bytes += piece->size();
    }
    state->ok = response->status_code() == 200;
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv,
                             "azcore_async_stream --url URL [--chunk 65536] [--cacert FILE] [--max-seconds 600] [--transport beast|beast-h2|curl]");
    const std::string url = args.text("url");
    const std::uint64_t chunk = args.number("chunk", 65536);
    const std::string cacert = args.text("cacert", "-");
    const double max_seconds = static_cast<double>(args.number("max-seconds", 600));

    net::io_context ioc(1);
    auto [transport, client] = azcore::bench::make_async_client(ioc, url, cacert, 0, args.text("transport", "beast"));
    auto state = std::make_shared<Download>();
    state->client = client.get();
    state->url = url;
    state->chunk = chunk;
    const auto start = azcore::bench::Clock::now();
    auto outcome = azcore::bench::run_spawned(
        ioc, 1, [&](std::uint64_t) { return download(state); }, max_seconds);
    const double seconds = azcore::bench::seconds_since(start);
    if (!outcome.first_failure.empty()) std::fprintf(stderr, "azcore_async_stream: %s\n", outcome.first_failure.c_str());
    const bool ok = state->ok && !outcome.timed_out && outcome.failed_coroutines == 0;
    auto result = azcore::bench::stream_result("azcore_async_stream", state->bytes, chunk, seconds);
    result.add("errors", ok ? 0 : 1).add("timed_out", outcome.timed_out ? 1 : 0);
    azcore::bench::add_pool(result, transport.connection_pool()).print();
    if (outcome.timed_out) std::_Exit(1);
    return ok ? 0 : 1;
}
