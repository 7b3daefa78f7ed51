#pragma once
// AsyncItemPaged and AsyncPageIterator: Python's `azure.core.async_paging`, read with co_await next().
#include <azcore/exceptions.hpp>
#include <azcore/net.hpp>
#include <azcore/paging.hpp>

#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::paging {

/// The two callables of an async paged operation (Python's `get_next` and `extract_data` of
/// AsyncItemPaged): get_next(token) returns a net::awaitable of a response of any type (token is
/// nullopt for the first page); extract_data(response) reads it into a PageData<T>, or returns a
/// net::awaitable of one.
template <class GetNext, class ExtractData>
concept AsyncPageSource =
    requires(GetNext& get_next, ExtractData& extract_data, const std::optional<std::string>& token,
             typename std::invoke_result_t<GetNext&, const std::optional<std::string>&>::value_type& response) {
        { get_next(token) } -> std::same_as<net::awaitable<std::remove_reference_t<decltype(response)>>>;
        extract_data(response);
    };

/// The pages of a paged operation, one request per page (Python's `AsyncPageIterator`):
/// `auto page = co_await pages.next();` until nullopt. continuation_token() is the next page's token
/// after each page. Lazy, and errors carry the continuation token, as PageIterator. The iterator
/// must outlive each next() it awaits.
template <class T>
class AsyncPageIterator {
public:
    /// Python's AsyncPageIterator(get_next, extract_data, continuation_token): see AsyncPageSource.
    template <class GetNext, class ExtractData>
        requires AsyncPageSource<GetNext, ExtractData>
    AsyncPageIterator(GetNext get_next, ExtractData extract_data, std::optional<std::string> continuation_token = {})
        : AsyncPageIterator(fetch_from(std::move(get_next), std::move(extract_data)), std::move(continuation_token)) {}

    /// Python's __anext__: the next page, or nullopt once the last page was returned.
    net::awaitable<std::optional<std::vector<T>>> next() {
        if (cursor_.at_end()) co_return std::nullopt;
        try {
            co_return cursor_.turn(co_await fetch_(cursor_.token()));
        } catch (exceptions::AzureError& error) {
            cursor_.annotate(error);
            throw;
        }
    }

    /// The token of the next page (nullopt after the last page).
    const std::optional<std::string>& continuation_token() const noexcept { return cursor_.token(); }

private:
    friend class AsyncItemPaged<T>;

    /// get_next + extract_data as one callable: the page of a token.
    using Fetch = std::function<net::awaitable<PageData<T>>(std::optional<std::string>)>;

    template <class GetNext, class ExtractData>
    static Fetch fetch_from(GetNext get_next, ExtractData extract_data) {
        // Shared, so that a fetch in progress keeps them alive whatever happens to the Fetch.
        return [get_next = std::make_shared<GetNext>(std::move(get_next)),
                extract_data = std::make_shared<ExtractData>(std::move(extract_data))](std::optional<std::string> token) {
            return fetch_page(get_next, extract_data, std::move(token));
        };
    }

    template <class GetNext, class ExtractData>
    static net::awaitable<PageData<T>> fetch_page(std::shared_ptr<GetNext> get_next, std::shared_ptr<ExtractData> extract_data,
                                                  std::optional<std::string> token) {
        auto response = co_await (*get_next)(token);
        auto extracted = (*extract_data)(response);
        if constexpr (std::is_constructible_v<PageData<T>, decltype(extracted)>) co_return PageData<T>(std::move(extracted));
        else co_return PageData<T>(co_await std::move(extracted));
    }

    AsyncPageIterator(Fetch fetch, std::optional<std::string> continuation_token)
        : fetch_(std::move(fetch)), cursor_(std::move(continuation_token)) {}

    Fetch fetch_;
    typename PageIterator<T>::Cursor cursor_;
};

/// The items of a paged operation (Python's `AsyncItemPaged`):
/// `auto item = co_await items.next();` until nullopt; by_page(token) gives the pages. Nothing is sent
/// before the first next(); one pass, like Python's async iterator. The object must outlive each
/// next() it awaits.
template <class T>
class AsyncItemPaged {
public:
    /// Python's AsyncItemPaged(get_next, extract_data): see AsyncPageSource.
    template <class GetNext, class ExtractData>
        requires AsyncPageSource<GetNext, ExtractData>
    AsyncItemPaged(GetNext get_next, ExtractData extract_data)
        : fetch_(AsyncPageIterator<T>::fetch_from(std::move(get_next), std::move(extract_data))) {}

    /// A new page iterator from continuation_token (nullopt: the first page); nothing is sent yet.
    AsyncPageIterator<T> by_page(std::optional<std::string> continuation_token = {}) const {
        return AsyncPageIterator<T>(fetch_, std::move(continuation_token));
    }

    /// The next item, or nullopt at the end. After an error, the next call retries the failed page.
    net::awaitable<std::optional<T>> next() {
        if (!pages_) pages_.emplace(by_page());
        while (items_.needs_page()) items_.refill(co_await pages_->next());
        co_return items_.take();
    }

private:
    typename AsyncPageIterator<T>::Fetch fetch_;
    std::optional<AsyncPageIterator<T>> pages_;
    typename ItemPaged<T>::Items items_;
};

}  // namespace azcore::paging
