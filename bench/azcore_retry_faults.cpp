// azcore_retry_faults: P6. N GETs through AsyncPipelineClient (default policy list with a
// RetryPolicy) on one io_context thread, C at a time, against the test server's /flaky route. A
// seeded ~fault-percent of the requests are scripted to fail first, in equal shares: 429 with
// Retry-After: 0, 503, or a TCP reset before the status line; one faulted request in ten fails
// more often than the policy retries (a permanent fault). Every request has its own key, so the
// server's per-key counts (one /flaky/count at the end) show how often each was sent.
//
// Checked per request: a transient fault ends in 200 after exactly fail + 1 sends; a permanent one
// ends in the last 429/503 response or ServiceResponseError after exactly 1 + retry_status (or
// retry_read) sends; a healthy request is sent once. Never more than 1 + retry_total sends.
//
//   azcore_retry_faults [--url URL] [--n 10000] [--concurrency 64] [--fault-percent 10]
//                       [--kinds 429,503,reset] [--backoff-ms 10] [--seed 1] [--max-seconds 300]
// --kinds picks the faults injected (any of 429, 503, reset), in equal shares.
// Without --url an in-process test server is started (when built with the tests).
#include <azcore/async_pipeline_client.hpp>
#include <azcore/bytes.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/async_curl_transport.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#ifdef AZCORE_BENCH_WITH_TESTSERVER
#include <azcore/testserver/test_server.hpp>
#endif

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench_async.hpp"
#include "bench_util.hpp"

namespace {

namespace net = boost::asio;
using azcore::policies::RetryPolicy;
using azcore::policies::RetryPolicyOptions;

enum class Fault { None, TooManyRequests, Unavailable, Reset };

/// One request of the run: what the server is told to do and what must come back.
struct Plan {
    Fault fault = Fault::None;
    std::uint64_t fail = 0;  // how many sends fail before the server answers 200
    bool permanent = false;
    std::string target;
    // What happened.
    bool done = false;
    int status = 0;
    bool response_error = false;  // ServiceResponseError (or a subclass)
    std::string other_error;      // anything else
};

struct Work {
    const azcore::AsyncPipelineClient* client = nullptr;
    std::vector<Plan>* plans = nullptr;
    std::size_t next = 0;
};

net::awaitable<void> worker(std::shared_ptr<Work> work) {
    while (work->next < work->plans->size()) {
        Plan& plan = (*work->plans)[work->next++];
        try {
            azcore::rest::HttpRequest request("GET", plan.target);
            std::shared_ptr<azcore::rest::AsyncHttpResponse> response = co_await work->client->send_request(std::move(request));
            co_await response->read();
            plan.status = response->status_code();
        } catch (const azcore::exceptions::ServiceResponseError&) {
            plan.response_error = true;
        } catch (const std::exception& error) {
            plan.other_error = error.what();
        }
        plan.done = true;
    }
}

const char* fault_name(Fault fault) {
    switch (fault) {
        case Fault::None: return "none";
        case Fault::TooManyRequests: return "429";
        case Fault::Unavailable: return "503";
        case Fault::Reset: return "reset";
    }
    return "?";
}

}  // namespace

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv,
                             "azcore_retry_faults [--url URL] [--n 10000] [--concurrency 64] [--fault-percent 10] "
                             "[--kinds 429,503,reset] [--backoff-ms 10] [--seed 1] [--max-seconds 300]");
    std::vector<Fault> kinds;
    {
        const std::string list = args.text("kinds", "429,503,reset") + ",";
        for (std::size_t start = 0, comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1) {
            const std::string kind = list.substr(start, comma - start);
            if (kind == "429") kinds.push_back(Fault::TooManyRequests);
            else if (kind == "503") kinds.push_back(Fault::Unavailable);
            else if (kind == "reset") kinds.push_back(Fault::Reset);
            else if (!kind.empty()) args.fail("--kinds: unknown fault " + kind);
        }
        if (kinds.empty()) args.fail("--kinds: no fault named");
    }
    const std::uint64_t n = args.number("n", 10000);
    const std::uint64_t concurrency = std::max<std::uint64_t>(1, args.number("concurrency", 64));
    const std::uint64_t fault_percent = std::min<std::uint64_t>(100, args.number("fault-percent", 10));
    const double backoff = static_cast<double>(args.number("backoff-ms", 10)) / 1000.0;
    const std::uint64_t seed = args.number("seed", 1);
    const double max_seconds = static_cast<double>(args.number("max-seconds", 300));
    azcore::bench::raise_fd_limit();

    std::string url = args.text("url", "-");
#ifdef AZCORE_BENCH_WITH_TESTSERVER
    std::optional<azcore::testserver::TestServer> server;
    if (url == "-") {
        server.emplace();
        url = server->base_url();
    }
