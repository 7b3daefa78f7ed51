#pragma once
// AsyncItemPaged and AsyncPageIterator: Python's `azure.core.async_paging`, read with co_await next().
#include <azcore/exceptions.hpp>
#include <azcore/net.hpp>
#include <azcore/paging.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::paging {

namespace detail {

template <class A>
struct is_awaitable : std::false_type {};
template <class V, class E>
struct is_awaitable<net::awaitable<V, E>> : std::true_type {
    using value_type = V;
};

/// get_next + extract_data of the async face, type-erased.
template <class T>
using AsyncFetchPage = std::function<net::awaitable<PageData<T>>(std::optional<std::string>)>;

template <class T, class GetNext, class ExtractData>
net::awaitable<PageData<T>> async_fetch_page(std::shared_ptr<GetNext> get_next, std::shared_ptr<ExtractData> extract_data,
                                             std::optional<std::string> token) {
    try {
        auto response = co_await (*get_next)(token);
        using Extracted = std::invoke_result_t<ExtractData&, decltype(response)&>;
        if constexpr (is_awaitable<Extracted>::value) {
            auto data = co_await (*extract_data)(response);
            co_return PageData<T>(std::move(data));
        } else {
            PageData<T> data((*extract_data)(response));
            co_return data;
        }
    } catch (exceptions::AzureError& error) {
        if (!error.continuation_token()) error.set_continuation_token(token);
        throw;
    }
}

template <class T, class GetNext, class ExtractData>
AsyncFetchPage<T> make_async_fetch_page(GetNext get_next, ExtractData extract_data) {
    return [get_next = std::make_shared<GetNext>(std::move(get_next)),
            extract_data = std::make_shared<ExtractData>(std::move(extract_data))](std::optional<std::string> token) {
        return async_fetch_page<T>(get_next, extract_data, std::move(token));
    };
}

/// get_next(token) returns a net::awaitable of a response; extract_data(response) returns a
/// PageData<T> or a net::awaitable of one.
template <class GetNext, class ExtractData>
concept AsyncPageSource =
    std::invocable<GetNext&, const std::optional<std::string>&> &&
    is_awaitable<std::invoke_result_t<GetNext&, const std::optional<std::string>&>>::value &&
    std::invocable<ExtractData&,
                   typename is_awaitable<std::invoke_result_t<GetNext&, const std::optional<std::string>&>>::value_type&>;

}  // namespace detail

/// The pages of a paged operation, one request per page (Python's `AsyncPageIterator`):
/// `auto page = co_await pages.next();` until nullopt. continuation_token() is the next page's token
/// after each page. Lazy, and errors carry the continuation token, as PageIterator. The iterator
/// must outlive each next() it awaits.
template <class T>
class AsyncPageIterator {
public:
    /// get_next(token) returns net::awaitable<Response>; extract_data(response) returns
    /// PageData<T> (or net::awaitable<PageData<T>>).
    template <class GetNext, class ExtractData>
        requires detail::AsyncPageSource<GetNext, ExtractData>
    AsyncPageIterator(GetNext get_next, ExtractData extract_data, std::optional<std::string> continuation_token = {})
        : AsyncPageIterator(detail::make_async_fetch_page<T>(std::move(get_next), std::move(extract_data)),
                            std::move(continuation_token)) {}

    AsyncPageIterator(detail::AsyncFetchPage<T> fetch, std::optional<std::string> continuation_token)
        : fetch_(std::move(fetch)), continuation_token_(detail::normalize_token(std::move(continuation_token))) {}

    /// Python's __anext__: the next page, or nullopt once the last page was returned.
    net::awaitable<std::optional<std::vector<T>>> next() {
        if (!continuation_token_ && did_a_call_already_) co_return std::nullopt;
        PageData<T> data = co_await fetch_(continuation_token_);
        did_a_call_already_ = true;
        continuation_token_ = detail::normalize_token(std::move(data.first));
        co_return std::optional<std::vector<T>>(std::move(data.second));
    }

    /// The token of the next page (nullopt after the last page).
    const std::optional<std::string>& continuation_token() const noexcept { return continuation_token_; }

private:
    detail::AsyncFetchPage<T> fetch_;
    std::optional<std::string> continuation_token_;
    bool did_a_call_already_ = false;
};

/// The items of a paged operation (Python's `AsyncItemPaged`):
/// `auto item = co_await items.next();` until nullopt; by_page(token) gives the pages. Nothing is sent
/// before the first next(); one pass, like Python's async iterator. The object must outlive each
/// next() it awaits.
template <class T>
class AsyncItemPaged {
public:
    template <class GetNext, class ExtractData>
        requires detail::AsyncPageSource<GetNext, ExtractData>
    AsyncItemPaged(GetNext get_next, ExtractData extract_data)
        : fetch_(detail::make_async_fetch_page<T>(std::move(get_next), std::move(extract_data))) {}

    /// A new page iterator from continuation_token (nullopt: the first page); nothing is sent yet.
    AsyncPageIterator<T> by_page(std::optional<std::string> continuation_token = {}) const {
        return AsyncPageIterator<T>(fetch_, std::move(continuation_token));
    }

    /// The next item, or nullopt at the end. After an error, the next call retries the failed page.
    net::awaitable<std::optional<T>> next() {
        if (!pages_) pages_.emplace(fetch_, std::nullopt);
        while (!finished_ && index_ >= page_.size()) {
            std::optional<std::vector<T>> fetched = co_await pages_->next();
            if (!fetched) {
                finished_ = true;
                page_.clear();
                index_ = 0;
                break;
            }
            page_ = std::move(*fetched);
            index_ = 0;
        }
        if (finished_) co_return std::nullopt;
        T item = std::move(page_[index_]);
        ++index_;
        co_return std::optional<T>(std::move(item));
    }

private:
    detail::AsyncFetchPage<T> fetch_;
    std::optional<AsyncPageIterator<T>> pages_;
    std::vector<T> page_;
    std::size_t index_ = 0;
    bool finished_ = false;
};

}  // namespace azcore::paging
