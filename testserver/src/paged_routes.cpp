// /paged/items: a paged list in Azure's shape, {"value": [...], "nextLink": ...} (see test_server.hpp).
#include <boost/json.hpp>

#include <algorithm>

#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;
namespace json = boost::json;

asio::awaitable<bool> paged_items_route(Connection& connection, const Request& request) {
    const auto count = number_arg(request, "count", 10);
    const auto page_size = number_arg(request, "page_size", 4);
    const auto skip = number_arg(request, "skip", 0);
    if (!count || *count > 100000) co_return co_await bad_request(connection, request, "count must be a number up to 100000");
    if (!page_size || *page_size == 0 || *page_size > 1000)
        co_return co_await bad_request(connection, request, "page_size must be a number from 1 to 1000");
    if (!skip) co_return co_await bad_request(connection, request, "skip must be a number");

    json::array items;
    const std::uint64_t end = std::min(*count, *skip + *page_size);
    for (std::uint64_t id = *skip + 1; id <= end; ++id)
        items.push_back(json::object{{"id", id}, {"name", "item-" + std::to_string(id)}});
    json::object page{{"value", std::move(items)}};
    if (end < *count)
        page["nextLink"] = "/paged/items?count=" + std::to_string(*count) + "&page_size=" + std::to_string(*page_size) +
                           "&skip=" + std::to_string(end);
    Reply reply = json_reply(200, page);
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
