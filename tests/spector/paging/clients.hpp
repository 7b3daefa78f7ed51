#pragma once
// Clients of Spector's paging specs (@azure-tools/azure-http-specs azure/core/page and
// azure/payload/pageable, @typespec/http-specs payload/pageable), as a generator would emit them on
// azcore: a paged operation returns ItemPaged<Item> (Sync) or AsyncItemPaged<Item> (Async), built
// from get_next(token) and extract_data(response) like Python's generated code. The token is the
// next link, or the continuation token the operation sends in a query parameter or a header.
#include "generated_client.hpp"

#include <azcore/async_paging.hpp>
#include <azcore/paging.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::spector::paging {

using azcore::paging::PageData;

/// The pager of a face: ItemPaged<T> (Sync) or AsyncItemPaged<T> (Async).
template <class Face, class T>
using Paged = typename Face::template ItemPaged<T>;

/// azure/core/page's User (its orders are never sent).
struct User {
    int id = 0;
    std::string name;
    std::optional<std::string> etag;
    bool operator==(const User&) const = default;
};
struct FirstItem {
    int id = 0;
    bool operator==(const FirstItem&) const = default;
};
struct SecondItem {
    std::string name;
    bool operator==(const SecondItem&) const = default;
};
/// azure/payload/pageable's User.
struct PageableUser {
    std::string name;
    bool operator==(const PageableUser&) const = default;
};
/// payload/pageable's Pet (JSON and XML).
struct Pet {
    std::string id;
    std::string name;
    bool operator==(const Pet&) const = default;
};

User tag_invoke(boost::json::value_to_tag<User>, const boost::json::value& json);
FirstItem tag_invoke(boost::json::value_to_tag<FirstItem>, const boost::json::value& json);
SecondItem tag_invoke(boost::json::value_to_tag<SecondItem>, const boost::json::value& json);
PageableUser tag_invoke(boost::json::value_to_tag<PageableUser>, const boost::json::value& json);
Pet tag_invoke(boost::json::value_to_tag<Pet>, const boost::json::value& json);

using Response = std::shared_ptr<rest::HttpResponseBase>;
using Params = std::vector<std::pair<std::string, rest::ParamValue>>;
/// Member names leading into a JSON body, e.g. {"nestedNext", "next"}.
using JsonPath = std::vector<std::string_view>;

/// The value at path in json, or nullptr when a member on the way is missing or null.
const boost::json::value* find_at(const boost::json::value& json, const JsonPath& path);
/// The string at path, or nullopt.
std::optional<std::string> string_at(const boost::json::value& json, const JsonPath& path);

/// extract_data of a JSON page: the items at `items` (none when absent) and the token or next
/// link at `next` (or in the response header `next_header`, when not empty).
template <class T>
PageData<T> json_page(const Response& response, const JsonPath& items, const JsonPath& next, std::string_view next_header = {}) {
    const boost::json::value body = response->json();
    const boost::json::value* found = find_at(body, items);
    std::vector<T> list = found ? boost::json::value_to<std::vector<T>>(*found) : std::vector<T>{};
    std::optional<std::string> token = next_header.empty() ? string_at(body, next) : response->headers().get(next_header);
    return {std::move(token), std::move(list)};
}
/// extract_data of an XML PetListResult: its Pets and the text of its `next` element.
PageData<Pet> xml_pets_page(const Response& response, const char* next);

/// The GET of a next link (absolute, or relative to the endpoint): its query kept, each of
/// `reinjected` set on it (Python re-adds api-version and such parameters the same way).
rest::HttpRequest next_link_request(const std::string& next_link, const Params& reinjected = {});

/// A paged operation's first request is prepare(nullopt); get_next(token) sends prepare(token) and
/// expects 200; extract_data(response) returns the next token and the items. Pagers refer to their
/// client, which must outlive them.
template <class Face>
class PagingClient : public GeneratedClient<Face> {
public:
    template <FaceExecutor... Executor>
    explicit PagingClient(std::string endpoint, Executor... executor)
        : PagingClient(std::move(endpoint), PipelineClientOptions{}, executor...) {}
    template <FaceExecutor... Executor>
    PagingClient(std::string endpoint, PipelineClientOptions options, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), std::move(options), executor...) {}

protected:
    template <class T, class Prepare, class ExtractData>
    Paged<Face, T> paged(Prepare prepare, ExtractData extract_data) const {
        auto get_next = [this, prepare = std::move(prepare)](const std::optional<std::string>& token) {
            return this->send(prepare(token), {200});
        };
        return Paged<Face, T>(std::move(get_next), std::move(extract_data));
    }
    /// paged() of an operation whose token is a next link: the first request, then GETs of the links.
    template <class T, class First, class ExtractData>
    Paged<Face, T> paged_by_link(First first, ExtractData extract_data, Params reinjected = {}) const {
        auto prepare = [first = std::move(first), reinjected = std::move(reinjected)](const std::optional<std::string>& next_link) {
            return next_link ? next_link_request(*next_link, reinjected) : first();
        };
        return paged<T>(std::move(prepare), std::move(extract_data));
    }
};

