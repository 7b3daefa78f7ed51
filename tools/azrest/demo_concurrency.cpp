// Step: many requests in flight at once on one thread (the async face).
#include "demo_tour.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <exception>
#include <string>

namespace azrest::demo {

void concurrency_step(Tour& tour) {
    constexpr int count = 500;
    boost::asio::io_context context;
    azcore::AsyncPipelineClient client(tour.base_url(), context.get_executor());
    int ok = 0, failed = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        boost::asio::co_spawn(
            context,
            [&]() -> net::awaitable<void> {
                azcore::rest::HttpRequest request("GET", "/delay/200");
                auto response = co_await client.send_request(std::move(request));
                ok += response->status_code() == 200;
            },
            [&](std::exception_ptr error) { failed += error ? 1 : 0; });
    }
    context.run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    tour.say("{} succeeded, {} failed, in {:.2f} s on one thread (one after another: at least 100 s)", ok, failed, seconds);
    tour.check(ok == count, "all 500 requests succeed (" + std::to_string(ok) + " did)");
    tour.check(seconds < 20, "they run at once, not one after another");
}

}  // namespace azrest::demo
