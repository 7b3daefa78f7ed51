#pragma once
// ItemPaged and PageIterator: Python's `azure.core.paging`, as C++ input ranges.
#include <azcore/exceptions.hpp>

#include <concepts>
#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::paging {

/// What extract_data returns: the token of the next page (nullopt, or empty, on the last page) and
/// the items of this page (Python's `(continuation_token, iterable)` tuple).
template <class T>
using PageData = std::pair<std::optional<std::string>, std::vector<T>>;

namespace detail {

/// A continuation token that ends the paging: none, or empty (Python's falsy token).
inline std::optional<std::string> normalize_token(std::optional<std::string> token) {
    if (token && token->empty()) return std::nullopt;
    return token;
}

/// get_next(token) returns a response that extract_data(response) takes.
template <class GetNext, class ExtractData>
concept PageSource = std::invocable<GetNext&, const std::optional<std::string>&> &&
                     std::invocable<ExtractData&, std::invoke_result_t<GetNext&, const std::optional<std::string>&>&>;

/// get_next + extract_data, type-erased: fetches the page `token` points at. An AzureError raised by
/// either gets the token it was fetching as its continuation_token (unless it has one already).
template <class T>
using FetchPage = std::function<PageData<T>(const std::optional<std::string>&)>;

template <class T, class GetNext, class ExtractData>
FetchPage<T> make_fetch_page(GetNext get_next, ExtractData extract_data) {
    return [get_next = std::move(get_next),
            extract_data = std::move(extract_data)](const std::optional<std::string>& token) mutable -> PageData<T> {
        try {
            auto response = get_next(token);
            return PageData<T>(extract_data(response));
        } catch (exceptions::AzureError& error) {
            if (!error.continuation_token()) error.set_continuation_token(token);
            throw;
        }
    };
}

}  // namespace detail

/// The pages of a paged operation, fetched one request at a time as the loop advances (Python's
/// `PageIterator`). An input range: `for (std::vector<T>& page : pages)`; continuation_token() is
/// the token of the next page after each page (nullopt after the last one). Lazy: nothing is sent
/// before begin() / next(). An AzureError while fetching carries the token that page was fetched
/// with (error.continuation_token()), so `by_page(*error.continuation_token())` resumes there; the
/// iterator itself may also be advanced again, which retries that page.
template <class T>
class PageIterator {
public:
    class iterator {
    public:
        using iterator_concept = std::input_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        using value_type = std::vector<T>;
        using difference_type = std::ptrdiff_t;
        using reference = std::vector<T>&;

        iterator() = default;
        explicit iterator(PageIterator* owner) : owner_(owner) {}
        reference operator*() const { return *owner_->current_; }
        std::vector<T>* operator->() const { return &*owner_->current_; }
        iterator& operator++() {
            owner_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.at_end(); }

    private:
        bool at_end() const { return owner_ == nullptr || !owner_->current_; }
        PageIterator* owner_ = nullptr;
    };

    /// Python's PageIterator(get_next, extract_data, continuation_token): get_next(token) returns a
    /// response (any type; token is nullopt for the first page), extract_data(response) returns a
    /// PageData<T> (or anything a PageData<T> can be built from).
    template <class GetNext, class ExtractData>
        requires detail::PageSource<GetNext, ExtractData>
    PageIterator(GetNext get_next, ExtractData extract_data, std::optional<std::string> continuation_token = {})
        : PageIterator(detail::make_fetch_page<T>(std::move(get_next), std::move(extract_data)), std::move(continuation_token)) {}

    PageIterator(detail::FetchPage<T> fetch, std::optional<std::string> continuation_token)
        : fetch_(std::move(fetch)), continuation_token_(detail::normalize_token(std::move(continuation_token))) {}

    PageIterator(PageIterator&&) noexcept = default;
    PageIterator& operator=(PageIterator&&) noexcept = default;
    PageIterator(const PageIterator&) = delete;
    PageIterator& operator=(const PageIterator&) = delete;

