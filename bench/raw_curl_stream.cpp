// raw_curl_stream: the streaming floor. One GET of a large body into a write callback that only
// counts the bytes (a null sink); MB/s and peak RSS.
//   raw_curl_stream --url URL [--warmup 0] [--cacert FILE]
#include <curl/curl.h>

#include <cstdint>
#include <string>

#include "bench_util.hpp"

namespace {

std::size_t count(char*, std::size_t size, std::size_t items, void* user) {
    *static_cast<std::uint64_t*>(user) += size * items;
    return size * items;
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv, "raw_curl_stream --url URL [--warmup 0] [--cacert FILE]");
    const std::string url = args.text("url");
    const std::uint64_t warmup = args.number("warmup", 0);
    const std::string cacert = args.text("cacert", "-");

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* easy = curl_easy_init();
    std::uint64_t bytes = 0;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, 600L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, count);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &bytes);
    if (cacert != "-") curl_easy_setopt(easy, CURLOPT_CAINFO, cacert.c_str());

    long version = 0;  // CURL_HTTP_VERSION_*: over https curl offers HTTP/2 by default
    auto one = [&] {
        bytes = 0;
        long status = 0;
        if (curl_easy_perform(easy) != CURLE_OK) return false;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
        return status == 200;
    };
    // A warm-up streams the whole body too (bench.sh reads the file into the page cache instead).
    for (std::uint64_t i = 0; i < warmup; ++i) one();
    const auto start = azcore::bench::Clock::now();
    const bool ok = one();
    const double seconds = azcore::bench::seconds_since(start);
    curl_easy_cleanup(easy);
    curl_global_cleanup();
    azcore::bench::stream_result("raw_curl_stream", bytes, 0, seconds).add("errors", ok ? 0 : 1).add("http2", version == CURL_HTTP_VERSION_2_0 ? 1 : 0).print();
    return ok ? 0 : 1;
}
