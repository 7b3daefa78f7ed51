#include "request_reader.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include "request_parser.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr auto awaitable_tuple = asio::as_tuple(asio::use_awaitable);

/// The status to answer a failed read with, or 0 to just close.
unsigned status_for(const boost::system::error_code& ec) {
    if (ec == http::error::header_limit) return 431;
    if (ec == http::error::body_limit) return 413;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category()) return 400;
    return 0;  // transport errors
}

}  // namespace

asio::awaitable<ReadOutcome> read_request(ServerStream& stream, beast::flat_buffer& buffer) {
    Request request;
    RequestParser parser(request, max_recorded_body);
    parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
    parser.body_limit(boost::none);  // set below: /upload and /flaky/upload have none
    [[maybe_unused]] auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, awaitable_tuple);
    if (ec) co_return ReadOutcome{.error_status = status_for(ec)};

    if (request.path == "/upload" || request.path == "/flaky/upload") {
        parser.hash_body();
    } else {
        auto declared = parser.content_length();
        if (declared && *declared > max_body_bytes) co_return ReadOutcome{.error_status = 413};
        parser.body_limit(max_body_bytes);
    }

    std::size_t written = 0;
    auto expect = request.header("Expect");
    if (expect && beast::iequals(*expect, "100-continue") && request.version >= 11 && !parser.is_done()) {
        static constexpr std::string_view interim = "HTTP/1.1 100 Continue\r\n\r\n";
        [[maybe_unused]] auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(interim), awaitable_tuple);
        if (wec) co_return ReadOutcome{};
        written = wn;
    }

    [[maybe_unused]] auto [bec, bn] = co_await http::async_read(stream, buffer, parser, awaitable_tuple);
    if (bec) co_return ReadOutcome{.error_status = status_for(bec), .bytes_written = written};
    request.body_bytes = bn;
    co_return ReadOutcome{.request = std::move(request), .bytes_written = written};
}

}  // namespace azcore::testserver::detail
