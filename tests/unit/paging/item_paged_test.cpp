// ItemPaged / AsyncItemPaged against a paged service on MockTransport, in both faces: which
// requests are sent and when, what the items and pages are, continuation tokens, errors.
#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace azcore::paging {
namespace {

using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;
using transport::RecordedRequest;

const std::string base_url = "https://svc.example";

static_assert(std::input_iterator<ItemPaged<int>::iterator>);
static_assert(std::sentinel_for<std::default_sentinel_t, ItemPaged<int>::iterator>);
static_assert(std::ranges::input_range<ItemPaged<int>>);
static_assert(std::input_iterator<PageIterator<int>::iterator>);
static_assert(std::ranges::input_range<PageIterator<int>>);
static_assert(std::ranges::input_range<std::ranges::range_value_t<PageIterator<int>>>);

/// Python's extract_data of a typical Azure list operation: {"value": [...], "nextLink": "..."}.
PageData<int> extract_items(const rest::HttpResponseBase& response) {
    boost::json::value body = boost::json::parse(response.text());
    std::vector<int> items;
    for (const boost::json::value& item : body.at("value").as_array()) items.push_back(static_cast<int>(item.as_int64()));
    std::optional<std::string> next_link;
    if (const boost::json::value* link = body.as_object().if_contains("nextLink"); link && link->is_string())
        next_link = std::string(link->as_string());
    return {next_link, items};
}

/// A paged list service: page n (1-based) at /items?page=n; page 1 also at /items.
class PagedService {
public:
    std::vector<std::vector<int>> pages;
    /// Pages answered with a 500 (while failing is true).
    std::map<int, bool> failing;
    /// The nextLink of the last page: absent, or this (e.g. "").
    std::optional<std::string> last_next_link;