/// azure/core/page (versioned: api-version 2022-12-01-preview).
template <class Face>
class AzureCorePageClient : public PagingClient<Face> {
public:
    using PagingClient<Face>::PagingClient;
    static constexpr std::string_view api_version = "2022-12-01-preview";

    /// listWithPage: Azure.Core.Page<User>.
    auto list_with_page() const { return list_users("/azure/core/page/page", {"value"}); }
    /// listWithCustomPageModel: the users in `items`.
    auto list_with_custom_page_model() const { return list_users("/azure/core/page/custom-page", {"items"}); }
    /// listWithParameters: a POST of {"inputName": input_name}, `another` (an extensible enum) in the query.
    auto list_with_parameters(std::string input_name, std::optional<std::string> another = {}) const {
        Params params = version();
        if (another) params.emplace_back("another", *another);
        return this->template paged_by_link<User>(
            [params, input_name = std::move(input_name)] {
                return rest::HttpRequest("POST", "/azure/core/page/parameters",
                                         {.params = params, .json = boost::json::object{{"inputName", input_name}}});
            },
            [](const Response& response) { return json_page<User>(response, {"value"}, {"nextLink"}); }, version());
    }
    /// TwoModelsAsPageItem.listFirstItem.
    auto list_first_item() const { return list_of<FirstItem>("/azure/core/page/first-item"); }
    /// TwoModelsAsPageItem.listSecondItem.
    auto list_second_item() const { return list_of<SecondItem>("/azure/core/page/second-item"); }
    /// withParameterizedNextLink: the users in `values`; includePending is re-injected into the next link.
    auto with_parameterized_next_link(std::string select, std::optional<bool> include_pending = {}) const {
        Params reinjected;
        if (include_pending) reinjected.emplace_back("includePending", *include_pending ? "true" : "false");
        Params params = reinjected;
        params.emplace_back("select", std::move(select));
        return this->template paged_by_link<User>(
            [params] { return rest::HttpRequest("GET", "/azure/core/page/with-parameterized-next-link", {.params = params}); },
            [](const Response& response) { return json_page<User>(response, {"values"}, {"nextLink"}); }, reinjected);
    }
    /// withRelativeNextLink: the next link is endpoint-relative.
    auto with_relative_next_link() const { return list_users("/azure/core/page/with-relative-next-link", {"value"}); }

private:
    static Params version() { return {{"api-version", std::string(api_version)}}; }
    template <class T>
    Paged<Face, T> list_of(std::string path, JsonPath items = {"value"}) const {
        return this->template paged_by_link<T>(
            [path = std::move(path)] { return rest::HttpRequest("GET", path, {.params = version()}); },
            [items = std::move(items)](const Response& response) { return json_page<T>(response, items, {"nextLink"}); },
            version());
    }
    Paged<Face, User> list_users(std::string path, JsonPath items) const { return list_of<User>(std::move(path), std::move(items)); }
};

/// azure/payload/pageable.
template <class Face>
class AzurePayloadPageableClient : public PagingClient<Face> {
public:
    using PagingClient<Face>::PagingClient;

    /// list: maxpagesize in the query; the next link carries it on.
    auto list(std::optional<int> maxpagesize = {}) const {
        Params params;
        if (maxpagesize) params.emplace_back("maxpagesize", std::to_string(*maxpagesize));
        return this->template paged_by_link<PageableUser>(
            [params] { return rest::HttpRequest("GET", "/azure/payload/pageable", {.params = params}); },
            [](const Response& response) { return json_page<PageableUser>(response, {"value"}, {"nextLink"}); });
    }
};

/// payload/pageable's optional `foo` header and `bar` query parameter.
struct HeaderAndQuery {
    std::optional<std::string> foo;
    std::optional<std::string> bar;
};
/// Where a continuation token is sent: the `token` query parameter or header.
enum class TokenIn { query, header };
/// GET path with options, and the token (if any) where `in` says.
rest::HttpRequest token_request(std::string path, const HeaderAndQuery& options, TokenIn in, const std::optional<std::string>& token);

/// payload/pageable.
template <class Face>
class PageableClient : public PagingClient<Face> {
public:
    using PagingClient<Face>::PagingClient;

