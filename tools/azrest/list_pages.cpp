#include "arguments.hpp"
#include "command_steps.hpp"
#include "exit_codes.hpp"
#include "json_path.hpp"

#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <cstdio>
#include <stdexcept>

namespace azrest {

namespace {

// A next link as sent: resolved against the URL of the page that carried it.
std::string resolve_link(const std::string& page_url, const std::string& link) {
    auto base = boost::urls::parse_uri(page_url);
    auto reference = boost::urls::parse_uri_reference(link);
    if (!base || !reference) throw std::runtime_error("the next link is not a valid URL");
    boost::urls::url resolved;
    if (!boost::urls::resolve(*base, *reference, resolved)) throw std::runtime_error("the next link is not a valid URL");
    return std::string(resolved.buffer());
}

}  // namespace

int list_pages(const azcore::PipelineClient& client, azcore::rest::HttpRequest request, const azcore::options::Kwargs& kwargs,
               const Arguments& arguments) {
    using Page = std::shared_ptr<azcore::rest::HttpResponse>;
    auto get_next = [&](const std::optional<std::string>& link) -> Page {
        if (!link) return client.send_request(request, {.kwargs = kwargs});
        return client.send_request(azcore::rest::HttpRequest("GET", *link), {.kwargs = kwargs});
    };
    auto extract_data = [&](Page& page) -> azcore::paging::PageData<boost::json::value> {
        page->raise_for_status();
        const boost::json::value& body = page->json();
        const boost::json::value* items = find_path(body, arguments.items_path);
        if (items == nullptr || !items->is_array()) {
            throw std::runtime_error("--items-path " + arguments.items_path + ": the page has no array there");
        }
        std::optional<std::string> next;
        if (const boost::json::value* link = find_path(body, arguments.next_link_path); link && !link->is_null()) {
            if (!link->is_string()) {
                throw std::runtime_error("--next-link-path " + arguments.next_link_path + ": the page's next link is not a string");
            }
            next = resolve_link(page->request().url, std::string(link->get_string()));
        }
        const boost::json::array& array = items->get_array();
        return {next, std::vector<boost::json::value>(array.begin(), array.end())};
    };
    azcore::paging::ItemPaged<boost::json::value> items(get_next, extract_data);
    for (const boost::json::value& item : items) {
        std::string line = boost::json::serialize(item);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
    }
    return exit_ok;
}

}  // namespace azrest
