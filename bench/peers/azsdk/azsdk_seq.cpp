// P1's azure-sdk-for-cpp peer: sequential GETs through the pipeline its generated clients build
// (request id, telemetry, retry, request activity, logging; its curl transport), each body read into
// memory, as azcore_sync_seq does with azcore's default policies. Built by scripts/bench.sh against a
// checkout of github.com/Azure/azure-sdk-for-cpp (AZCORE_BENCH_AZURE_SDK_FOR_CPP): not a Debian
// package, so not part of azcore's build.
//   azsdk_seq --url URL [--n 20000] [--warmup 200]
#include <azure/core/context.hpp>
#include <azure/core/http/http.hpp>
#include <azure/core/internal/client_options.hpp>
#include <azure/core/internal/http/pipeline.hpp>
#include <azure/core/url.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../../bench_util.hpp"

int main(int argc, char** argv) {
    std::string url;
    long n = 20000;
    long warmup = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--url") == 0) url = argv[i + 1];
        else if (std::strcmp(argv[i], "--n") == 0) n = std::atol(argv[i + 1]);
        else if (std::strcmp(argv[i], "--warmup") == 0) warmup = std::atol(argv[i + 1]);
    }
    if (url.empty() || n <= 0) {
        std::fprintf(stderr, "usage: azsdk_seq --url URL [--n 20000] [--warmup 200]\n");
        return 2;
    }
    const Azure::Core::Url target(url);
    Azure::Core::_internal::ClientOptions options;
    std::vector<std::unique_ptr<Azure::Core::Http::Policies::HttpPolicy>> per_retry;
    std::vector<std::unique_ptr<Azure::Core::Http::Policies::HttpPolicy>> per_call;
    Azure::Core::Http::_internal::HttpPipeline pipeline(options, "bench", "1.0.0", std::move(per_retry), std::move(per_call));
    long errors = 0;
    auto one = [&] {
        Azure::Core::Http::Request request(Azure::Core::Http::HttpMethod::Get, target);
        try {
            auto response = pipeline.Send(request, Azure::Core::Context{});
            if (response->GetStatusCode() != Azure::Core::Http::HttpStatusCode::Ok || response->GetBody().empty()) ++errors;
        } catch (const std::exception&) {
            ++errors;
        }
    };
    for (long i = 0; i < warmup; ++i) one();
    const azcore::bench::Stopwatch stopwatch;
    for (long i = 0; i < n; ++i) one();
    azcore::bench::rate_result("azsdk_seq", static_cast<std::uint64_t>(n), static_cast<std::uint64_t>(errors), stopwatch).print();
    return errors == 0 ? 0 : 1;
}
