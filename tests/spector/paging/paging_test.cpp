// Spector's paging scenarios, in both faces, through the clients a generator would emit: each
// operation's items come in order, page by page, whether the next page is found by a next link
// (absolute, relative, nested, in XML) or a continuation token (in the body, a nested field or a
// header; sent back in the query or a header); nothing is sent before iteration; by_page(token)
// resumes where a first pager stopped.
#include "face_test.hpp"
#include "paging/clients.hpp"
#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

#include <azcore/pipeline/sans_io_http_policy.hpp>

#include <ostream>

namespace azcore::spector::paging {

std::ostream& operator<<(std::ostream& out, const User& user) {
    return out << "User{" << user.id << ", " << user.name << ", " << user.etag.value_or("-") << "}";
}
std::ostream& operator<<(std::ostream& out, const FirstItem& item) { return out << "FirstItem{" << item.id << "}"; }
std::ostream& operator<<(std::ostream& out, const SecondItem& item) { return out << "SecondItem{" << item.name << "}"; }
std::ostream& operator<<(std::ostream& out, const PageableUser& user) { return out << "PageableUser{" << user.name << "}"; }
std::ostream& operator<<(std::ostream& out, const Pet& pet) { return out << "Pet{" << pet.id << ", " << pet.name << "}"; }

namespace {

template <class T>
using Pages = std::vector<std::vector<T>>;

const std::string etag = "11bdc430-65e8-45ad-81d9-8ffa60d55b59";
const Pages<User> madge = {{{1, "Madge", etag}}};
const std::vector<Pet> first_pets = {{"1", "dog"}, {"2", "cat"}};
const std::vector<Pet> second_pets = {{"3", "bird"}, {"4", "fish"}};
const Pages<Pet> two_pet_pages = {first_pets, second_pets};
const HeaderAndQuery foo_and_bar{.foo = "foo", .bar = "bar"};

// Iterating as a user would: a range-for (Sync), co_await next() until nullopt (Async).
template <class T>
std::vector<T> all_items(azcore::paging::ItemPaged<T> pager) {
    std::vector<T> items;
    for (T& item : pager) items.push_back(std::move(item));
    return items;
}
template <class T>
net::awaitable<std::vector<T>> all_items(azcore::paging::AsyncItemPaged<T> pager) {
    std::vector<T> items;
    for (;;) {
        std::optional<T> item = co_await pager.next();
        if (!item) break;
        items.push_back(std::move(*item));
    }
    co_return items;
}
template <class T>
Pages<T> all_pages(azcore::paging::PageIterator<T> pages) {
    Pages<T> all;
    for (std::vector<T>& page : pages) all.push_back(std::move(page));
    return all;
}
template <class T>
net::awaitable<Pages<T>> all_pages(azcore::paging::AsyncPageIterator<T> pages) {
    Pages<T> all;
    for (;;) {
        std::optional<std::vector<T>> page = co_await pages.next();
        if (!page) break;
        all.push_back(std::move(*page));
    }
    co_return all;
}

/// Counts the calls sent through its pipeline.
class CountingPolicy : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest&) const override { ++sent; }
    mutable int sent = 0;
};

template <class Face>
class PagingTest : public FaceTest<Face> {
protected:
    template <class Pager>
    auto items_of(Pager pager) {
        return this->call([&] { return all_items(std::move(pager)); });
    }
    template <class PageIterator>
    auto pages_of(PageIterator pages) {
        return this->call([&] { return all_pages(std::move(pages)); });
    }
    /// One next() of a pager or page iterator.
    template <class Pager>
    auto next_of(Pager& pager) {
        return this->call([&] { return pager.next(); });
    }

    /// Each call of operation() returns a new pager: its items are those of `pages`, in order, and
    /// its by_page() gives exactly `pages`.
    template <class Operation, class T>
    void expect_pages(Operation operation, const Pages<T>& pages) {
        std::vector<T> items;
        for (const auto& page : pages) items.insert(items.end(), page.begin(), page.end());
        EXPECT_EQ(items_of(operation()), items);
        EXPECT_EQ(pages_of(operation().by_page()), pages);
    }

};
TYPED_TEST_SUITE(PagingTest, Faces, FaceNames);

TYPED_TEST(PagingTest, AzureCorePageListWithPageIsOnePageOfUsers) {
    auto client = this->template make<AzureCorePageClient>(this->endpoint);
    this->expect_pages([&] { return client.list_with_page(); }, madge);
}

