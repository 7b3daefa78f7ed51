#include "things_client.hpp"

#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/send_checked.hpp>
#include <azcore/tracing/decorator.hpp>

#include <utility>
#include <vector>

namespace contoso {
namespace {

/// The instrumentation scope of this library's spans.
const azcore::tracing::InstrumentationScope scope{.library_name = "contoso-things", .library_version = "1.0.0"};

}  // namespace

ThingsClient::ThingsClient(std::string endpoint) : client_(std::move(endpoint)) {}

int ThingsClient::get_thing(const std::string& key) const {
    azcore::options::Kwargs kwargs;
    return azcore::tracing::distributed_trace(
        {.name_of_span = "ThingsClient.get_thing", .instrumentation = scope}, kwargs, [&](azcore::options::Kwargs& traced) {
            // The method's kwargs carry its span as parent_span to the pipeline.
            azcore::rest::HttpRequest request("GET", "/flaky", {.params = {{"key", key}, {"fail", "1"}}});
            return azcore::send_checked(client_, std::move(request), {200}, {.kwargs = traced})->status_code();
        });
}

AsyncThingsClient::AsyncThingsClient(std::string endpoint, azcore::net::any_io_executor executor)
    : client_(std::move(endpoint), std::move(executor)) {}

azcore::net::awaitable<int> AsyncThingsClient::put_thing(std::string text) const {
    auto method = [this, text = std::move(text)](azcore::options::Kwargs& traced) -> azcore::net::awaitable<int> {
        // The method's kwargs carry its span as parent_span to the pipeline.
        azcore::rest::HttpRequest request("PUT", "/echo", {.content = text});
        azcore::SendRequestOptions send_options{.kwargs = traced};
        std::vector<int> expected{200};
        auto response = co_await azcore::send_checked(client_, std::move(request), std::move(expected), std::move(send_options));
        co_return response->status_code();
    };
    // Named, not temporaries in the co_await expression: g++ 12 destroys such arguments twice.
    azcore::tracing::DistributedTraceOptions options{.name_of_span = "AsyncThingsClient.put_thing", .instrumentation = scope};
    azcore::options::Kwargs kwargs;
    co_return co_await azcore::tracing::distributed_trace_async(std::move(options), std::move(kwargs), std::move(method));
}

}  // namespace contoso
