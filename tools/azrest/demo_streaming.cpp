// Step: a large body streamed in constant memory, and content decoding.
#include "demo_tour.hpp"

#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <algorithm>
#include <chrono>
#include <string>

namespace azrest::demo {

void streaming_step(Tour& tour) {
    azcore::PipelineClient client(tour.base_url());
    const std::size_t size = 64u << 20;
    const auto start = std::chrono::steady_clock::now();
    auto streamed = client.send_request(azcore::rest::HttpRequest("GET", "/bytes/" + std::to_string(size)), {.stream = true});
    std::size_t total = 0, chunks = 0, largest = 0;
    for (azcore::BytesView chunk : streamed->iter_bytes(65536)) {
        total += chunk.size();
        ++chunks;
        largest = std::max(largest, chunk.size());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    tour.say("iter_bytes(64 KiB): {} bytes in {} chunks (largest {}), {:.0f} MB/s", total, chunks, largest, total / seconds / 1e6);
    tour.check(total == size, "every byte of the 64 MiB body arrives");
    tour.check(largest <= 65536, "no chunk is larger than asked for");

    for (const char* coding : {"gzip", "br", "zstd"}) {
        const std::string path = std::string("/encoding/") + coding + "?size=100000";
        auto decoded = client.send_request(azcore::rest::HttpRequest("GET", path));
        auto raw = client.send_request(azcore::rest::HttpRequest("GET", path), {.stream = true});
        std::size_t raw_size = 0;
        for (azcore::BytesView chunk : raw->iter_raw()) raw_size += chunk.size();
        tour.say("{:4}: {} bytes on the wire (iter_raw) -> {} bytes of text (content)", coding, raw_size, decoded->content().size());
        tour.check(decoded->content().size() == 100000, std::string(coding) + " is decoded to the 100000 bytes sent");
        tour.check(raw_size < 100000, std::string(coding) + " arrives compressed");
    }
}

}  // namespace azrest::demo