TYPED_TEST(PagingTest, AzureCorePageListWithParametersPostsTheBodyAndTheEnumInTheQuery) {
    auto client = this->template make<AzureCorePageClient>(this->endpoint);
    this->expect_pages([&] { return client.list_with_parameters("Madge", "Second"); }, madge);
}

TYPED_TEST(PagingTest, AzureCorePageTwoModelsAsPageItemEachGiveTheirOwnItemType) {
    auto client = this->template make<AzureCorePageClient>(this->endpoint);
    this->expect_pages([&] { return client.list_first_item(); }, Pages<FirstItem>{{{1}}});
    this->expect_pages([&] { return client.list_second_item(); }, Pages<SecondItem>{{{"Madge"}}});
}

TYPED_TEST(PagingTest, AzureCorePageListWithCustomPageModelReadsItsItemsField) {
    auto client = this->template make<AzureCorePageClient>(this->endpoint);
    this->expect_pages([&] { return client.list_with_custom_page_model(); }, madge);
}

TYPED_TEST(PagingTest, AzureCorePageWithParameterizedNextLinkReinjectsIncludePending) {
    auto client = this->template make<AzureCorePageClient>(this->endpoint);
    this->expect_pages([&] { return client.with_parameterized_next_link("name", true); },
                       Pages<User>{{{1, "User1", {}}}, {{2, "User2", {}}}});
}

TYPED_TEST(PagingTest, AzureCorePageWithRelativeNextLinkIsResolvedAgainstTheEndpoint) {
    auto client = this->template make<AzureCorePageClient>(this->endpoint);
    this->expect_pages([&] { return client.with_relative_next_link(); }, Pages<User>{{{1, "User1", etag}}, {{2, "User2", etag}}});
}

TYPED_TEST(PagingTest, AzurePayloadPageableListFollowsTheNextLinkWithItsMaxPageSize) {
    auto client = this->template make<AzurePayloadPageableClient>(this->endpoint);
    this->expect_pages([&] { return client.list(3); }, Pages<PageableUser>{{{"user5"}, {"user6"}, {"user7"}}, {{"user8"}}});
}

TYPED_TEST(PagingTest, PayloadLinkFollowsTheAbsoluteNextLink) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.link(); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadLinkStringFollowsTheNextLink) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.link_string(); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadNestedLinkReadsNestedItemsAndNextLink) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.nested_link(); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadAlternateInitialVerbPostsFirstThenGetsTheNextLink) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.alternate_initial_verb_post("foo eq bar"); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadContinuationTokenRequestQueryResponseBody) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.request_query_response_body(foo_and_bar); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadContinuationTokenRequestHeaderResponseBody) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.request_header_response_body(foo_and_bar); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadContinuationTokenRequestQueryResponseHeader) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.request_query_response_header(foo_and_bar); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadContinuationTokenRequestHeaderResponseHeader) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.request_header_response_header(foo_and_bar); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadContinuationTokenRequestQueryNestedResponseBody) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.request_query_nested_response_body(foo_and_bar); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadContinuationTokenRequestHeaderNestedResponseBody) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.request_header_nested_response_body(foo_and_bar); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadPageSizeListWithoutContinuationIsOnePage) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.list_without_continuation(); }, Pages<Pet>{{{"1", "dog"}, {"2", "cat"}, {"3", "bird"}, {"4", "fish"}}});
}

TYPED_TEST(PagingTest, PayloadPageSizeListWithPageSizeSendsThePageSize) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.list_with_page_size(2); }, Pages<Pet>{first_pets});
    this->expect_pages([&] { return client.list_with_page_size(4); }, Pages<Pet>{{{"1", "dog"}, {"2", "cat"}, {"3", "bird"}, {"4", "fish"}}});
}

TYPED_TEST(PagingTest, PayloadXmlListWithContinuationSendsNextMarkerBackAsMarker) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.xml_list_with_continuation(); }, two_pet_pages);
}

TYPED_TEST(PagingTest, PayloadXmlListWithNextLinkFollowsTheNextLinkElement) {
    auto client = this->template make<PageableClient>(this->endpoint);
    this->expect_pages([&] { return client.xml_list_with_next_link(); }, two_pet_pages);
}

