// Step: error statuses and transport failures.
#include "demo_tour.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <string>

namespace azrest::demo {

void errors_step(Tour& tour) {
    namespace exceptions = azcore::exceptions;
    using azcore::rest::HttpRequest;
    azcore::PipelineClient client(tour.base_url());

    auto missing = client.send_request(HttpRequest(
        "GET", "/status/404",
        {.params = {{"body", R"({"error":{"code":"ResourceMissing","message":"No such thing."}})"},
                    {"content_type", "application/json"}}}));
    tour.say("GET /status/404 returns a response with status {}", missing->status_code());
    tour.check(missing->status_code() == 404, "a 404 is returned as a response");
    try {
        exceptions::map_error(missing->status_code(), missing,
                              {.errors = {{404, exceptions::raise_as<exceptions::ResourceNotFoundError>()}}});
        tour.check(false, "map_error raises ResourceNotFoundError for 404");
    } catch (const exceptions::ResourceNotFoundError& error) {
        const std::string code = error.error() ? error.error()->code().value_or("") : "";
        const std::string message = error.error() ? error.error()->message().value_or("") : "";
        tour.say("map_error -> ResourceNotFoundError: code '{}', message '{}'", code, message);
        tour.check(code == "ResourceMissing" && message == "No such thing.", "the error's code and message come from the body");
    }

    try {
        client.send_request(HttpRequest("GET", "/reset/before-status"), {.kwargs = {{"retry_total", 0}}});
        tour.check(false, "a connection reset raises ServiceResponseError");
    } catch (const exceptions::ServiceResponseError& error) {
        tour.say("a connection reset before the status line (retry_total=0) -> ServiceResponseError: {}", error.what());
    }
    try {
        client.send_request(HttpRequest("GET", "/short?declared=1000&actual=10"));
        tour.check(false, "a short body raises IncompleteReadError");
    } catch (const exceptions::IncompleteReadError& error) {
        tour.say("a body shorter than its Content-Length -> IncompleteReadError: {}", error.what());
    }
}

}  // namespace azrest::demo
