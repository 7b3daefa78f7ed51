// raw_curl_easy: the sequential floor. One reused libcurl easy handle, N GETs one after another,
// each body (and the header lines) collected into a buffer, as any client must.
// --same-request 1 sends the request bytes azcore's default policies send (bench_util.hpp's
// SameRequestHeaders): the floor for the same work on the wire, not only the same round trips.
//   raw_curl_easy --url URL [--n 20000] [--warmup 200] [--cacert FILE] [--same-request 0|1]
#include <curl/curl.h>

#include <cstdint>
#include <string>

#include "bench_util.hpp"

namespace {

std::size_t append(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv, "raw_curl_easy --url URL [--n 20000] [--warmup 200] [--cacert FILE] [--same-request 0|1]");
    const std::string url = args.text("url");
    const std::uint64_t n = args.number("n", 20000);
    const std::uint64_t warmup = args.number("warmup", 200);
    const std::string cacert = args.text("cacert", "-");
    const bool same_request = args.number("same-request", 0) != 0;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* easy = curl_easy_init();
    std::string body;
    std::string headers;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, append);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &headers);
    if (cacert != "-") curl_easy_setopt(easy, CURLOPT_CAINFO, cacert.c_str());
    azcore::bench::SameRequestHeaders same;
    curl_slist* request_headers = nullptr;

    std::uint64_t errors = 0;
    auto one = [&] {
        body.clear();
        headers.clear();
        if (same_request) {
            curl_slist_free_all(request_headers);
            request_headers = nullptr;
            for (const std::string& line : same.next()) request_headers = curl_slist_append(request_headers, line.c_str());
            curl_easy_setopt(easy, CURLOPT_HTTPHEADER, request_headers);
        }
        long status = 0;
        if (curl_easy_perform(easy) != CURLE_OK) return false;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        return status == 200 && !body.empty();
    };
    for (std::uint64_t i = 0; i < warmup; ++i) one();
    const azcore::bench::Stopwatch stopwatch;
    for (std::uint64_t i = 0; i < n; ++i) {
        if (!one()) ++errors;
    }
    auto result = azcore::bench::rate_result("raw_curl_easy", n, errors, stopwatch);
    curl_easy_cleanup(easy);
    curl_slist_free_all(request_headers);
    curl_global_cleanup();
    result.add("same_request", same_request ? 1 : 0).print();
    return errors == 0 ? 0 : 1;
}