TYPED_TEST(PagingTest, ByPageOfTheFirstPagesContinuationTokenGivesExactlyTheRemainingPages) {
    auto client = this->template make<PageableClient>(this->endpoint);
    auto pages = client.request_header_response_header(foo_and_bar).by_page();
    EXPECT_EQ(pages.continuation_token(), std::nullopt);
    EXPECT_EQ(this->next_of(pages), first_pets);
    const std::optional<std::string> token = pages.continuation_token();
    EXPECT_EQ(token, std::optional<std::string>("page2"));

    EXPECT_EQ(this->pages_of(client.request_header_response_header(foo_and_bar).by_page(token)), Pages<Pet>{second_pets});

    // The first iterator goes on to the last page; after it, no token and no page.
    EXPECT_EQ(this->next_of(pages), second_pets);
    EXPECT_EQ(pages.continuation_token(), std::nullopt);
    EXPECT_EQ(this->next_of(pages), std::nullopt);
}

TYPED_TEST(PagingTest, ByPageOfANextLinkTokenGetsThatLink) {
    auto client = this->template make<PageableClient>(this->endpoint);
    auto pages = client.link().by_page();
    EXPECT_EQ(this->next_of(pages), first_pets);
    const std::optional<std::string> token = pages.continuation_token();
    EXPECT_EQ(token, this->endpoint + "/payload/pageable/server-driven-pagination/link/nextPage");
    EXPECT_EQ(this->pages_of(client.link().by_page(token)), Pages<Pet>{second_pets});
}

TYPED_TEST(PagingTest, NothingIsSentBeforeIterationThenOneRequestPerPage) {
    auto counter = std::make_shared<CountingPolicy>();
    auto client = this->template make<PageableClient>(this->endpoint, PipelineClientOptions{.per_call_policies = {counter}});
    auto pager = client.link();
    auto pages = pager.by_page();
    EXPECT_EQ(counter->sent, 0);

    EXPECT_EQ(this->next_of(pager), first_pets[0]);
    EXPECT_EQ(counter->sent, 1);
    EXPECT_EQ(this->next_of(pager), first_pets[1]);
    EXPECT_EQ(counter->sent, 1);  // page 2 is asked for by the call that needs it, as in Python
    EXPECT_EQ(this->next_of(pager), second_pets[0]);
    EXPECT_EQ(counter->sent, 2);
    EXPECT_EQ(this->next_of(pager), second_pets[1]);
    EXPECT_EQ(this->next_of(pager), std::nullopt);
    EXPECT_EQ(counter->sent, 2);
}

// Last in this process: the Spector it started scores every paging scenario `pass`.
TEST(PagingCoverage, EveryPagingScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Azure_Core_Page_listWithPage",
        "Azure_Core_Page_listWithParameters",
        "Azure_Core_Page_TwoModelsAsPageItem",
        "Azure_Core_Page_listWithCustomPageModel",
        "Azure_Core_Page_withParameterizedNextLink",
        "Azure_Core_Page_withRelativeNextLink",
        "Azure_Payload_Pageable_list",
        "Payload_Pageable_ServerDrivenPagination_link",
        "Payload_Pageable_ServerDrivenPagination_linkString",
        "Payload_Pageable_ServerDrivenPagination_nestedLink",
        "Payload_Pageable_ServerDrivenPagination_AlternateInitialVerb_post",
        "Payload_Pageable_ServerDrivenPagination_ContinuationToken_requestQueryResponseBody",
        "Payload_Pageable_ServerDrivenPagination_ContinuationToken_requestHeaderResponseBody",
        "Payload_Pageable_ServerDrivenPagination_ContinuationToken_requestQueryResponseHeader",
        "Payload_Pageable_ServerDrivenPagination_ContinuationToken_requestHeaderResponseHeader",
        "Payload_Pageable_PageSize_listWithoutContinuation",
        "Payload_Pageable_PageSize_listWithPageSize",
        "Payload_Pageable_ServerDrivenPagination_ContinuationToken_requestQueryNestedResponseBody",
        "Payload_Pageable_ServerDrivenPagination_ContinuationToken_requestHeaderNestedResponseBody",
        "Payload_Pageable_XmlPagination_listWithContinuation",
        "Payload_Pageable_XmlPagination_listWithNextLink",
    });
}

}  // namespace
}  // namespace azcore::spector::paging
