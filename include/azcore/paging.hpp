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

/// The two callables of a sync paged operation (Python's `get_next` and `extract_data`):
/// get_next(token) fetches a page and returns a response of any type (token is nullopt for the
/// first page); extract_data(response) reads it into a PageData<T> (or anything a PageData<T> can
/// be built from).
template <class GetNext, class ExtractData>
concept PageSource = std::invocable<GetNext&, const std::optional<std::string>&> &&
                     std::invocable<ExtractData&, std::invoke_result_t<GetNext&, const std::optional<std::string>&>&>;

template <class T>
class ItemPaged;
template <class T>
class AsyncPageIterator;
template <class T>
class AsyncItemPaged;

/// The pages of a paged operation, fetched one request at a time as the loop advances (Python's
/// `PageIterator`). An input range: `for (std::vector<T>& page : pages)`; continuation_token() is
/// the token of the next page after each page (nullopt after the last one). Lazy: nothing is sent
/// before begin() / next(). An AzureError while fetching carries the token that page was fetched
/// with (error.continuation_token()), so `by_page(*error.continuation_token())` resumes there; the
/// iterator itself may also be advanced again, which retries that page.
template <class T>
class PageIterator {
public:
    /// The iterator of the pages: dereferencing gives the current page, which the loop may move from.
    class iterator {
    public:
        /// The iterator traits of an input iterator over pages (std::vector<T>).
        ///@{
        using iterator_concept = std::input_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        using value_type = std::vector<T>;
        using difference_type = std::ptrdiff_t;
        using reference = std::vector<T>&;
        ///@}

        /// An iterator at the end.
        iterator() = default;
        /// An iterator at owner's current page.
        explicit iterator(PageIterator* owner) : owner_(owner) {}
        /// The current page.
        ///@{
        reference operator*() const { return *owner_->current_; }
        std::vector<T>* operator->() const { return &*owner_->current_; }
        ///@}
        /// Fetches the next page (AzureError with the page's continuation token when that fails).
        ///@{
        iterator& operator++() {
            owner_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        ///@}
        /// Whether the last page was passed.
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.at_end(); }

    private:
        bool at_end() const { return owner_ == nullptr || !owner_->current_; }
        PageIterator* owner_ = nullptr;
    };

    /// Python's PageIterator(get_next, extract_data, continuation_token): see PageSource.
    template <class GetNext, class ExtractData>
        requires PageSource<GetNext, ExtractData>
    PageIterator(GetNext get_next, ExtractData extract_data, std::optional<std::string> continuation_token = {})
        : PageIterator(fetch_from(std::move(get_next), std::move(extract_data)), std::move(continuation_token)) {}

    /// Movable, not copyable: the pages are fetched once.
    ///@{
    PageIterator(PageIterator&&) noexcept = default;
    PageIterator& operator=(PageIterator&&) noexcept = default;
    PageIterator(const PageIterator&) = delete;
    PageIterator& operator=(const PageIterator&) = delete;
    ///@}

    /// Python's __next__: the next page, or nullopt once the last page was returned.
    std::optional<std::vector<T>> next() {
        if (cursor_.at_end()) return std::nullopt;
        try {
            return cursor_.turn(fetch_(cursor_.token()));
        } catch (exceptions::AzureError& error) {
            cursor_.annotate(error);
            throw;
        }
    }

    /// The token of the next page: after a page, where the following one starts; nullopt after the
    /// last page (or, before the first request, the token this iterator was started from).
    const std::optional<std::string>& continuation_token() const noexcept { return cursor_.token(); }

    /// Fetches the first page (on the first call; later calls continue where the loop stopped).
    iterator begin() {
        if (!started_) {
            started_ = true;
            advance();
        }
        return iterator(this);
    }
    /// The end sentinel.
    std::default_sentinel_t end() const noexcept { return {}; }

private:
    friend class ItemPaged<T>;
    friend class AsyncPageIterator<T>;

    /// Where a page loop stands, and the decisions of Python's __next__, for both faces
    /// (AsyncPageIterator steps through the same cursor; only the fetch differs).
    class Cursor {
    public:
        explicit Cursor(std::optional<std::string> token) : token_(normalized(std::move(token))) {}
        /// Whether the last page was returned: no token left once a page was fetched.
        bool at_end() const noexcept { return !token_ && fetched_; }
        /// The token of the next page (nullopt: the first page, or none left).
        const std::optional<std::string>& token() const noexcept { return token_; }
        /// Takes the page just fetched with token(): keeps its next token, returns its items.
        std::vector<T> turn(PageData<T> page) {
            fetched_ = true;
            token_ = normalized(std::move(page.first));
            return std::move(page.second);
        }
        /// An AzureError while fetching token()'s page carries that token (unless it has one), so
        /// that the paging can resume there.
        void annotate(exceptions::AzureError& error) const {
            if (!error.continuation_token()) error.set_continuation_token(token_);
        }

