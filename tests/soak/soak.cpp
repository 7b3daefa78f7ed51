// azcore_soak: sync and async clients sending a seeded mix of requests to an in-process test server
// for a bounded time, with about --fault-percent of them scripted to fail (resets and 503s that the
// retry policy absorbs, stalls past read_timeout, bodies shorter than their Content-Length). Every
// request's outcome is checked against what its route must give. RSS and open file descriptors are
// sampled; after warm-up they must not grow. The server is a separate process (azcore-testserver), so
// that only the clients are measured. Prints a markdown table of the samples.
//
//   azcore_soak [--seconds 300] [--sync-threads 2] [--async-concurrency 16] [--fault-percent 5]
//               [--sample-seconds 10] [--max-rss-growth-mib 8] [--max-fd-growth 4] [--seed 1]
// Exit status 0 only when every outcome was the expected one and nothing grew.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/peer_process.hpp"
#include "support/process_stats.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Args {
    double seconds = 300;
    int sync_threads = 2;
    int async_concurrency = 16;
    int fault_percent = 5;
    double sample_seconds = 10;
    double max_rss_growth_mib = 8;
    long max_fd_growth = 4;
    std::uint64_t seed = 1;
};

Args parse_args(int argc, char** argv) {
    Args args;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const double value = std::stod(argv[i + 1]);
        if (name == "--seconds") args.seconds = value;
        else if (name == "--sync-threads") args.sync_threads = static_cast<int>(value);
        else if (name == "--async-concurrency") args.async_concurrency = static_cast<int>(value);
        else if (name == "--fault-percent") args.fault_percent = static_cast<int>(value);
        else if (name == "--sample-seconds") args.sample_seconds = value;
        else if (name == "--max-rss-growth-mib") args.max_rss_growth_mib = value;
        else if (name == "--max-fd-growth") args.max_fd_growth = static_cast<long>(value);
        else if (name == "--seed") args.seed = static_cast<std::uint64_t>(value);
        else throw std::invalid_argument("unknown option " + name);
    }
    if (argc % 2 == 0) throw std::invalid_argument("options come in pairs: --name value");
    return args;
}

/// The kinds of request in the mix: healthy ones first, then the injected faults.
enum class Kind { Echo, Bytes, Gzip, Upload, NotFound, Stream, FlakyReset, Flaky503, Stall, Short };
constexpr Kind healthy_kinds[] = {Kind::Echo, Kind::Bytes, Kind::Gzip, Kind::Upload, Kind::NotFound, Kind::Stream};
constexpr Kind fault_kinds[] = {Kind::FlakyReset, Kind::Flaky503, Kind::Stall, Kind::Short};
constexpr std::size_t kind_count = 10;
const char* const kind_names[kind_count] = {"echo", "bytes", "gzip", "upload", "404", "stream",
                                            "flaky-reset", "flaky-503", "stall", "short"};

constexpr std::size_t bytes_size = 65536;
constexpr std::size_t gzip_size = 20000;
constexpr std::size_t upload_size = 16384;
constexpr std::size_t stream_size = 262144;

/// One request of the mix and the options it is sent with.
struct Call {
    Kind kind = Kind::Echo;
    std::string method = "GET";
    std::string target;
    azcore::SendRequestOptions options{};
    bool has_body = false;
};

Call plan(Kind kind, std::uint64_t id) {
    Call call;
    call.kind = kind;
    const std::string key = "soak-" + std::to_string(id);
    switch (kind) {
        case Kind::Echo: call.target = "/echo"; break;
        case Kind::Bytes: call.target = "/bytes/" + std::to_string(bytes_size); break;
        case Kind::Gzip: call.target = "/encoding/gzip?size=" + std::to_string(gzip_size); break;
        case Kind::Upload:
            call.method = "PUT";
            call.target = "/upload";
            call.has_body = true;
            break;
        case Kind::NotFound: call.target = "/status/404"; break;
        case Kind::Stream:
            call.target = "/bytes/" + std::to_string(stream_size) + "?chunked=1";
            call.options.stream = true;
            break;
        case Kind::FlakyReset: call.target = "/flaky?key=" + key + "&fail=1&mode=reset"; break;
        case Kind::Flaky503: call.target = "/flaky?key=" + key + "&fail=1&status=503"; break;
        case Kind::Stall:
            call.target = "/stall?bytes=1000&after=10";
            call.options.kwargs = {{"read_timeout", 0.3}, {"retry_total", 0}};
            break;
        case Kind::Short:
            call.target = "/short?declared=1000&actual=500";
            call.options.kwargs = {{"retry_total", 0}};
            break;
    }
    return call;
}

azcore::rest::HttpRequest make_request(const Call& call) {
    azcore::rest::HttpRequestOptions options;
    if (call.has_body) options.content = azcore::Bytes(upload_size, std::uint8_t{'s'});
    return azcore::rest::HttpRequest(call.method, call.target, std::move(options));
}

