#pragma once
// Shared by the bench programs: `--name value` arguments, a clock, CPU time, peak RSS, and the one
// machine-readable line each program prints:
//   RESULT name=<program> key=value ...
// scripts/bench.sh collects these lines; nothing else on stdout is parsed.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::bench {

/// `--name value` pairs; anything else is an error (the programs are driven by scripts/bench.sh).
class Args {
public:
    Args(int argc, char** argv, std::string usage) : usage_(std::move(usage)) {
        for (int i = 1; i < argc; ++i) {
            std::string_view arg = argv[i];
            if (arg == "--help" || arg == "-h") fail("");
            if (arg.substr(0, 2) != "--" || i + 1 >= argc) fail("bad argument: " + std::string(arg));
            values_[std::string(arg.substr(2))] = argv[++i];
        }
    }

    std::string text(const std::string& name, std::string fallback = {}) const {
        auto it = values_.find(name);
        if (it != values_.end()) return it->second;
        if (fallback.empty()) fail("missing --" + name);
        return fallback;
    }

    std::uint64_t number(const std::string& name, std::uint64_t fallback) const {
        auto it = values_.find(name);
        if (it == values_.end()) return fallback;
        char* end = nullptr;
        unsigned long long value = std::strtoull(it->second.c_str(), &end, 10);
        if (end == it->second.c_str() || *end != '\0') fail("--" + name + " is not a number");
        return value;
    }

    [[noreturn]] void fail(const std::string& problem) const {
        if (!problem.empty()) std::fprintf(stderr, "%s\n", problem.c_str());
        std::fprintf(stderr, "usage: %s\n", usage_.c_str());
        std::exit(2);
    }

private:
    std::string usage_;
    std::map<std::string, std::string> values_;
};

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU time this process has used so far (user + system, every thread), in seconds (getrusage).
inline double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// The wall-clock and CPU time of a measured stretch, from its construction.
struct Stopwatch {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_seconds();

    double seconds() const { return seconds_since(wall); }
    double cpu_used() const { return cpu_seconds() - cpu; }
};

/// Peak resident set size of this process so far, in KiB (getrusage).
inline long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/// Current resident set size in KiB (VmRSS of /proc/self/status); 0 if unreadable.
inline long current_rss_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return 0;
}

/// Raises the soft open-file limit to the hard one (P5 holds thousands of sockets); the new limit.
inline std::uint64_t raise_fd_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

/// The headers azcore's default policies add to a GET, for a raw program asked to send the same
/// request bytes (`--same-request 1`): a fresh `x-ms-client-request-id` each time, a `User-Agent`
/// as long as azcore's, and the `Accept-Encoding` line azcore's curl transport adds (the codings
/// it decodes). `next()` gives the lines for one request.
class SameRequestHeaders {
public:
    const std::vector<std::string>& next() {
        static constexpr char hex[] = "0123456789abcdef";
        std::string id(36, '-');
        std::uint64_t bits[2] = {random_(), random_()};
        for (int i = 0, nibble = 0; i < 36; ++i) {
            if (i == 8 || i == 13 || i == 18 || i == 23) continue;
            id[i] = hex[(bits[nibble / 16] >> (4 * (nibble % 16))) & 0xF];
            ++nibble;
        }
        lines_[0] = "x-ms-client-request-id: " + id;
        return lines_;
    }

private:
    std::mt19937_64 random_{std::random_device{}()};
    std::vector<std::string> lines_{"", "User-Agent: azsdk-cpp-azcore/0.1.0 (GCC/12.2.0; Linux-6.18.44-fc-v1147-x86_64)",
                                    "Accept-Encoding: deflate, gzip, br, zstd"};
};

/// Builds and prints `RESULT name=... key=value ...` on one line.
class Result {
public:
    explicit Result(std::string_view name) { out_ << "RESULT name=" << name; }
    template <class T>
    Result& add(std::string_view key, const T& value) {
        out_ << ' ' << key << '=' << value;
        return *this;
    }
    Result& add_fixed(std::string_view key, double value, int decimals) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
        out_ << ' ' << key << '=' << buffer;
        return *this;
    }
    void print() const {
        std::printf("%s\n", out_.str().c_str());
        std::fflush(stdout);
    }

private:
    std::ostringstream out_;
};

/// The common fields of a request-rate result.
inline Result rate_result(std::string_view name, std::uint64_t requests, std::uint64_t errors, double seconds) {
    Result result(name);
    result.add("n", requests).add("errors", errors).add_fixed("seconds", seconds, 4);
    result.add_fixed("req_per_s", seconds > 0 ? static_cast<double>(requests) / seconds : 0.0, 1);
    result.add("peak_rss_kb", peak_rss_kb());
    return result;
}

/// The same, with the CPU time the requests took (user + system over the stopwatch's stretch, per
/// request): the client's own cost, which the wire does not bound.
inline Result rate_result(std::string_view name, std::uint64_t requests, std::uint64_t errors, const Stopwatch& stopwatch) {
    const double cpu = stopwatch.cpu_used();
    Result result = rate_result(name, requests, errors, stopwatch.seconds());
    result.add_fixed("cpu_us_per_req", requests > 0 ? cpu * 1e6 / static_cast<double>(requests) : 0.0, 2);
    return result;
}

/// The common fields of a streaming result (MB = 10^6 bytes).
inline Result stream_result(std::string_view name, std::uint64_t bytes, std::uint64_t chunk, double seconds) {
    Result result(name);
    result.add("bytes", bytes).add("chunk", chunk).add_fixed("seconds", seconds, 4);
    result.add_fixed("mb_per_s", seconds > 0 ? static_cast<double>(bytes) / seconds / 1e6 : 0.0, 1);
    result.add("peak_rss_kb", peak_rss_kb());
    return result;
}

}  // namespace azcore::bench
