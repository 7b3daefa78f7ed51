// Step: RetryPolicy, in both faces.
#include "demo_tour.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <string>

namespace azrest::demo {
namespace {

azcore::rest::HttpRequest flaky_request(const std::string& key) {
    return azcore::rest::HttpRequest("GET", "/flaky", {.params = {{"key", key}, {"fail", "2"}, {"status", "503"}}});
}

// The default backoff (factor 0.8) waits 0 s, then 1.6 s: shortened for the demo.
azcore::SendRequestOptions short_backoff() { return {.kwargs = {{"retry_backoff_factor", 0.05}}}; }

void show(Tour& tour, const char* face, const std::string& key, const azcore::rest::HttpResponseBase& response) {
    const std::string* tries = response.headers().find("X-Flaky-Try");
    const std::size_t seen = tour.server().flaky_count(key);
    tour.say("{}: 503, 503, then {} {} on try {}", face, response.status_code(), response.reason(), tries ? *tries : "?");
    tour.check(response.status_code() == 200, std::string(face) + ": the third try succeeds");
    tour.check(seen == 3, std::string(face) + ": the service saw exactly 3 tries (it saw " + std::to_string(seen) + ")");
}

}  // namespace

void retries_step(Tour& tour) {
    azcore::PipelineClient client(tour.base_url());
    auto response = client.send_request(flaky_request("demo-sync"), short_backoff());
    show(tour, "sync", "demo-sync", *response);

    run_async([&](net::any_io_executor executor) -> net::awaitable<void> {
        azcore::AsyncPipelineClient async_client(tour.base_url(), executor);
        auto async_response = co_await async_client.send_request(flaky_request("demo-async"), short_backoff());
        show(tour, "async", "demo-async", *async_response);
    });
}

}  // namespace azrest::demo