/// Empty when the response is what the call's route must give; else what was wrong.
std::string check_response(Kind kind, int status, const azcore::Bytes& body) {
    auto expect = [&](int wanted_status, std::size_t wanted_size) -> std::string {
        if (status != wanted_status) return "status " + std::to_string(status);
        if (wanted_size != 0 && body.size() != wanted_size) return "body of " + std::to_string(body.size()) + " bytes";
        return {};
    };
    switch (kind) {
        case Kind::Echo:
        case Kind::FlakyReset:
        case Kind::Flaky503: return expect(200, 0);
        case Kind::Bytes: return expect(200, bytes_size);
        case Kind::Gzip: return expect(200, gzip_size);
        case Kind::Upload: {
            if (auto wrong = expect(200, 0); !wrong.empty()) return wrong;
            auto json = boost::json::parse(std::string(body.begin(), body.end()));
            return json.at("length").to_number<std::uint64_t>() == upload_size ? "" : "upload length";
        }
        case Kind::NotFound: return expect(404, 0);
        case Kind::Stream: return expect(200, stream_size);
        case Kind::Stall:
        case Kind::Short: return "a response instead of an error";
    }
    return "unknown kind";
}

/// Empty when the exception is the one the call's route must raise.
std::string check_error(Kind kind, const std::exception& error) {
    if (kind == Kind::Stall && dynamic_cast<const azcore::exceptions::ServiceResponseTimeoutError*>(&error)) return {};
    if (kind == Kind::Short && dynamic_cast<const azcore::exceptions::IncompleteReadError*>(&error)) return {};
    return std::string("exception: ") + error.what();
}

struct Tally {
    std::atomic<std::uint64_t> sync_done{0};
    std::atomic<std::uint64_t> async_done{0};
    std::atomic<std::uint64_t> faults{0};
    std::atomic<std::uint64_t> unexpected{0};
    std::atomic<std::uint64_t> by_kind[kind_count] = {};
    std::mutex mutex;
    std::vector<std::string> first_unexpected;

    void record(Kind kind, const std::string& wrong) {
        by_kind[static_cast<std::size_t>(kind)]++;
        if (std::find(std::begin(fault_kinds), std::end(fault_kinds), kind) != std::end(fault_kinds)) faults++;
        if (wrong.empty()) return;
        unexpected++;
        std::lock_guard lock(mutex);
        if (first_unexpected.size() < 10) first_unexpected.push_back(std::string(kind_names[static_cast<std::size_t>(kind)]) + ": " + wrong);
    }
};

/// Picks kinds: fault_percent of them faults, in equal shares.
class Mix {
public:
    Mix(std::uint64_t seed, int fault_percent) : random_(seed), fault_percent_(fault_percent) {}
    Kind next() {
        if (static_cast<int>(random_() % 100) < fault_percent_) return fault_kinds[random_() % std::size(fault_kinds)];
        return healthy_kinds[random_() % std::size(healthy_kinds)];
    }

private:
    std::mt19937_64 random_;
    int fault_percent_;
};

std::atomic<std::uint64_t> next_id{0};

void sync_worker(const azcore::PipelineClient& client, Mix mix, Clock::time_point stop, Tally& tally) {
    while (Clock::now() < stop) {
        const Call call = plan(mix.next(), next_id++);
        std::string wrong;
        try {
            auto response = client.send_request(make_request(call), call.options);
            azcore::Bytes body;
            if (call.options.stream) {
                for (azcore::BytesView chunk : response->iter_bytes(16384)) body.insert(body.end(), chunk.begin(), chunk.end());
            } else {
                body = response->content();
            }
            wrong = check_response(call.kind, response->status_code(), body);
        } catch (const std::exception& error) {
            wrong = check_error(call.kind, error);
        }
        tally.record(call.kind, wrong);
        tally.sync_done++;
    }
}

net::awaitable<void> async_worker(const azcore::AsyncPipelineClient& client, Mix mix, Clock::time_point stop, Tally& tally) {
    while (Clock::now() < stop) {
        const Call call = plan(mix.next(), next_id++);
        std::string wrong;
        try {
            azcore::rest::HttpRequest request = make_request(call);
            auto response = co_await client.send_request(std::move(request), call.options);
            azcore::Bytes body;
            if (call.options.stream) {
                auto chunks = response->iter_bytes(16384);
                while (auto chunk = co_await chunks.next()) body.insert(body.end(), chunk->begin(), chunk->end());
            } else {
                body = response->content();
            }
            wrong = check_response(call.kind, response->status_code(), body);
        } catch (const std::exception& error) {
            wrong = check_error(call.kind, error);
        }
        tally.record(call.kind, wrong);
        tally.async_done++;
    }
}

struct Sample {
    double seconds;
    std::uint64_t sync_done;
    std::uint64_t async_done;
    std::uint64_t faults;
    std::uint64_t unexpected;
    long rss_kib;
    long fds;
    double server_rss_mib;
};

}  // namespace

