// raw_curl_multi: the concurrent floor. One curl multi handle on one thread, C easy handles kept
// busy until N GETs have completed (a finished handle is re-added for the next request).
// With --concurrency equal to --n and --warmup-rounds 0 it is also P5's floor: every request in
// flight at once (rss_before_kb is taken before any easy handle exists).
// The loop is curl's simplest correct one: perform, drain curl_multi_info_read, curl_multi_poll.
// Connections are not capped: each easy handle keeps its own keep-alive connection (C in total).
// For https URLs, CURLOPT_PIPEWAIT makes curl wait for a connection it can multiplex (HTTP/2)
// rather than open one per handle, as AsyncCurlTransport does.
//   raw_curl_multi --url URL [--n 50000] [--concurrency 64] [--warmup-rounds 1] [--cacert FILE]
//                  [--max-seconds 300] [--max-concurrent-streams S] [--same-request 0|1]
// --same-request 1 sends the request bytes azcore's default policies send (see raw_curl_easy).
// --max-concurrent-streams sets CURLMOPT_MAX_CONCURRENT_STREAMS (curl's default is 100 streams per
// HTTP/2 connection; beyond that curl opens more connections).
#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

struct Transfer {
    CURL* easy = nullptr;
    std::string body;
    std::string headers;
    curl_slist* request_headers = nullptr;
};

std::size_t append(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

struct Outcome {
    std::uint64_t completed = 0;
    std::uint64_t errors = 0;
    bool timed_out = false;
};

/// Runs `total` GETs at `concurrency` on multi; bounded by deadline.
/// Adds a transfer's next request to multi; with `same` (--same-request 1), with azcore's headers.
void add(CURLM* multi, Transfer& transfer, azcore::bench::SameRequestHeaders* same) {
    if (same != nullptr) {
        curl_slist_free_all(transfer.request_headers);
        transfer.request_headers = nullptr;
        for (const std::string& line : same->next())
            transfer.request_headers = curl_slist_append(transfer.request_headers, line.c_str());
        curl_easy_setopt(transfer.easy, CURLOPT_HTTPHEADER, transfer.request_headers);
    }
    curl_multi_add_handle(multi, transfer.easy);
}

Outcome run(CURLM* multi, std::vector<std::unique_ptr<Transfer>>& transfers, std::uint64_t total,
            azcore::bench::Clock::time_point deadline, azcore::bench::SameRequestHeaders* same) {
    Outcome outcome;
    std::uint64_t started = 0;
    for (auto& transfer : transfers) {
        if (started == total) break;
        add(multi, *transfer, same);
        ++started;
    }
    while (outcome.completed + outcome.errors < total) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL* easy = message->easy_handle;
            Transfer* transfer = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            const bool ok = message->data.result == CURLE_OK && status == 200 && !transfer->body.empty();
            ok ? ++outcome.completed : ++outcome.errors;
            curl_multi_remove_handle(multi, easy);
            transfer->body.clear();
            transfer->headers.clear();
            if (started < total) {
                add(multi, *transfer, same);
                ++started;
            }
        }
        if (outcome.completed + outcome.errors == total) break;
        if (azcore::bench::Clock::now() > deadline) {
            outcome.timed_out = true;
            break;
        }
        curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    return outcome;
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv,
                             "raw_curl_multi --url URL [--n 50000] [--concurrency 64] [--warmup-rounds 1] "
                             "[--cacert FILE] [--max-seconds 300] [--max-concurrent-streams S] [--same-request 0|1]");
    const std::string url = args.text("url");
    const std::uint64_t n = args.number("n", 50000);
    const std::uint64_t concurrency = std::max<std::uint64_t>(1, args.number("concurrency", 64));
    const std::uint64_t warmup_rounds = args.number("warmup-rounds", 1);
    const std::string cacert = args.text("cacert", "-");
    const bool same_request = args.number("same-request", 0) != 0;
    azcore::bench::SameRequestHeaders same;
    const auto deadline = azcore::bench::Clock::now() + std::chrono::seconds(args.number("max-seconds", 300));

    azcore::bench::raise_fd_limit();
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const long rss_before = azcore::bench::current_rss_kb();  // before any per-request state exists
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(concurrency));
    const std::uint64_t streams = args.number("max-concurrent-streams", 0);
    if (streams != 0) curl_multi_setopt(multi, CURLMOPT_MAX_CONCURRENT_STREAMS, static_cast<long>(streams));
    std::vector<std::unique_ptr<Transfer>> transfers;
    for (std::uint64_t i = 0; i < concurrency; ++i) {
        auto transfer = std::make_unique<Transfer>();
        CURL* easy = curl_easy_init();
        transfer->easy = easy;
        curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT, 60L);
        curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer->body);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, append);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer->headers);
        if (cacert != "-") curl_easy_setopt(easy, CURLOPT_CAINFO, cacert.c_str());
        if (url.rfind("https://", 0) == 0) curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
        transfers.push_back(std::move(transfer));
    }

    // Warm-up: every handle opens its connection once.
    run(multi, transfers, warmup_rounds * concurrency, deadline, same_request ? &same : nullptr);
    const azcore::bench::Stopwatch stopwatch;
    Outcome outcome = run(multi, transfers, n, deadline, same_request ? &same : nullptr);
    const std::uint64_t failed = outcome.errors + (n - outcome.completed - outcome.errors);
    auto result = azcore::bench::rate_result("raw_curl_multi", outcome.completed, failed, stopwatch);

    for (auto& transfer : transfers) {
        curl_multi_remove_handle(multi, transfer->easy);
        curl_easy_cleanup(transfer->easy);
        curl_slist_free_all(transfer->request_headers);
    }
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    result.add("concurrency", concurrency)
        .add("max_concurrent_streams", streams)
        .add("rss_before_kb", rss_before)
        .add("timed_out", outcome.timed_out ? 1 : 0)
        .add("same_request", same_request ? 1 : 0)
        .print();
    return failed == 0 ? 0 : 1;
}
