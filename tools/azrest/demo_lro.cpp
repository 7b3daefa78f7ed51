// Step: a long-running operation polled to its end, in both faces, and one that fails.
#include "demo_tour.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace azrest::demo {
namespace {

using azcore::rest::HttpRequest;
using Resource = boost::json::value;

// PUT starts the operation; the service reports InProgress to its first 3 status requests.
HttpRequest create_request(const std::string& name, const char* outcome = "succeeded") {
    return HttpRequest("PUT", "/lro/resources/" + name, {.params = {{"polls", "3"}, {"outcome", outcome}}});
}

// LROBasePolling as generated clients make it: Operation-Location, waits as the service's
// Retry-After says (else every 30 s, Python's default).
std::shared_ptr<azcore::polling::LROBasePolling> base_polling() { return std::make_shared<azcore::polling::LROBasePolling>(); }

Resource deserialize(const azcore::pipeline::PipelineResponse& response) { return response.http_response->json(); }

// What the service saw of the operation of name.
void show(Tour& tour, const char* face, const std::string& name, const std::string& status, const Resource& resource,
          double seconds) {
    std::size_t polls = 0, final_gets = 0;
    for (const auto& request : tour.server().requests()) {
        const bool status_request = request.target.starts_with("/lro/operations/");
        polls += status_request && request.target.find("name=" + name + "&") != std::string::npos;
        final_gets += request.method == "GET" && request.target == "/lro/resources/" + name;
    }
    tour.say("{}: PUT /lro/resources/{} -> 202; {} status requests, then GET of the resource ({:.2f} s)", face, name, polls,
             seconds);
    tour.say("  status {}, result {}", status, boost::json::serialize(resource));
    const std::string prefix = std::string(face) + ": ";
    tour.check(polls == 4, prefix + "3 InProgress answers and a Succeeded one are 4 status requests (made " + std::to_string(polls) + ")");
    tour.check(final_gets == 1, prefix + "the final resource is read once, from resourceLocation");
    tour.check(status == "Succeeded", prefix + "the poller's status ends Succeeded");
    tour.check(resource == Resource{{"name", name}, {"provisioningState", "Succeeded"}}, prefix + "the result is the final resource");
    tour.check(seconds < 5, prefix + "the service's retry-after-ms is honoured (not 30 s between polls)");
}

void show_failure(Tour& tour, const char* face, const azcore::exceptions::HttpResponseError& error) {
    const std::string code = error.error() ? error.error()->code().value_or("") : "";
    tour.say("{}: an operation that ends Failed -> HttpResponseError, code '{}'", face, code);
    tour.check(code == "ProvisioningFailed", std::string(face) + ": a failed operation raises HttpResponseError with its error code");
}

double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void lro_step(Tour& tour) {
    azcore::PipelineClient client(tour.base_url());
    auto start = std::chrono::steady_clock::now();
    azcore::polling::LROPoller<Resource> poller(client, client.send_request(create_request("demo-sync")), deserialize, base_polling());
    const Resource resource = poller.result();
    show(tour, "sync", "demo-sync", poller.status(), resource, since(start));
    try {
        azcore::polling::LROPoller<Resource> failing(client, client.send_request(create_request("demo-sync-fail", "failed")),
                                                     deserialize, base_polling());
        failing.result();
        tour.check(false, "sync: a failed operation raises HttpResponseError");
    } catch (const azcore::exceptions::HttpResponseError& error) {
        show_failure(tour, "sync", error);
    }

    run_async([&](net::any_io_executor executor) -> net::awaitable<void> {
        azcore::AsyncPipelineClient async_client(tour.base_url(), executor);
        start = std::chrono::steady_clock::now();
        auto initial = co_await async_client.send_request(create_request("demo-async"));
        azcore::polling::AsyncLROPoller<Resource> async_poller(async_client, initial, deserialize, base_polling());
        const Resource async_resource = co_await async_poller.result();
        show(tour, "async", "demo-async", async_poller.status(), async_resource, since(start));

        auto failing_initial = co_await async_client.send_request(create_request("demo-async-fail", "failed"));
        azcore::polling::AsyncLROPoller<Resource> failing(async_client, failing_initial, deserialize, base_polling());
        std::exception_ptr failure;
        try {
            co_await failing.result();
        } catch (...) {
            failure = std::current_exception();
        }
        try {
            if (failure) std::rethrow_exception(failure);
            tour.check(false, "async: a failed operation raises HttpResponseError");
        } catch (const azcore::exceptions::HttpResponseError& error) {
            show_failure(tour, "async", error);
        }
    });
}

}  // namespace azrest::demo