    /// ServerDrivenPagination.link: the next link in `next`.
    auto link() const { return by_link("/payload/pageable/server-driven-pagination/link", {"pets"}, {"next"}); }
    /// ServerDrivenPagination.linkString: the same, the link typed as a string.
    auto link_string() const { return by_link("/payload/pageable/server-driven-pagination/link-string", {"pets"}, {"next"}); }
    /// ServerDrivenPagination.nestedLink: items and link in nested objects.
    auto nested_link() const {
        return by_link("/payload/pageable/server-driven-pagination/nested-link", {"nestedItems", "pets"}, {"nestedNext", "next"});
    }
    /// ServerDrivenPagination.AlternateInitialVerb.post: a POST of {"filter": filter}, then GETs of the next links.
    auto alternate_initial_verb_post(std::string filter) const {
        return this->template paged_by_link<Pet>(
            [filter = std::move(filter)] {
                return rest::HttpRequest("POST", "/payload/pageable/server-driven-pagination/link/initial-post",
                                         {.json = boost::json::object{{"filter", filter}}});
            },
            [](const Response& response) { return json_page<Pet>(response, {"pets"}, {"next"}); });
    }

    /// ServerDrivenPagination.ContinuationToken.*: the token in the request's query or header, in the
    /// response's body (`nextToken`, maybe nested) or `next-token` header.
    auto request_query_response_body(HeaderAndQuery options = {}) const {
        return by_token("request-query-response-body", std::move(options), TokenIn::query, {"nextToken"});
    }
    auto request_header_response_body(HeaderAndQuery options = {}) const {
        return by_token("request-header-response-body", std::move(options), TokenIn::header, {"nextToken"});
    }
    auto request_query_response_header(HeaderAndQuery options = {}) const {
        return by_token("request-query-response-header", std::move(options), TokenIn::query, {}, "next-token");
    }
    auto request_header_response_header(HeaderAndQuery options = {}) const {
        return by_token("request-header-response-header", std::move(options), TokenIn::header, {}, "next-token");
    }
    auto request_query_nested_response_body(HeaderAndQuery options = {}) const {
        return by_token("request-query-nested-response-body", std::move(options), TokenIn::query, {"nestedNext", "nextToken"},
                        {}, {"nestedItems", "pets"});
    }
    auto request_header_nested_response_body(HeaderAndQuery options = {}) const {
        return by_token("request-header-nested-response-body", std::move(options), TokenIn::header, {"nestedNext", "nextToken"},
                        {}, {"nestedItems", "pets"});
    }

    /// PageSize.listWithoutContinuation: one page.
    auto list_without_continuation() const { return by_link("/payload/pageable/pagesize/without-continuation", {"pets"}, {}); }
    /// PageSize.listWithPageSize: pageSize in the query; one page.
    auto list_with_page_size(std::optional<int> page_size = {}) const {
        Params params;
        if (page_size) params.emplace_back("pageSize", std::to_string(*page_size));
        return this->template paged_by_link<Pet>(
            [params] { return rest::HttpRequest("GET", "/payload/pageable/pagesize/list", {.params = params}); },
            [](const Response& response) { return json_page<Pet>(response, {"pets"}, {}); });
    }

    /// XmlPagination.listWithContinuation: the token is NextMarker, sent back as `marker`.
    auto xml_list_with_continuation() const {
        return this->template paged<Pet>(
            [](const std::optional<std::string>& marker) {
                Params params;
                if (marker) params.emplace_back("marker", *marker);
                return rest::HttpRequest("GET", "/payload/pageable/xml/list-with-continuation", {.params = params});
            },
            [](const Response& response) { return xml_pets_page(response, "NextMarker"); });
    }
    /// XmlPagination.listWithNextLink: the next link is NextLink.
    auto xml_list_with_next_link() const {
        return this->template paged_by_link<Pet>(
            [] { return rest::HttpRequest("GET", "/payload/pageable/xml/list-with-next-link"); },
            [](const Response& response) { return xml_pets_page(response, "NextLink"); });
    }

private:
    Paged<Face, Pet> by_link(std::string path, JsonPath items, JsonPath next) const {
        return this->template paged_by_link<Pet>(
            [path = std::move(path)] { return rest::HttpRequest("GET", path); },
            [items = std::move(items), next = std::move(next)](const Response& response) { return json_page<Pet>(response, items, next); });
    }
    Paged<Face, Pet> by_token(std::string route, HeaderAndQuery options, TokenIn in, JsonPath next, std::string_view next_header = {},
                              JsonPath items = {"pets"}) const {
        return this->template paged<Pet>(
            [path = "/payload/pageable/server-driven-pagination/continuationtoken/" + route, options = std::move(options), in](
                const std::optional<std::string>& token) { return token_request(path, options, in, token); },
            [items = std::move(items), next = std::move(next), next_header](const Response& response) {
                return json_page<Pet>(response, items, next, next_header);
            });
    }
};

}  // namespace azcore::spector::paging
