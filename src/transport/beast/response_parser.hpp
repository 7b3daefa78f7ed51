#pragma once
// ResponseParser: Beast's HTTP/1.1 response parser (basic_parser) keeping the head in azcore's
// own types as it is parsed (no Beast fields, no copy afterwards) and putting body bytes into a
// room the caller gives, as Beast's buffer_body does, or appending them to the caller's bytes.
#include <azcore/bytes.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include "transport/transfer_errors.hpp"

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <cstring>
#include <string>

namespace azcore::transport::detail {

class ResponseParser final : public boost::beast::http::basic_parser<false> {
public:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    int status() const noexcept { return status_; }
    const std::string& reason() const noexcept { return reason_; }
    /// 10 or 11.
    int version() const noexcept { return version_; }
    /// The header fields so far, in order.
    CaseInsensitiveDict& headers() noexcept { return headers_; }

    /// Where the next body bytes go: size bytes at data (null: none, the parser stops with
    /// need_buffer).
    void room(std::uint8_t* data, std::size_t size) noexcept {
        data_ = data;
        sink_ = nullptr;
        size_ = size;
    }
    /// Or: the next body bytes are appended to out, at most size of them (out needs no room set
    /// aside, and so no zero-filling, beforehand).
    void room(Bytes& out, std::size_t size) noexcept {
        data_ = nullptr;
        sink_ = &out;
        size_ = size;
    }
    /// What is left of the room.
    std::size_t room_left() const noexcept { return data_ != nullptr || sink_ != nullptr ? size_ : 0; }
    /// Where the next body byte goes (null: no room, or bytes are appended).
    std::uint8_t* room_data() const noexcept { return data_; }

private:
    void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code&) override {}
    void on_response_impl(int code, string_view reason, int version, error_code& ec) override {
        // A line over max_head_line_bytes is refused by both transports.
        if (reason.size() + 16 > max_head_line_bytes) {
            ec = boost::beast::http::error::header_limit;
            return;
        }
        status_ = code;
        reason_.assign(reason.data(), reason.size());
        version_ = version;
        headers_.reserve(16);  // once the response arrives: a request waiting for one holds nothing
    }
    void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code& ec) override {
        if (name.size() + value.size() + 4 > max_head_line_bytes) {
            ec = boost::beast::http::error::header_limit;
            return;
        }
        headers_.add(std::string_view(name.data(), name.size()), std::string(value.data(), value.size()));
    }
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
    std::size_t on_body_impl(string_view body, error_code& ec) override { return take(body, ec); }
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) override { return take(body, ec); }
    void on_finish_impl(error_code&) override {}

    std::size_t take(string_view bytes, error_code& ec) {
        if (data_ == nullptr && sink_ == nullptr) {
            ec = boost::beast::http::error::need_buffer;
            return 0;
        }
        const std::size_t n = std::min(bytes.size(), size_);
        const auto* from = reinterpret_cast<const std::uint8_t*>(bytes.data());
        if (sink_ != nullptr) {
            sink_->insert(sink_->end(), from, from + n);
        } else {
            // Bytes read straight into the room (Http1Exchange::direct_room) are where they belong.
            if (n != 0 && from != data_) std::memcpy(data_, from, n);
            data_ += n;
        }
        size_ -= n;
        if (n != bytes.size()) ec = boost::beast::http::error::need_buffer;
        return n;
    }

    int status_ = 0;
    std::string reason_;
    int version_ = 11;
    CaseInsensitiveDict headers_;
    std::uint8_t* data_ = nullptr;
    Bytes* sink_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace azcore::transport::detail
