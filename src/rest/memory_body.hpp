#pragma once
// MemoryBody: a response body served from memory, for both faces.
#include <azcore/bytes.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/response_body_reader.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace azcore::rest::detail {

/// The body in pieces no larger than asked for.
class MemoryBody final : public ResponseBodyReader, public AsyncResponseBodyReader {
public:
    explicit MemoryBody(Bytes body) : body_(std::move(body)) {}
    std::size_t read_some(Bytes& out, std::size_t max) override {
        std::size_t n = std::min(max, body_.size() - offset_);
        auto first = body_.begin() + static_cast<std::ptrdiff_t>(offset_);
        out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(n));
        offset_ += n;
        return n;
    }
    net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) override { co_return read_some(out, max); }
    void close() noexcept override {}

private:
    Bytes body_;
    std::size_t offset_ = 0;
};

}  // namespace azcore::rest::detail