    /// Python's __next__: the next page, or nullopt once the last page was returned.
    std::optional<std::vector<T>> next() {
        if (!continuation_token_ && did_a_call_already_) return std::nullopt;
        PageData<T> data = fetch_(continuation_token_);
        did_a_call_already_ = true;
        continuation_token_ = detail::normalize_token(std::move(data.first));
        return std::move(data.second);
    }

    /// The token of the next page: after a page, where the following one starts; nullopt after the
    /// last page (or, before the first request, the token this iterator was started from).
    const std::optional<std::string>& continuation_token() const noexcept { return continuation_token_; }

    /// Fetches the first page (on the first call; later calls continue where the loop stopped).
    iterator begin() {
        if (!started_) {
            started_ = true;
            advance();
        }
        return iterator(this);
    }
    std::default_sentinel_t end() const noexcept { return {}; }

private:
    void advance() { current_ = next(); }

    detail::FetchPage<T> fetch_;
    std::optional<std::string> continuation_token_;
    bool did_a_call_already_ = false;
    bool started_ = false;
    std::optional<std::vector<T>> current_;
};

/// The items of a paged operation, page after page (Python's `ItemPaged`): an input range of T
/// whose iteration sends the requests, one page at a time, as the loop reaches them; nothing is
/// sent before the loop starts. by_page(token) gives the pages instead, from the start or from a
/// continuation token. Like Python's, an ItemPaged is one pass: a second loop continues where the
/// first stopped. Errors while fetching a page carry its continuation token.
template <class T>
class ItemPaged {
    struct State;

public:
    class iterator {
    public:
        using iterator_concept = std::input_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using reference = T&;

        iterator() = default;
        reference operator*() const { return state_->page[state_->index]; }
        T* operator->() const { return &**this; }
        iterator& operator++() {
            state_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.state_ == nullptr || it.state_->finished; }

    private:
        friend class ItemPaged;
        explicit iterator(State* state) : state_(state) {}
        State* state_ = nullptr;
    };

    /// Python's ItemPaged(get_next, extract_data): see PageIterator.
    template <class GetNext, class ExtractData>
        requires detail::PageSource<GetNext, ExtractData>
    ItemPaged(GetNext get_next, ExtractData extract_data)
        : fetch_(detail::make_fetch_page<T>(std::move(get_next), std::move(extract_data))), state_(std::make_unique<State>()) {}

    /// A new page iterator, starting from continuation_token (nullopt: the first page). Nothing is
    /// sent until it is iterated.
    PageIterator<T> by_page(std::optional<std::string> continuation_token = {}) const {
        return PageIterator<T>(fetch_, std::move(continuation_token));
    }

    /// Python's next(): the next item, or nullopt at the end (it is moved out of its page). The
    /// next page is fetched by the call that needs it, so an error there loses no item.
    std::optional<T> next() {
        start();
        if (state_->finished) return std::nullopt;
        return std::move(state_->page[state_->index++]);
    }

    /// Starts the loop on the first call (fetching the first page); later calls continue.
    iterator begin() {
        start();
        return iterator(state_.get());
    }
    std::default_sentinel_t end() const noexcept { return {}; }

private:
    struct State {
        std::optional<PageIterator<T>> pages;
        std::vector<T> page;
        std::size_t index = 0;
        bool finished = false;
        // Fetches pages (skipping empty ones) until there is a current item or none is left; after
        // an error, calling it again retries the page that failed.
        void fill() {
            while (!finished && index >= page.size()) {
                std::optional<std::vector<T>> fetched = pages->next();
                if (!fetched) {
                    finished = true;
                    page.clear();
                    index = 0;
                    return;
                }
                page = std::move(*fetched);
                index = 0;
            }
        }
        void advance() {
            ++index;
            fill();
        }
    };

    void start() {
        if (!state_->pages) state_->pages.emplace(fetch_, std::nullopt);
        state_->fill();
    }

    detail::FetchPage<T> fetch_;
    std::unique_ptr<State> state_;
};

}  // namespace azcore::paging
