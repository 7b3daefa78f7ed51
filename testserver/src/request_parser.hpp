#pragma once

#include <boost/beast/http/basic_parser.hpp>

#include <optional>

#include "request.hpp"
#include "sha256.hpp"

namespace azcore::testserver::detail {

/// Parses one request into a Request: header fields of any size (up to the header limit), body
/// kept whole or, after hash_body(), only hashed (keeping its first recorded_limit bytes).
class RequestParser final : public boost::beast::http::basic_parser<true> {
public:
    RequestParser(Request& request, std::size_t recorded_limit);

    /// Hash the body instead of keeping it; call after the header, before the body.
    void hash_body();

private:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb method, string_view method_str, string_view target, int version,
                         error_code& ec) override;
    void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
    void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                       error_code& ec) override;
    void on_header_impl(error_code& ec) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code& ec) override;
    std::size_t on_body_impl(string_view body, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
    std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
    void on_finish_impl(error_code& ec) override;

    Request& request_;
    std::size_t recorded_limit_;
    std::optional<Sha256> sha_;
};

}  // namespace azcore::testserver::detail
