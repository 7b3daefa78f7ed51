// The README's "Paging and long-running operations" example, against a MockTransport service.
#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

// ---- README code, verbatim -----------------------------------------------------------------------

// A list operation: one request per page, sent when the loop reaches that page.
azcore::paging::ItemPaged<std::string> list_widgets(const azcore::PipelineClient& client) {
    return azcore::paging::ItemPaged<std::string>(
        [&client](const std::optional<std::string>& next_link) {  // get_next
            auto response = client.send_request(azcore::rest::HttpRequest("GET", next_link.value_or("/widgets")));
            response->raise_for_status();
            return response;
        },
        [](const std::shared_ptr<azcore::rest::HttpResponse>& response) {  // extract_data
            boost::json::value body = response->json();
            std::vector<std::string> names;
            for (const auto& widget : body.at("value").as_array()) names.emplace_back(widget.at("name").as_string());
            std::optional<std::string> next_link;
            if (const auto* link = body.as_object().if_contains("nextLink")) next_link = std::string(link->as_string());
            return azcore::paging::PageData<std::string>{next_link, names};
        });
}

boost::json::value create_widget(const azcore::PipelineClient& client, std::ostream& out) {
    for (const std::string& name : list_widgets(client)) out << name << "\n";

    // A long-running operation: start it, then poll its Operation-Location until it ends.
    auto initial = client.send_request(
        azcore::rest::HttpRequest("PUT", "/widgets/w1", {.json = boost::json::object{{"color", "blue"}}}));
    azcore::polling::LROPoller<boost::json::value> poller(
        client, initial, [](const azcore::pipeline::PipelineResponse& response) { return response.http_response->json(); },
        std::make_shared<azcore::polling::LROBasePolling>());
    boost::json::value widget = poller.result();  // waits; HttpResponseError if the operation failed
    out << poller.status() << "\n";               // "Succeeded"
    return widget;
}

boost::asio::awaitable<boost::json::value> async_create_widget(const azcore::AsyncPipelineClient& client) {
    azcore::rest::HttpRequest request("PUT", "/widgets/w1", {.json = boost::json::object{{"color", "blue"}}});
    auto initial = co_await client.send_request(std::move(request));
    azcore::polling::AsyncLROPoller<boost::json::value> poller(
        client, initial, [](const azcore::pipeline::PipelineResponse& response) { return response.http_response->json(); },
        std::make_shared<azcore::polling::AsyncLROBasePolling>());
    boost::json::value widget = co_await poller.result();
    co_return widget;
}

// ---- the service -----------------------------------------------------------------------------------

std::shared_ptr<azcore::transport::MockTransport> widget_service() {
    using azcore::transport::MockResponse;
    return std::make_shared<azcore::transport::MockTransport>(
        [](const azcore::transport::RecordedRequest& request) -> azcore::transport::MockTransport::Outcome {
            auto json = [](int status, const std::string& body, azcore::CaseInsensitiveDict headers = {}) {
                headers.set("Content-Type", "application/json");
                return MockResponse{.status_code = status, .headers = std::move(headers), .body = azcore::to_bytes(body)};
            };
            const std::string& url = request.url;
            if (url == "https://myservice.example/widgets")
                return json(200, R"({"value": [{"name": "a"}, {"name": "b"}], "nextLink": "https://myservice.example/widgets?page=2"})");
            if (url == "https://myservice.example/widgets?page=2") return json(200, R"({"value": [{"name": "c"}]})");
            if (request.method == "PUT")
                return json(201, R"({"name": "w1"})", {{"Operation-Location", "https://myservice.example/operations/1"}});
            if (url == "https://myservice.example/operations/1") return json(200, R"({"status": "Succeeded"})");
            return json(200, R"({"name": "w1", "color": "blue"})");
        });
}

TEST(PagingAndPollingReadmeExample, ListsThePagesAndWaitsForTheOperation) {
    auto transport = widget_service();
    azcore::PipelineClient client("https://myservice.example", {.transport = transport});
    std::ostringstream out;
    boost::json::value widget = create_widget(client, out);
    EXPECT_EQ(out.str(), "a\nb\nc\nSucceeded\n");
    EXPECT_EQ(widget, boost::json::parse(R"({"name": "w1", "color": "blue"})"));
    EXPECT_EQ(transport->requests().size(), 5u);
}

TEST(PagingAndPollingReadmeExample, TheAsyncPollerIsAwaited) {
    auto transport = widget_service();
    boost::json::value widget = azcore::test::run_awaitable(
        [](std::shared_ptr<azcore::transport::MockTransport> transport) -> boost::asio::awaitable<boost::json::value> {
            auto executor = co_await boost::asio::this_coro::executor;
            azcore::PipelineClientOptions options{.transport = transport};
            azcore::AsyncPipelineClient client("https://myservice.example", executor, std::move(options));
            boost::json::value result = co_await async_create_widget(client);
            co_return result;
        }(transport));
    EXPECT_EQ(widget, boost::json::parse(R"({"name": "w1", "color": "blue"})"));
}

}  // namespace
