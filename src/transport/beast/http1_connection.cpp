#include "transport/beast/http1_connection.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>

#include "rest/content_decoder.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace azcore::transport::detail {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

/// curl's limit for a whole response head (curl 7.88: 300 KiB), kept so that both transports
/// accept the same responses.
constexpr std::uint32_t header_limit = 300 * 1024;
/// The most one read of the socket takes (Beast's read_size limit for a flat_buffer).
constexpr std::size_t read_room = 64 * 1024;
/// The chunk a request body stream is read in.
constexpr std::size_t upload_chunk = 64 * 1024;

bool method_is(const std::string& method, std::string_view expected) { return method == expected; }

std::string_view accept_encoding_value() {
    constexpr std::string_view line = rest::detail::kAcceptEncodingLine;
    return line.substr(line.find(':') + 2);
}

std::chrono::steady_clock::duration seconds(double value) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(value, 0.0)));
}

bool is_closed_by_peer(const boost::system::error_code& error) {
    return error == net::error::eof || error == http::error::end_of_stream || error == net::error::connection_reset ||
           error == net::error::broken_pipe;
}

}  // namespace

void check_supported(const TransferSettings& settings, std::string_view transport) {
    if (settings.host_key.starts_with("https"))
        throw std::invalid_argument(fmt::format("{}: https is not supported yet (use the curl transports)", transport));
    if (settings.proxy && !settings.proxy->empty())
        throw std::invalid_argument(fmt::format("{}: proxies are not supported yet (use the curl transports)", transport));
}

Http1Connection::Http1Connection(net::any_io_executor executor) : stream_(std::move(executor)) {}

void Http1Connection::arm(const ExchangeLimits& limits, double timeout) {
    auto limit = seconds(timeout);
    deadline_armed_ = false;
    if (limits.deadline) {
        const auto now = Clock::now();
        const auto left = *limits.deadline > now ? *limits.deadline - now : Clock::duration::zero();
        if (left < limit) {
            limit = left;
            deadline_armed_ = true;
        }
    }
    stream_.expires_after(limit);
}

std::exception_ptr Http1Connection::failure(const boost::system::error_code& error, const ExchangeLimits& limits) const {
    using namespace azcore::exceptions;
    const std::error_code code = error;
    if (error == beast::error::timeout) {
        if (deadline_armed_) return deadline_error(phase_, code);
        if (phase_ == TransferPhase::Connecting)
            return timeout_error(fmt::format("No connection within {} seconds (connection_timeout)", limits.connection_timeout),
                                 phase_, code);
        return read_timeout_error(limits.read_timeout, phase_, code);
    }
    AzureErrorOptions options{.error_code = code};
    switch (phase_) {
        case TransferPhase::Connecting:
            return std::make_exception_ptr(ServiceRequestError(fmt::format("Failed to connect: {}", error.message()), options));
        case TransferPhase::AwaitingHeaders:
            if (error == http::error::header_limit)
                return std::make_exception_ptr(
                    ServiceResponseError("The response headers are too large (the limit is 300 KiB in all)", options));
            if (error == http::error::multiple_content_length)
                return std::make_exception_ptr(ServiceResponseError("The response has conflicting Content-Length headers", options));
            if (is_closed_by_peer(error))
                return std::make_exception_ptr(
                    ServiceResponseError(fmt::format("The server closed the connection before the response: {}", error.message()),
                                         options));
            return std::make_exception_ptr(ServiceResponseError(fmt::format("Invalid response: {}", error.message()), options));
        case TransferPhase::ReadingBody:
            break;
    }
    return std::make_exception_ptr(IncompleteReadError(
        fmt::format("The response body ended early: {}", error.message()), nullptr,
        HttpResponseErrorOptions{.error = std::make_exception_ptr(boost::system::system_error(error)), .error_code = code}));
}

net::awaitable<void> Http1Connection::connect(std::string host, std::string port, ExchangeLimits limits) {
    phase_ = TransferPhase::Connecting;
    boost::system::error_code error;
    net::ip::tcp::resolver resolver(stream_.get_executor());
    const auto endpoints = co_await resolver.async_resolve(host, port, net::redirect_error(net::use_awaitable, error));
    if (error) std::rethrow_exception(failure(error, limits));
    arm(limits, limits.connection_timeout);
    co_await stream_.async_connect(endpoints, net::redirect_error(net::use_awaitable, error));
    if (error) std::rethrow_exception(failure(error, limits));
    stream_.socket().set_option(net::ip::tcp::no_delay(true));
}

net::awaitable<ReceivedHead> Http1Connection::exchange(const rest::HttpRequest& request, std::string_view target,
                                                       std::string_view host_header, ExchangeLimits limits) {
    ++requests_;
    stale_ = false;
    phase_ = TransferPhase::AwaitingHeaders;
    co_await write_request(request, target, host_header, limits);
    if (stale_) co_return ReceivedHead{};
    co_await read_head(limits, method_is(request.method, "HEAD"));
    if (stale_) co_return ReceivedHead{};
    const auto& message = parser_->get();
    ReceivedHead head;
    head.status_code = static_cast<int>(message.result_int());
    head.reason = std::string(message.reason());
    head.http_version = message.version() == 10 ? "1.0" : "1.1";
    head.headers.reserve(15);
    for (const auto& field : message) head.headers.add(field.name_string(), std::string(field.value()));
    phase_ = TransferPhase::ReadingBody;
    co_return head;
}

