// Step: a paged list, in both faces.
#include "demo_tour.hpp"

#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azrest::demo {
namespace {

using azcore::rest::HttpRequest;

struct Item {
    std::int64_t id = 0;
    std::string name{};
};

// The first page, or the page a next link names.
HttpRequest page_request(const std::optional<std::string>& next_link) {
    if (next_link) return HttpRequest("GET", *next_link);
    return HttpRequest("GET", "/paged/items", {.params = {{"count", "10"}, {"page_size", "4"}}});
}

// extract_data: the items of a page and the link to the next one.
azcore::paging::PageData<Item> page_data(const azcore::rest::HttpResponseBase& response) {
    response.raise_for_status();
    const boost::json::object& page = response.json().as_object();
    std::vector<Item> items;
    for (const boost::json::value& item : page.at("value").as_array())
        items.push_back({item.at("id").to_number<std::int64_t>(), std::string(item.at("name").as_string())});
    std::optional<std::string> next_link;
    if (const auto* link = page.if_contains("nextLink")) next_link = std::string(link->as_string());
    return {std::move(next_link), std::move(items)};
}

void show(Tour& tour, const char* face, const std::vector<Item>& items, int pages) {
    std::string ids;
    for (const Item& item : items) ids += (ids.empty() ? "" : " ") + std::to_string(item.id);
    tour.say("{}: {} items in {} pages (ids {}); the last is '{}'", face, items.size(), pages, ids,
             items.empty() ? "" : items.back().name);
    bool in_order = items.size() == 10;
    for (std::size_t i = 0; in_order && i < items.size(); ++i) in_order = items[i].id == static_cast<std::int64_t>(i + 1);
    tour.check(in_order, std::string(face) + ": items 1 to 10 arrive in order");
    tour.check(pages == 3, std::string(face) + ": 10 items of 4 a page are 3 requests (made " + std::to_string(pages) + ")");
}

}  // namespace

void paging_step(Tour& tour) {
    azcore::PipelineClient client(tour.base_url());
    int pages = 0;
    azcore::paging::ItemPaged<Item> paged(
        [&](const std::optional<std::string>& next_link) {
            ++pages;
            return client.send_request(page_request(next_link));
        },
        [](const auto& response) { return page_data(*response); });
    std::vector<Item> items;
    for (Item& item : paged) items.push_back(std::move(item));
    show(tour, "sync", items, pages);

    run_async([&](net::any_io_executor executor) -> net::awaitable<void> {
        azcore::AsyncPipelineClient async_client(tour.base_url(), executor);
        int async_pages = 0;
        azcore::paging::AsyncItemPaged<Item> async_paged(
            [&](std::optional<std::string> next_link) -> net::awaitable<std::shared_ptr<azcore::rest::AsyncHttpResponse>> {
                ++async_pages;
                co_return co_await async_client.send_request(page_request(next_link));
            },
            [](const auto& response) { return page_data(*response); });
        std::vector<Item> async_items;
        while (std::optional<Item> item = co_await async_paged.next()) async_items.push_back(std::move(*item));
        show(tour, "async", async_items, async_pages);
    });
}

}  // namespace azrest::demo