int main(int argc, char** argv) try {
    const Args args = parse_args(argc, argv);
    azcore::test::TempDir logs;
    const std::uint16_t port = azcore::test::free_loopback_port();
    azcore::test::PeerProcess server({AZCORE_TESTSERVER_BINARY, "--port", std::to_string(port), "--threads", "2"}, ".",
                                     logs.file("testserver.log"));
    for (int i = 0; i < 100 && !azcore::test::answers_http(port); ++i) std::this_thread::sleep_for(50ms);
    const std::string base_url = "http://127.0.0.1:" + std::to_string(port);

    azcore::Configuration config;
    config.retry_policy = std::make_shared<azcore::policies::RetryPolicy>(
        azcore::policies::RetryPolicyOptions{.retry_backoff_factor = 0.01});
    const azcore::PipelineClient sync_client(base_url, {.config = config});
    net::io_context io(1);
    const azcore::AsyncPipelineClient async_client(base_url, io.get_executor(), {.config = config});

    const auto start = Clock::now();
    const auto stop = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(args.seconds));
    Tally tally;
    std::vector<std::thread> threads;
    for (int i = 0; i < args.sync_threads; ++i)
        threads.emplace_back(sync_worker, std::cref(sync_client), Mix(args.seed * 1000 + static_cast<std::uint64_t>(i), args.fault_percent),
                             stop, std::ref(tally));
    for (int i = 0; i < args.async_concurrency; ++i)
        net::co_spawn(io, async_worker(async_client, Mix(args.seed * 1000 + 500 + static_cast<std::uint64_t>(i), args.fault_percent), stop, tally),
                      [&tally](std::exception_ptr error) {
                          if (error) tally.record(Kind::Echo, "async worker ended with an exception");
                      });
    threads.emplace_back([&io] { io.run(); });

    std::vector<Sample> samples;
    auto sample = [&] {
        samples.push_back({std::chrono::duration<double>(Clock::now() - start).count(), tally.sync_done.load(),
                           tally.async_done.load(), tally.faults.load(), tally.unexpected.load(),
                           static_cast<long>(azcore::test::rss_bytes() / 1024), static_cast<long>(azcore::test::open_fds()),
                           static_cast<double>(server.rss_bytes()) / (1024.0 * 1024.0)});
    };
    sample();
    const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(args.sample_seconds));
    for (auto next = start + interval; next < stop; next += interval) {
        std::this_thread::sleep_until(next);
        sample();
    }
    for (auto& thread : threads) thread.join();
    sample();

    std::printf("| t (s) | sync requests | async requests | injected faults | unexpected | RSS (MiB) | open fds | server RSS (MiB) |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Sample& s : samples)
        std::printf("| %.0f | %llu | %llu | %llu | %llu | %.1f | %ld | %.1f |\n", s.seconds, static_cast<unsigned long long>(s.sync_done),
                    static_cast<unsigned long long>(s.async_done), static_cast<unsigned long long>(s.faults),
                    static_cast<unsigned long long>(s.unexpected), static_cast<double>(s.rss_kib) / 1024.0, s.fds, s.server_rss_mib);
    std::printf("\nby kind:");
    for (std::size_t i = 0; i < kind_count; ++i) std::printf(" %s=%llu", kind_names[i], static_cast<unsigned long long>(tally.by_kind[i].load()));
    std::printf("\n");

    // Growth: the sample at the end of warm-up (a fifth of the run) against the highest after it.
    const std::size_t warm = std::max<std::size_t>(2, samples.size() / 5);
    long peak_rss = 0, peak_fds = 0;
    for (std::size_t i = warm; i < samples.size(); ++i) {
        peak_rss = std::max(peak_rss, samples[i].rss_kib);
        peak_fds = std::max(peak_fds, samples[i].fds);
    }
    const double rss_growth_mib = static_cast<double>(peak_rss - samples[warm - 1].rss_kib) / 1024.0;
    const long fd_growth = peak_fds - samples[warm - 1].fds;
    std::printf("after warm-up (t=%.0f s): RSS growth %.1f MiB (limit %.0f), fd growth %ld (limit %ld)\n",
                samples[warm - 1].seconds, rss_growth_mib, args.max_rss_growth_mib, fd_growth, args.max_fd_growth);

    bool ok = true;
    if (tally.unexpected != 0) {
        ok = false;
        std::printf("FAIL: %llu unexpected outcomes, first ones:\n", static_cast<unsigned long long>(tally.unexpected.load()));
        for (const auto& what : tally.first_unexpected) std::printf("  %s\n", what.c_str());
    }
    if (tally.sync_done == 0 || tally.async_done == 0 || tally.faults == 0) {
        ok = false;
        std::printf("FAIL: a face sent nothing or no fault was injected\n");
    }
    if (rss_growth_mib > args.max_rss_growth_mib) ok = (std::printf("FAIL: RSS grew\n"), false);
    if (fd_growth > args.max_fd_growth) ok = (std::printf("FAIL: open fds grew\n"), false);
    std::printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
} catch (const std::exception& error) {
    std::fprintf(stderr, "azcore_soak: %s\n", error.what());
    return 2;
}
