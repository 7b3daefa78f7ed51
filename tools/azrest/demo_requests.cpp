// Step: requests through the pipeline, in both faces.
#include "demo_tour.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json.hpp>

#include <string>

namespace azrest::demo {
namespace {

using azcore::rest::HttpRequest;

HttpRequest query_request(const char* request_id) {
    return HttpRequest("GET", "/echo",
                       {.params = {{"api-version", "2024-01-01"}, {"tag", std::vector<std::string>{"a b", "c"}}},
                        .headers = {{"x-ms-client-request-id", request_id}}});
}

HttpRequest json_request() {
    return HttpRequest("POST", "/echo", {.json = boost::json::value{{"name", "azcore"}, {"stars", 5}}});
}

std::string header_seen(const boost::json::value& echo, const char* name) {
    const auto* value = echo.at("headers").as_object().if_contains(name);
    return value ? std::string(value->as_string()) : "(none)";
}

// What the service saw of both requests, said and checked the same way for each face.
void show(Tour& tour, const char* face, const azcore::rest::HttpResponseBase& get, const azcore::rest::HttpResponseBase& post,
          const char* request_id) {
    const boost::json::value& echo = get.json();
    const std::string query(echo.at("query").as_string());
    tour.say("{}: GET {} -> {} {}", face, get.url(), get.status_code(), get.reason());
    tour.say("  the service saw query '{}' and x-ms-client-request-id '{}'", query,
             header_seen(echo, "x-ms-client-request-id"));
    tour.check(get.status_code() == 200, "GET /echo answers 200");
    tour.check(query == "api-version=2024-01-01&tag=a%20b&tag=c", "the query parameters are sent, encoded");
    tour.check(header_seen(echo, "x-ms-client-request-id") == request_id, "the request id header is sent");

    const boost::json::value& posted = post.json();
    const std::string body(posted.at("body").as_string());
    tour.say("{}: POST a JSON body -> the service received {} ({})", face, body, header_seen(posted, "content-type"));
    tour.check(body == R"({"name":"azcore","stars":5})", "the JSON body is sent as it was built");
    tour.check(header_seen(posted, "content-type") == "application/json", "the JSON body is sent as application/json");
}

}  // namespace

void requests_step(Tour& tour) {
    azcore::PipelineClient client(tour.base_url());
    auto get = client.send_request(query_request("demo-sync"));
    auto post = client.send_request(json_request());
    show(tour, "sync", *get, *post, "demo-sync");

    run_async([&](net::any_io_executor executor) -> net::awaitable<void> {
        azcore::AsyncPipelineClient async_client(tour.base_url(), executor);
        auto async_get = co_await async_client.send_request(query_request("demo-async"));
        auto async_post = co_await async_client.send_request(json_request());
        show(tour, "async", *async_get, *async_post, "demo-async");
    });
}

}  // namespace azrest::demo
