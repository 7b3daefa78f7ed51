// `azrest demo`: starts the test service in-process and walks through what azcore does.
#include "commands.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <fmt/core.h>

#include <chrono>

namespace azrest {
namespace {

using namespace azcore;

void step(int number, std::string_view title) { fmt::print("\n[{}] {}\n", number, title); }

std::string sent_header(const boost::json::value& echo, const char* name) {
    const auto* value = echo.at("headers").as_object().if_contains(name);
    return value ? std::string(value->as_string()) : "(none)";
}

}  // namespace

int run_demo() {
    testserver::TestServer server;
    fmt::print("azcore {} demo: test service listening on {}\n", AZCORE_DEMO_VERSION, server.base_url());
    PipelineClient client(server.base_url(),
                          {.transport = std::make_shared<transport::CurlTransport>()});
    int failures = 0;

    step(1, "GET with query parameters and a header, through the pipeline");
    auto echo_response = client.send_request(rest::HttpRequest(
        "GET", "/echo",
        {.params = {{"api-version", "2024-01-01"}, {"tag", std::vector<std::string>{"a b", "c"}}},
         .headers = {{"x-ms-client-request-id", "demo-1"}}}));
    auto echo = echo_response->json();
    fmt::print("    {} {} -> {} {}\n", "GET", echo_response->url(), echo_response->status_code(), echo_response->reason());
    fmt::print("    server saw query '{}' and x-ms-client-request-id '{}'\n", std::string(echo.at("query").as_string()),
               sent_header(echo, "x-ms-client-request-id"));

    step(2, "POST a JSON body");
    auto posted = client.send_request(rest::HttpRequest("POST", "/echo",
                                                        {.json = boost::json::value{{"name", "azcore"}, {"stars", 5}}}));
    auto posted_echo = posted->json();
    fmt::print("    server received {} bytes: {} (Content-Type {})\n", posted_echo.at("body_length").as_int64(),
               std::string(posted_echo.at("body").as_string()), sent_header(posted_echo, "content-type"));

    step(3, "Stream a 64 MiB body with iter_bytes(64 KiB): pulled as it is read, constant memory");
    const std::size_t size = 64u << 20;
    auto start = std::chrono::steady_clock::now();
    auto streamed = client.send_request(rest::HttpRequest("GET", "/bytes/" + std::to_string(size)),
                                        {.stream = true});
    std::size_t total = 0, chunks = 0, largest = 0;
    for (BytesView chunk : streamed->iter_bytes(65536)) {
        total += chunk.size();
        ++chunks;
        largest = std::max(largest, chunk.size());
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print("    {} bytes in {} chunks (largest {}), {:.0f} MB/s\n", total, chunks, largest, total / seconds / 1e6);
    failures += total != size;

    step(4, "Content decoding: gzip, br and zstd bodies decoded by iter_bytes, raw by iter_raw");
    for (const char* coding : {"gzip", "br", "zstd"}) {
        auto decoded = client.send_request(rest::HttpRequest("GET", std::string("/encoding/") + coding + "?size=100000"));
        auto raw = client.send_request(rest::HttpRequest("GET", std::string("/encoding/") + coding + "?size=100000"),
                                       {.stream = true});
        std::size_t raw_size = 0;
        for (BytesView chunk : raw->iter_raw()) raw_size += chunk.size();
        fmt::print("    {:4}: {} bytes on the wire -> {} bytes of text\n", coding, raw_size, decoded->content().size());
        failures += decoded->content().size() != 100000;
    }

    step(5, "An error status stays a response until mapped; map_error raises the mapped type");
    auto missing = client.send_request(rest::HttpRequest(
        "GET", "/status/404",
        {.params = {{"body", R"({"error":{"code":"ResourceMissing","message":"No such thing."}})"},
                    {"content_type", "application/json"}}}));
    fmt::print("    status {} returned as a response\n", missing->status_code());
    try {
        exceptions::map_error(missing->status_code(), missing,
                              {.errors = {{404, exceptions::raise_as<exceptions::ResourceNotFoundError>()}}});
        ++failures;
    } catch (const exceptions::ResourceNotFoundError& error) {
        fmt::print("    ResourceNotFoundError: code '{}', message '{}'\n", error.error() ? error.error()->code().value_or("") : "",
                   error.error() ? error.error()->message().value_or("") : "");
    }

    step(6, "Retries with the default RetryPolicy; a transport failure mapped to the exception a caller can act on");
    {
        // Backoff shortened for the demo (the default factor 0.8 waits 0 s, then 1.6 s).
        auto flaky = client.send_request(rest::HttpRequest("GET", "/flaky?key=demo&fail=2&status=503"),
                                         {.kwargs = {{"retry_backoff_factor", 0.05}}});
        const std::string* tries = flaky->headers().find("X-Flaky-Try");
        fmt::print("    503, 503, then {} {} after {} tries\n", flaky->status_code(), flaky->reason(), tries ? *tries : "?");
        failures += flaky->status_code() != 200 || server.flaky_count("demo") != 3;
    }
    try {
        client.send_request(rest::HttpRequest("GET", "/reset/before-status"), {.kwargs = {{"retry_total", 0}}});
        ++failures;
    } catch (const exceptions::ServiceResponseError& error) {
        fmt::print("    connection reset before the status line (retry_total=0) -> ServiceResponseError: {}\n", error.what());
    }
    try {
        client.send_request(rest::HttpRequest("GET", "/short?declared=1000&actual=10"));
        ++failures;
    } catch (const exceptions::IncompleteReadError& error) {
        fmt::print("    body shorter than Content-Length -> IncompleteReadError: {}\n", error.what());
    }

    step(7, "The async face: 500 requests in flight at once on this one thread (each held 200 ms by the server)");
    {
        boost::asio::io_context context;
        AsyncPipelineClient async_client(server.base_url(), context.get_executor());
        int ok = 0, failed = 0;
        auto begin = std::chrono::steady_clock::now();
        for (int i = 0; i < 500; ++i) {
            boost::asio::co_spawn(
                context,
                [&]() -> net::awaitable<void> {
                    rest::HttpRequest request("GET", "/delay/200");
                    auto response = co_await async_client.send_request(std::move(request));
                    ok += response->status_code() == 200;
                },
                [&](std::exception_ptr error) { failed += error ? 1 : 0; });
        }
        context.run();
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        fmt::print("    {} succeeded, {} failed, in {:.2f} s (sequentially: at least 100 s)\n", ok, failed, elapsed);
        failures += ok != 500;
    }

    fmt::print("\nserver accepted {} connection(s) for {} requests\n", server.connections_accepted(), server.requests().size());
    fmt::print("{}\n", failures == 0 ? "demo finished: every step behaved as described" : "demo FAILED");
    return failures == 0 ? 0 : 1;
}

}  // namespace azrest