#endif
    if (url == "-") args.fail("--url is needed (this build has no in-process test server)");

    // The policy the checks below rely on: Python's counts, a short backoff so the run is quick.
    const RetryPolicyOptions retry{.retry_backoff_factor = backoff};
    const std::uint64_t max_sends = 1 + static_cast<std::uint64_t>(retry.retry_total);
    const std::uint64_t permanent_sends = 1 + static_cast<std::uint64_t>(std::min(retry.retry_status, retry.retry_read));

    // The plan: seeded, so every run (and every round of bench.sh) faults the same requests.
    const std::string run_id = std::to_string(std::random_device{}());
    std::mt19937_64 random(seed);
    std::vector<Plan> plans(n);
    std::uint64_t faulted = 0, permanent = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        Plan& plan = plans[i];
        std::string target = "/flaky?key=" + run_id + "-" + std::to_string(i);
        if (random() % 100 < fault_percent) {
            plan.fault = kinds[faulted % kinds.size()];
            plan.permanent = random() % 10 == 0;
            plan.fail = plan.permanent ? 1000 : 1 + random() % 2;
            ++faulted;
            permanent += plan.permanent ? 1 : 0;
            target += "&fail=" + std::to_string(plan.fail);
            if (plan.fault == Fault::TooManyRequests) target += "&status=429&header=Retry-After:0";
            if (plan.fault == Fault::Unavailable) target += "&status=503";
            if (plan.fault == Fault::Reset) target += "&mode=reset";
        } else {
            target += "&fail=0";
        }
        plan.target = std::move(target);
    }

    net::io_context ioc(1);
    azcore::Configuration config;
    config.retry_policy = std::make_shared<RetryPolicy>(retry);
    auto client = std::make_unique<azcore::AsyncPipelineClient>(
        url, ioc.get_executor(),
        azcore::PipelineClientOptions{.transport = std::make_shared<azcore::transport::AsyncCurlTransport>(ioc.get_executor()),
                                      .config = config});
    auto work = std::make_shared<Work>();
    work->client = client.get();
    work->plans = &plans;

    const auto start = azcore::bench::Clock::now();
    auto outcome = azcore::bench::run_spawned(
        ioc, std::min<std::uint64_t>(concurrency, std::max<std::uint64_t>(n, 1)), [&](std::uint64_t) { return worker(work); },
        max_seconds);
    const double seconds = azcore::bench::seconds_since(start);

    // How often the server saw each key.
    boost::json::object counts;
    std::uint64_t server_total = 0;
    auto fetch = [&]() -> net::awaitable<void> {
        azcore::rest::HttpRequest request("GET", "/flaky/count");
        auto response = co_await client->send_request(std::move(request));
        co_await response->read();
        boost::json::value body = response->json();
        counts = body.at("keys").as_object();
        server_total = body.at("total").to_number<std::uint64_t>();
    };
    auto fetched = azcore::bench::run_spawned(ioc, 1, [&](std::uint64_t) { return fetch(); }, 60);
    if (fetched.timed_out || fetched.failed_coroutines)
        std::fprintf(stderr, "azcore_retry_faults: could not read the counts: %s\n", fetched.first_failure.c_str());

    std::uint64_t ok = 0, expected_failures = 0, wrong = 0, count_mismatch = 0, over_limit = 0, expected_total = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        const Plan& plan = plans[i];
        const std::uint64_t expected_sends =
            plan.fault == Fault::None ? 1 : (plan.permanent ? permanent_sends : plan.fail + 1);
        expected_total += expected_sends;
        bool right = plan.done && plan.other_error.empty();
        if (right && !plan.permanent) right = plan.status == 200 && !plan.response_error;
        if (right && plan.permanent) {
            if (plan.fault == Fault::Reset) right = plan.response_error;
            else right = plan.status == (plan.fault == Fault::TooManyRequests ? 429 : 503);
        }
        std::uint64_t sends = 0;
        if (const auto* seen = counts.if_contains(run_id + "-" + std::to_string(i))) sends = seen->to_number<std::uint64_t>();
        if (sends > max_sends) ++over_limit;
        if (sends != expected_sends) ++count_mismatch;
        if (!right) {
            ++wrong;
            if (wrong <= 5)
                std::fprintf(stderr, "azcore_retry_faults: request %llu (%s, fail=%llu): status %d, response error %d, %s\n",
                             static_cast<unsigned long long>(i), fault_name(plan.fault),
                             static_cast<unsigned long long>(plan.fail), plan.status, plan.response_error ? 1 : 0,
                             plan.other_error.c_str());
        } else {
            (plan.permanent ? expected_failures : ok) += 1;
        }
        if (sends != expected_sends && count_mismatch <= 5)
            std::fprintf(stderr, "azcore_retry_faults: request %llu (%s, fail=%llu) was sent %llu times, expected %llu\n",
                         static_cast<unsigned long long>(i), fault_name(plan.fault), static_cast<unsigned long long>(plan.fail),
                         static_cast<unsigned long long>(sends), static_cast<unsigned long long>(expected_sends));
    }
    if (outcome.timed_out || outcome.failed_coroutines)
        std::fprintf(stderr, "azcore_retry_faults: %s %s\n", outcome.timed_out ? "timed out" : "", outcome.first_failure.c_str());

    const bool passed = !fetched.timed_out && fetched.failed_coroutines == 0 && !outcome.timed_out && outcome.failed_coroutines == 0 && wrong == 0 && count_mismatch == 0 &&
                        over_limit == 0 && server_total == expected_total;
    azcore::bench::rate_result("azcore_retry_faults", ok + expected_failures, wrong, seconds)
        .add("concurrency", concurrency)
        .add("kinds", args.text("kinds", "429,503,reset"))
        .add("faulted", faulted)
        .add("permanent", permanent)
        .add("succeeded", ok)
        .add("failed_as_expected", expected_failures)
        .add("server_requests", server_total)
        .add("expected_server_requests", expected_total)
        .add("count_mismatches", count_mismatch)
        .add("over_retry_limit", over_limit)
        .add("timed_out", outcome.timed_out ? 1 : 0)
        .add("passed", passed ? 1 : 0)
        .print();
    return passed ? 0 : 1;
}