net::awaitable<void> Http1Connection::write_request(const rest::HttpRequest& request, std::string_view target,
                                                    std::string_view host_header, const ExchangeLimits& limits) {
    http::request<http::buffer_body> message;
    message.method_string(request.method);
    message.target(target);
    message.version(11);
    if (!request.headers.contains("Host")) message.set(http::field::host, host_header);
    for (const auto& [name, value] : request.headers) message.insert(name, value);
    if (!request.headers.contains("Accept")) message.set(http::field::accept, "*/*");
    if (!request.headers.contains("Accept-Encoding")) message.set(http::field::accept_encoding, accept_encoding_value());

    const bool head_request = method_is(request.method, "HEAD");
    const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&request.content);
    const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content);
    const bool has_stream = stream != nullptr && *stream;
    const bool sends_empty_body = method_is(request.method, "POST") || method_is(request.method, "PUT") ||
                                  method_is(request.method, "PATCH");
    message.body().data = nullptr;
    message.body().size = 0;
    message.body().more = false;
    if (!head_request && bytes != nullptr && *bytes) {
        message.body().data = const_cast<std::uint8_t*>((*bytes)->data());
        message.body().size = (*bytes)->size();
        if (!request.headers.contains("Content-Length")) message.content_length((*bytes)->size());
    } else if (!head_request && has_stream) {
        message.body().more = true;
        if (!request.headers.contains("Content-Length")) {
            if (auto length = (*stream)->length()) message.content_length(*length);
            else message.chunked(true);
        }
    } else if (sends_empty_body && !request.headers.contains("Content-Length")) {
        message.content_length(0);
    }

    boost::system::error_code error;
    http::request_serializer<http::buffer_body> serializer(message);
    if (!has_stream || head_request) {
        arm(limits, limits.read_timeout);
        co_await http::async_write(stream_, serializer, net::redirect_error(net::use_awaitable, error));
    } else {
        arm(limits, limits.read_timeout);
        co_await http::async_write_header(stream_, serializer, net::redirect_error(net::use_awaitable, error));
        std::array<std::uint8_t, upload_chunk> chunk{};
        while (!error) {
            const std::size_t n = (*stream)->read(chunk);
            message.body().data = chunk.data();
            message.body().size = n;
            message.body().more = n != 0;
            arm(limits, limits.read_timeout);
            co_await http::async_write(stream_, serializer, net::redirect_error(net::use_awaitable, error));
            if (error == http::error::need_buffer) error = {};
            if (n == 0) break;
        }
    }
    if (error) {
        // A kept-alive connection the server closed meanwhile: nothing of this request was read.
        if (requests_ > 1 && is_closed_by_peer(error) && (!has_stream || (*stream)->seekable())) {
            stale_ = true;
            close();
            co_return;
        }
        std::rethrow_exception(failure(error, limits));
    }
}

net::awaitable<void> Http1Connection::read_head(const ExchangeLimits& limits, bool head_request) {
    boost::system::error_code error;
    for (;;) {
        parser_.emplace();
        parser_->body_limit(boost::none);
        parser_->header_limit(header_limit);
        if (head_request) parser_->skip(true);
        // Byte by byte as they come, so that read_timeout is the time without a byte.
        while (!parser_->is_header_done()) {
            arm(limits, limits.read_timeout);
            co_await http::async_read_some(stream_, buffer_, *parser_, net::redirect_error(net::use_awaitable, error));
            if (error == http::error::need_buffer) error = {};
            if (error) {
                if (requests_ > 1 && !parser_->got_some() && is_closed_by_peer(error)) {
                    stale_ = true;
                    close();
                    co_return;
                }
                std::rethrow_exception(failure(error, limits));
            }
        }
        const unsigned status = parser_->get().result_int();
        // An informational response (100 Continue, 103 Early Hints) has no body: the real one follows.
        if (status >= 200 || status == 101) co_return;
    }
}

net::awaitable<std::size_t> Http1Connection::read_some(Bytes& out, std::size_t max, ExchangeLimits limits) {
    if (!parser_ || parser_->is_done() || max == 0) co_return 0;
    // No more room than one read can fill: what is buffered and one read of the socket, and no
    // more than the declared length leaves (the room is zero-filled before the parser copies).
    max = std::min(max, buffer_.size() + read_room);
    if (const auto remaining = parser_->content_length_remaining()) max = std::min<std::uint64_t>(max, std::max<std::uint64_t>(*remaining, 1));
    const std::size_t start = out.size();
    out.resize(start + max);
    auto& body = parser_->get().body();
    body.data = out.data() + start;
    body.size = max;
    boost::system::error_code error;
    for (;;) {
        arm(limits, limits.read_timeout);
        co_await http::async_read_some(stream_, buffer_, *parser_, net::redirect_error(net::use_awaitable, error));
        if (error == http::error::need_buffer) error = {};
        if (error) {
            out.resize(start);
            close();
            std::rethrow_exception(failure(error, limits));
        }
        const std::size_t got = max - body.size;
        if (got != 0 || parser_->is_done()) {
            out.resize(start + got);
            co_return got;
        }
    }
}

bool Http1Connection::reusable() const noexcept {
    return stream_.socket().is_open() && parser_ && parser_->is_done() && parser_->get().keep_alive();
}

bool Http1Connection::body_done() const noexcept { return !parser_ || parser_->is_done(); }

int Http1Connection::local_port() const noexcept {
    boost::system::error_code error;
    const auto endpoint = stream_.socket().local_endpoint(error);
    return error ? 0 : endpoint.port();
}

void Http1Connection::close() noexcept {
    boost::system::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
}

}  // namespace azcore::transport::detail