    private:
        // A falsy token (none, or empty) ends the paging, as in Python.
        static std::optional<std::string> normalized(std::optional<std::string> token) {
            if (token && token->empty()) return std::nullopt;
            return token;
        }
        std::optional<std::string> token_;
        bool fetched_ = false;
    };

    /// get_next + extract_data as one callable: the page of a token.
    using Fetch = std::function<PageData<T>(const std::optional<std::string>&)>;

    template <class GetNext, class ExtractData>
    static Fetch fetch_from(GetNext get_next, ExtractData extract_data) {
        return [get_next = std::move(get_next),
                extract_data = std::move(extract_data)](const std::optional<std::string>& token) mutable -> PageData<T> {
            auto response = get_next(token);
            return PageData<T>(extract_data(response));
        };
    }

    PageIterator(Fetch fetch, std::optional<std::string> continuation_token)
        : fetch_(std::move(fetch)), cursor_(std::move(continuation_token)) {}

    void advance() { current_ = next(); }

    Fetch fetch_;
    Cursor cursor_;
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
    /// The iterator of the items: dereferencing gives the current item, which the loop may move from.
    class iterator {
    public:
        /// The iterator traits of an input iterator over T.
        ///@{
        using iterator_concept = std::input_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using reference = T&;
        ///@}

        /// An iterator at the end.
        iterator() = default;
        /// The current item.
        ///@{
        reference operator*() const { return state_->items.current(); }
        T* operator->() const { return &**this; }
        ///@}
        /// The next item, fetching the next page when this one is used up (AzureError with that page's
        /// continuation token when that fails).
        ///@{
        iterator& operator++() {
            state_->items.skip();
            state_->fill();
            return *this;
        }
        void operator++(int) { ++*this; }
        ///@}
        /// Whether the last item was passed.
        friend bool operator==(const iterator& it, std::default_sentinel_t) {
            return it.state_ == nullptr || it.state_->items.finished();
        }

    private:
        friend class ItemPaged;
        explicit iterator(State* state) : state_(state) {}
        State* state_ = nullptr;
    };

    /// Python's ItemPaged(get_next, extract_data): see PageSource.
    template <class GetNext, class ExtractData>
        requires PageSource<GetNext, ExtractData>
    ItemPaged(GetNext get_next, ExtractData extract_data)
        : fetch_(PageIterator<T>::fetch_from(std::move(get_next), std::move(extract_data))), state_(std::make_unique<State>()) {}

    /// A new page iterator, starting from continuation_token (nullopt: the first page). Nothing is
    /// sent until it is iterated.
    PageIterator<T> by_page(std::optional<std::string> continuation_token = {}) const {
        return PageIterator<T>(fetch_, std::move(continuation_token));
    }

    /// Python's next(): the next item, or nullopt at the end (it is moved out of its page). The
    /// next page is fetched by the call that needs it, so an error there loses no item.
    std::optional<T> next() {
        start();
        return state_->items.take();
    }

    /// Starts the loop on the first call (fetching the first page); later calls continue.
    iterator begin() {
        start();
        return iterator(state_.get());
    }
    /// The end sentinel.
    std::default_sentinel_t end() const noexcept { return {}; }

private:
    friend class AsyncItemPaged<T>;

    /// The current page of an item loop, and when to fetch another, for both faces (AsyncItemPaged
    /// steps through the same; only the fetch differs): a page is needed once the current one is
    /// used up, so an empty page is skipped; no page left ends the items. After an error the
    /// failed page is still needed, so the next call fetches it again.
    class Items {
    public:
        /// Whether the next item needs another page first.
        bool needs_page() const noexcept { return !finished_ && index_ >= page_.size(); }
        /// Takes what the page loop returned: a page to go on with, or nullopt after the last one.
        void refill(std::optional<std::vector<T>> page) {
            finished_ = !page;
            page_ = page ? std::move(*page) : std::vector<T>();
            index_ = 0;
        }
        bool finished() const noexcept { return finished_; }
        T& current() { return page_[index_]; }
        void skip() noexcept { ++index_; }
        /// The current item, moved out (nullopt at the end).
        std::optional<T> take() {
            if (finished_) return std::nullopt;
            return std::move(page_[index_++]);
        }

    private:
        std::vector<T> page_;
        std::size_t index_ = 0;
        bool finished_ = false;
    };

    // Kept apart so that iterators stay valid when the ItemPaged is moved.
    struct State {
        std::optional<PageIterator<T>> pages;
        Items items;
        void fill() {
            while (items.needs_page()) items.refill(pages->next());
        }
    };

    void start() {
        if (!state_->pages) state_->pages.emplace(by_page());
        state_->fill();
    }

    typename PageIterator<T>::Fetch fetch_;
    std::unique_ptr<State> state_;
};

}  // namespace azcore::paging