    MockTransport::Outcome answer(const RecordedRequest& request) {
        int page = 1;
        if (auto at = request.url.find("page="); at != std::string::npos) page = std::stoi(request.url.substr(at + 5));
        if (failing[page])
            return MockResponse{.status_code = 500, .reason = "Internal Server Error",
                                .body = to_bytes(R"({"error": {"code": "Busy", "message": "try later"}})")};
        boost::json::object body;
        boost::json::array values;
        for (int item : pages.at(static_cast<std::size_t>(page - 1))) values.push_back(item);
        body["value"] = std::move(values);
        if (static_cast<std::size_t>(page) < pages.size()) body["nextLink"] = base_url + "/items?page=" + std::to_string(page + 1);
        else if (last_next_link) body["nextLink"] = *last_next_link;
        return MockResponse{.status_code = 200, .headers = {{"Content-Type", "application/json"}},
                            .body = to_bytes(boost::json::serialize(body))};
    }
};

ItemPaged<int> list_items(const PipelineClient& client) {
    return ItemPaged<int>(
        [&client](const std::optional<std::string>& token) {
            std::shared_ptr<rest::HttpResponse> response = client.send_request(HttpRequest("GET", token.value_or("/items")));
            response->raise_for_status();
            return response;
        },
        [](const std::shared_ptr<rest::HttpResponse>& response) { return extract_items(*response); });
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> get_page(const AsyncPipelineClient& client,
                                                                   std::optional<std::string> token) {
    HttpRequest request("GET", token.value_or("/items"));
    std::shared_ptr<rest::AsyncHttpResponse> response = co_await client.send_request(std::move(request));
    response->raise_for_status();
    co_return response;
}

AsyncItemPaged<int> async_list_items(const AsyncPipelineClient& client) {
    return AsyncItemPaged<int>([&client](const std::optional<std::string>& token) { return get_page(client, token); },
                               [](const std::shared_ptr<rest::AsyncHttpResponse>& response) { return extract_items(*response); });
}

/// One page as a test sees it: its items and the continuation token right after it.
struct SeenPage {
    std::vector<int> items;
    std::optional<std::string> token;
    friend bool operator==(const SeenPage&, const SeenPage&) = default;
};

std::ostream& operator<<(std::ostream& out, const SeenPage& page) {
    out << "{[";
    for (int item : page.items) out << item << ",";
    return out << "], " << page.token.value_or("<none>") << "}";
}

class ItemPagedTest : public ::testing::TestWithParam<RunMode> {
protected:
    ItemPagedTest() {
        service_.pages = {{1, 2}, {3, 4}, {5, 6}};
        transport_ = std::make_shared<MockTransport>([this](const RecordedRequest& request) { return service_.answer(request); });
        sync_client_ = std::make_unique<PipelineClient>(base_url, PipelineClientOptions{.transport = transport_, .config = Configuration{}});
        async_client_ = std::make_unique<AsyncPipelineClient>(base_url, io_.get_executor(),
                                                              PipelineClientOptions{.transport = transport_, .config = Configuration{}});
    }

    template <class R>
    R run(net::awaitable<R> awaitable) {
        return test::run_awaitable(std::move(awaitable));
    }

    /// Every item, by range-for (sync) or co_await next() (async).
    std::vector<int> all_items() {
        if (GetParam() == RunMode::Sync) {
            std::vector<int> items;
            for (int item : list_items(*sync_client_)) items.push_back(item);
            return items;
        }
        return run(async_all_items());
    }
    net::awaitable<std::vector<int>> async_all_items() {
        AsyncItemPaged<int> paged = async_list_items(*async_client_);
        std::vector<int> items;
        for (;;) {
            std::optional<int> item = co_await paged.next();
            if (!item) break;
            items.push_back(*item);
        }
        co_return items;
    }

    /// Every page of by_page(token), with the token after each.
    std::vector<SeenPage> pages(std::optional<std::string> token = {}) {
        if (GetParam() == RunMode::Sync) {
            std::vector<SeenPage> seen;
            PageIterator<int> iterator = list_items(*sync_client_).by_page(token);
            for (std::vector<int>& page : iterator) seen.push_back({page, iterator.continuation_token()});
            return seen;
        }
        return run(async_pages(std::move(token)));
    }
    net::awaitable<std::vector<SeenPage>> async_pages(std::optional<std::string> token) {
        AsyncItemPaged<int> paged = async_list_items(*async_client_);
        AsyncPageIterator<int> iterator = paged.by_page(std::move(token));
        std::vector<SeenPage> seen;
        for (;;) {
            std::optional<std::vector<int>> page = co_await iterator.next();
            if (!page) break;
            seen.push_back({*page, iterator.continuation_token()});
        }
        co_return seen;
    }

    std::vector<std::string> urls() const {
        std::vector<std::string> out;
        for (const RecordedRequest& request : transport_->requests()) out.push_back(request.url);
        return out;
    }

    net::io_context io_;
    PagedService service_;
    std::shared_ptr<MockTransport> transport_;
    std::unique_ptr<PipelineClient> sync_client_;
    std::unique_ptr<AsyncPipelineClient> async_client_;
};

TEST_P(ItemPagedTest, IteratesTheItemsOfEveryPageWithOneRequestPerPage) {
    EXPECT_EQ(all_items(), (std::vector<int>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(urls(), (std::vector<std::string>{base_url + "/items", base_url + "/items?page=2", base_url + "/items?page=3"}));
}

TEST_P(ItemPagedTest, SendsNothingUntilTheFirstItemIsAskedFor) {
    if (GetParam() == RunMode::Sync) {
        ItemPaged<int> paged = list_items(*sync_client_);
        PageIterator<int> page_iterator = paged.by_page();
        EXPECT_EQ(transport_->requests().size(), 0u);
        auto it = paged.begin();
        EXPECT_EQ(*it, 1);
        EXPECT_EQ(transport_->requests().size(), 1u);
        ++it;
        EXPECT_EQ(*it, 2);
        EXPECT_EQ(transport_->requests().size(), 1u);
        ++it;
        EXPECT_EQ(*it, 3);
        EXPECT_EQ(transport_->requests().size(), 2u);
    } else {
        run([this]() -> net::awaitable<int> {
            AsyncItemPaged<int> paged = async_list_items(*async_client_);
            AsyncPageIterator<int> page_iterator = paged.by_page();
            EXPECT_EQ(transport_->requests().size(), 0u);
            std::optional<int> first = co_await paged.next();
            EXPECT_EQ(first, 1);
            EXPECT_EQ(transport_->requests().size(), 1u);
            std::optional<int> second = co_await paged.next();
            EXPECT_EQ(second, 2);
            EXPECT_EQ(transport_->requests().size(), 1u);
            std::optional<int> third = co_await paged.next();
            EXPECT_EQ(third, 3);
            EXPECT_EQ(transport_->requests().size(), 2u);
            co_return 0;
        }());
    }
}

TEST_P(ItemPagedTest, ByPageGivesEachPageAndTheContinuationTokenAfterIt) {
    EXPECT_EQ(pages(), (std::vector<SeenPage>{{{1, 2}, base_url + "/items?page=2"},
                                              {{3, 4}, base_url + "/items?page=3"},
                                              {{5, 6}, std::nullopt}}));
}

TEST_P(ItemPagedTest, ByPageWithATokenResumesThere) {
    EXPECT_EQ(pages(base_url + "/items?page=2"),
              (std::vector<SeenPage>{{{3, 4}, base_url + "/items?page=3"}, {{5, 6}, std::nullopt}}));
    EXPECT_EQ(urls(), (std::vector<std::string>{base_url + "/items?page=2", base_url + "/items?page=3"}));
}

TEST_P(ItemPagedTest, AnErrorMidwayCarriesTheTokenThatResumesThePaging) {
    service_.failing[2] = true;
    std::optional<std::string> token;
    try {
        all_items();
        FAIL() << "expected an HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 500);
        ASSERT_TRUE(error.error());
        EXPECT_EQ(error.error()->code(), "Busy");
        token = error.continuation_token();
    }
    ASSERT_EQ(token, base_url + "/items?page=2");

    service_.failing[2] = false;
    EXPECT_EQ(pages(token), (std::vector<SeenPage>{{{3, 4}, base_url + "/items?page=3"}, {{5, 6}, std::nullopt}}));
}

TEST_P(ItemPagedTest, EmptyPagesAreSkippedAndAnEmptyNextLinkEndsThePaging) {
    service_.pages = {{}, {1}, {}, {2, 3}};
    service_.last_next_link = "";
    EXPECT_EQ(all_items(), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(transport_->requests().size(), 4u);
}

TEST_P(ItemPagedTest, ASinglePageListSendsOneRequest) {
    service_.pages = {{7}};
    EXPECT_EQ(all_items(), (std::vector<int>{7}));
    EXPECT_EQ(pages(), (std::vector<SeenPage>{{{7}, std::nullopt}}));
    EXPECT_EQ(transport_->requests().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, ItemPagedTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// ---- the paging decisions, on plain callables, in both faces -------------------------------------

/// A paged operation whose responses are page names: get_next(token) returns token (or "first"
/// for the first page), extract_data looks the page up. Records every get_next call.
struct Script {
    std::map<std::string, PageData<int>> pages;
    /// get_next calls (1-based) that throw a ServiceResponseError instead.
    std::set<int> failing_calls;
    /// The continuation token of that error (none: the pager's token is put on it).
    std::optional<std::string> error_token;
    /// A page whose extract_data throws a DecodeError.
    std::string undecodable;
    std::vector<std::optional<std::string>> tokens;

    std::string get_next(const std::optional<std::string>& token) {
        tokens.push_back(token);
        if (failing_calls.contains(static_cast<int>(tokens.size())))
            throw exceptions::ServiceResponseError("connection reset", {.continuation_token = error_token});
        return token.value_or("first");
    }
    PageData<int> extract_data(const std::string& page) const {
        if (page == undecodable) throw exceptions::DecodeError("not JSON", nullptr);
        return pages.at(page);
    }
};

/// An ItemPaged (Sync) or an AsyncItemPaged whose get_next and extract_data are coroutines
/// (Async) over the same Script, used the same way.
class ScriptedPager {
public:
    ScriptedPager(RunMode mode, Script& script) {
        if (mode == RunMode::Sync)
            sync_.emplace([&script](const std::optional<std::string>& token) { return script.get_next(token); },
                          [&script](const std::string& page) { return script.extract_data(page); });
        else
            async_.emplace(
                [&script](std::optional<std::string> token) -> net::awaitable<std::string> { co_return script.get_next(token); },
                [&script](const std::string& page) -> net::awaitable<PageData<int>> { co_return script.extract_data(page); });
    }

    /// ItemPaged::next().
    std::optional<int> next() {
        if (sync_) return sync_->next();
        return test::run_awaitable(io_, async_->next());
    }

    /// by_page(token): every page with the token after it, until the end or an error.
    std::vector<SeenPage> pages(std::optional<std::string> token = {}) {
        if (sync_) return pages_of(sync_->by_page(std::move(token)));
        auto iterator = async_->by_page(std::move(token));
        std::vector<SeenPage> seen;
        while (std::optional<std::vector<int>> page = test::run_awaitable(io_, iterator.next()))
            seen.push_back({*page, iterator.continuation_token()});
        return seen;
    }

    /// The pages of one by_page() iterator, taken one next() at a time by the caller (while this
    /// pager lives).
    std::function<std::optional<std::vector<int>>()> page_stepper() {
        if (sync_)
            return [pages = std::make_shared<PageIterator<int>>(sync_->by_page())] { return pages->next(); };
        return [this, pages = std::make_shared<AsyncPageIterator<int>>(async_->by_page())] {
            return test::run_awaitable(io_, pages->next());
        };
    }

private:
    static std::vector<SeenPage> pages_of(PageIterator<int> iterator) {
        std::vector<SeenPage> seen;
        while (std::optional<std::vector<int>> page = iterator.next()) seen.push_back({*page, iterator.continuation_token()});
        return seen;
    }

    net::io_context io_;
    std::optional<ItemPaged<int>> sync_;
    std::optional<AsyncItemPaged<int>> async_;
};

class PagingDecisionsTest : public ::testing::TestWithParam<RunMode> {
protected:
    PagingDecisionsTest() {
        script_.pages = {{"first", {"second", {1, 2}}}, {"second", {"third", {3}}}, {"third", {std::nullopt, {4}}}};
    }
    ScriptedPager pager() { return ScriptedPager(GetParam(), script_); }
    Script script_;
};

TEST_P(PagingDecisionsTest, NextReturnsEveryItemThenNothingAndAsksForNoPageAfterTheLast) {
    ScriptedPager items = pager();
    EXPECT_EQ(items.next(), 1);
    EXPECT_EQ(items.next(), 2);
    EXPECT_EQ(items.next(), 3);
    EXPECT_EQ(items.next(), 4);
    EXPECT_EQ(items.next(), std::nullopt);
    EXPECT_EQ(items.next(), std::nullopt);
    EXPECT_EQ(script_.tokens, (std::vector<std::optional<std::string>>{std::nullopt, "second", "third"}));
}

// As Python's next(): the last item of a page comes back before the next page is asked for, so a
// failure fetching it loses no item and costs no early request; the next call fetches it again.
TEST_P(PagingDecisionsTest, NextFetchesTheNextPageOnlyWhenItNeedsItAndLosesNoItemToAnError) {
    script_.failing_calls = {2};
    ScriptedPager items = pager();
    EXPECT_EQ(items.next(), 1);
    EXPECT_EQ(items.next(), 2);
    EXPECT_EQ(script_.tokens.size(), 1u);
    try {
        items.next();
        FAIL() << "expected ServiceResponseError";
    } catch (const exceptions::ServiceResponseError& error) {
        EXPECT_EQ(error.continuation_token(), "second");
    }
    EXPECT_EQ(items.next(), 3);
    EXPECT_EQ(items.next(), 4);
    EXPECT_EQ(items.next(), std::nullopt);
    EXPECT_EQ(script_.tokens, (std::vector<std::optional<std::string>>{std::nullopt, "second", "second", "third"}));
}

// Python's ItemPaged chains the pages, so an empty page (with a token) is skipped; by_page gives it.
TEST_P(PagingDecisionsTest, EmptyPagesAreSkippedByTheItemsAndGivenByThePages) {
    script_.pages = {{"first", {"second", {}}}, {"second", {"third", {}}}, {"third", {"fourth", {5}}}, {"fourth", {std::nullopt, {}}}};
    EXPECT_EQ(pager().pages(), (std::vector<SeenPage>{{{}, "second"}, {{}, "third"}, {{5}, "fourth"}, {{}, std::nullopt}}));
    ScriptedPager items = pager();
    EXPECT_EQ(items.next(), 5);
    EXPECT_EQ(items.next(), std::nullopt);
    EXPECT_EQ(script_.tokens.size(), 8u);
}

// A falsy token (Python's `not token` in generated get_next) ends the paging when a page returns
// it, and starts from the first page when by_page is given it.
TEST_P(PagingDecisionsTest, AnEmptyTokenEndsThePagingAndAnEmptyStartTokenMeansTheFirstPage) {
    script_.pages["second"] = {"", {3}};
    EXPECT_EQ(pager().pages(""), (std::vector<SeenPage>{{{1, 2}, "second"}, {{3}, std::nullopt}}));
    EXPECT_EQ(script_.tokens, (std::vector<std::optional<std::string>>{std::nullopt, "second"}));
}

TEST_P(PagingDecisionsTest, AnErrorOfExtractDataCarriesTheTokenOfItsPage) {
    script_.undecodable = "second";
    try {
        pager().pages();
        FAIL() << "expected DecodeError";
    } catch (const exceptions::DecodeError& error) {
        EXPECT_EQ(error.continuation_token(), "second");
    }
}

TEST_P(PagingDecisionsTest, AnErrorThatHasAContinuationTokenKeepsIt) {
    script_.failing_calls = {2};
    script_.error_token = "the error's own";
    try {
        pager().pages();
        FAIL() << "expected ServiceResponseError";
    } catch (const exceptions::ServiceResponseError& error) {
        EXPECT_EQ(error.continuation_token(), "the error's own");
    }
}

TEST_P(PagingDecisionsTest, APageIteratorFetchesAFailedPageAgainWhenAdvancedAgain) {
    script_.failing_calls = {2};
    ScriptedPager paged = pager();
    auto next_page = paged.page_stepper();
    EXPECT_EQ(next_page(), (std::vector<int>{1, 2}));
    EXPECT_THROW(next_page(), exceptions::ServiceResponseError);
    EXPECT_EQ(next_page(), (std::vector<int>{3}));
    EXPECT_EQ(next_page(), (std::vector<int>{4}));
    EXPECT_EQ(next_page(), std::nullopt);
    EXPECT_EQ(script_.tokens, (std::vector<std::optional<std::string>>{std::nullopt, "second", "second", "third"}));
}

INSTANTIATE_TEST_SUITE_P(BothModes, PagingDecisionsTest, ::testing::Values(RunMode::Sync, RunMode::Async));

// ---- the sync face's own shape -------------------------------------------------------------------

TEST(ItemPaged, PagesAnyResponseTypeThatExtractDataReads) {
    int calls = 0;
    auto get_next = [&calls](const std::optional<std::string>& token) {
        ++calls;
        return token.value_or("a");
    };
    auto extract_data = [](const std::string& page) -> PageData<std::string> {
        if (page == "a") return {"b", {"a1", "a2"}};
        return {std::nullopt, {"b1"}};
    };
    ItemPaged<std::string> items(get_next, extract_data);
    std::vector<std::string> collected;
    for (std::string& item : items) collected.push_back(std::move(item));
    EXPECT_EQ(collected, (std::vector<std::string>{"a1", "a2", "b1"}));
    EXPECT_EQ(calls, 2);

    std::vector<std::size_t> sizes;
    for (const std::vector<std::string>& page : items.by_page()) sizes.push_back(page.size());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{2, 1}));
}

TEST(ItemPaged, AFailedPageIsFetchedAgainWhenTheLoopGoesOn) {
    int attempts = 0;
    ItemPaged<int> items(
        [&attempts](const std::optional<std::string>& token) -> std::string {
            if (token && ++attempts == 1) throw exceptions::ServiceResponseError("connection reset");
            return token.value_or("first");
        },
        [](const std::string& page) -> PageData<int> {
            if (page == "first") return {"second", {1}};
            return {std::nullopt, {2}};
        });
    auto it = items.begin();
    EXPECT_EQ(*it, 1);
    try {
        ++it;
        FAIL() << "expected ServiceResponseError";
    } catch (const exceptions::ServiceResponseError& error) {
        EXPECT_EQ(error.continuation_token(), "second");
    }
    it = items.begin();
    EXPECT_EQ(*it, 2);
    ++it;
    EXPECT_TRUE(it == items.end());
}

}  // namespace
}  // namespace azcore::paging
