#include "transport/beast/http1_exchange.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/serialization.hpp>
#include <azcore/utils/string_utils.hpp>

#include "transport/beast/request_head.hpp"
#include "transport/no_proxy.hpp"

#include <boost/url/parse.hpp>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace azcore::transport::detail {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t header_limit = max_head_bytes;

bool method_is(const std::string& method, std::string_view expected) { return method == expected; }

bool is_closed_by_peer(const boost::system::error_code& error) {
    return error == net::error::eof || error == http::error::end_of_stream || error == net::error::connection_reset ||
           error == net::error::broken_pipe;
}

// The values of every Content-Length line of a raw response head (which Beast refuses at the
// second differing one), for the message: "5, 10".
std::string content_length_values(std::string_view head) {
    std::string listed;
    std::size_t start = head.find('\n');  // past the status line
    while (start != std::string_view::npos && start + 1 < head.size()) {
        const std::size_t end = head.find('\n', start + 1);
        std::string_view line = head.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;  // the end of the head
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && utils::iequals(line.substr(0, colon), "Content-Length")) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
            listed += listed.empty() ? "" : ", ";
            listed += value;
        }
        start = end;
    }
    return listed;
}

}  // namespace

Clock::duration ExchangeLimits::next(double timeout, bool* by_deadline) const {
    auto limit = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(timeout, 0.0)));
    *by_deadline = false;
    if (deadline) {
        const auto now = Clock::now();
        const auto left = *deadline > now ? *deadline - now : Clock::duration::zero();
        if (left < limit) {
            limit = left;
            *by_deadline = true;
        }
    }
    return limit;
}

std::optional<ProxyRoute> proxy_route(const TransferSettings& settings, std::string_view transport) {
    if (!settings.proxy || settings.proxy->empty()) return std::nullopt;
    if (settings.no_proxy && bypasses_proxy(*settings.no_proxy, settings.host)) return std::nullopt;
    // A proxy given without a scheme is an http one, as curl takes it.
    const std::string url = settings.proxy->find("://") == std::string::npos ? "http://" + *settings.proxy : *settings.proxy;
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed || parsed->scheme_id() != boost::urls::scheme::http || parsed->host().empty())
        throw std::invalid_argument(fmt::format("{}: the proxy must be an http:// URL with a host (an https:// proxy is not supported)",
                                                transport));
    ProxyRoute route{.host = parsed->host_address(), .port = parsed->has_port() ? std::string(parsed->port()) : "1080"};
    if (parsed->has_userinfo()) {
        const std::string credentials = parsed->user() + ":" + parsed->password();
        route.authorization = "Basic " + serialization::encode_base64(to_bytes(credentials));
    }
    return route;
}

void Http1Exchange::start_try(bool reused) {
    try_start_ = Clock::now();
    timings_ = {};
    timings_.connection_reused = reused;
    head_bytes_ = 0;
    body_bytes_ = 0;
    sent_body_bytes_ = 0;
}

rest::TransferTimings::Duration Http1Exchange::elapsed() const {
    return std::chrono::duration_cast<rest::TransferTimings::Duration>(Clock::now() - try_start_);
}

void Http1Exchange::head_bytes(std::size_t bytes) {
    if (bytes != 0 && !timings_.first_byte) timings_.first_byte = elapsed();
    head_bytes_ += bytes;
}

rest::TransferTimings Http1Exchange::timings() const {
    rest::TransferTimings seen = timings_;
    if (phase_ != TransferPhase::ReadingBody) return {};
    if (!body_done()) {
        seen.total.reset();
        return seen;
    }
    seen.request_body_size = sent_body_bytes_;
    seen.response_header_size = head_bytes_;
    seen.response_body_size = body_bytes_;
    return seen;
}

Http1Exchange::Next Http1Exchange::begin(const rest::HttpRequest& request, std::string_view target, std::string_view host_header,
                                         std::size_t earlier) {
    earlier_ = earlier;
    phase_ = TransferPhase::AwaitingHeaders;
    parser_.reset();
    starved_ = false;
    rest_direct_ = false;
    stream_.reset();
    upload_done_ = false;
    head_request_ = method_is(request.method, "HEAD");
    RequestBody body = request_body(request);
    const Bytes* data = body.data;
    stream_ = std::move(body.stream);
    if (stream_ && !chunk_) chunk_ = std::make_unique<std::array<std::uint8_t, 64 * 1024>>();
    chunked_ = write_request_head(head_, request, target, host_header, body.framing);
    if (data != nullptr) sent_body_bytes_ = data->size();
    if (chunked_ && !stream_) {
        // The request's own Transfer-Encoding: chunked, with bytes (one chunk) or none.
        const std::size_t size = data != nullptr ? data->size() : 0;
        head_.append(chunk_line_, write_chunk_line(chunk_line_, size));
        if (size != 0) {
            static constexpr std::string_view last_chunk = "\r\n0\r\n\r\n";  // the chunk's end, the last chunk
            write_next({net::const_buffer(head_.data(), head_.size()), net::const_buffer(data->data(), size),
                        net::const_buffer(last_chunk.data(), last_chunk.size())});
        } else {
            write_next({net::const_buffer(head_.data(), head_.size())});
        }
    } else if (data != nullptr && !data->empty()) {
        write_next({net::const_buffer(head_.data(), head_.size()), net::const_buffer(data->data(), data->size())});
    } else {
        write_next({net::const_buffer(head_.data(), head_.size())});
    }
    timings_.pretransfer = elapsed();
    return Next::write;
}

void Http1Exchange::write_next(std::initializer_list<net::const_buffer> buffers) {
    out_count_ = 0;
    for (const net::const_buffer& buffer : buffers) out_[out_count_++] = buffer;
}

bool Http1Exchange::next_chunk() {
    if (upload_done_) return false;
    const std::size_t n = stream_->read(*chunk_);
    sent_body_bytes_ += n;
    if (!chunked_) {
        if (n == 0) upload_done_ = true;
        else write_next({net::const_buffer(chunk_->data(), n)});
        return n != 0;
    }
    const std::size_t line = write_chunk_line(chunk_line_, n);
    if (n == 0) {
        upload_done_ = true;
        write_next({net::const_buffer(chunk_line_, line)});
    } else {
        write_next({net::const_buffer(chunk_line_, line), net::const_buffer(chunk_->data(), n),
                    net::const_buffer(chunk_end.data(), chunk_end.size())});
    }
    return true;
}

Http1Exchange::Next Http1Exchange::written(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline) {
    if (error) std::rethrow_exception(failure(error, limits, by_deadline));
    if (stream_ && next_chunk()) return Next::write;
    new_parser();
    return Next::read_head;
}

void Http1Exchange::new_parser() {
    parser_.emplace();
    parser_->body_limit(boost::none);
    parser_->header_limit(header_limit);
    if (head_request_) parser_->skip(true);
    starved_ = false;
}

boost::system::error_code Http1Exchange::parse(boost::beast::flat_buffer& buffer, bool eof) {
    boost::system::error_code error;
    const bool in_head = !parser_->is_header_done();
    // Boost 1.81's parser asserts (in builds with assertions) when a last chunk's trailer part comes
    // in pieces of under 5 bytes (boostorg/beast#2861): inside the body, after a need_more, bytes
    // wait until there are 5 (at the end of the stream, what is left is an incomplete body).
    const bool wait_for_more = !in_head && starved_ && buffer.size() < 5;
    starved_ = wait_for_more;
    while (!wait_for_more && buffer.size() != 0 && !parser_->is_done()) {
        const std::size_t used = parser_->put(buffer.data(), error);
        if (error == http::error::multiple_content_length) {
            const auto data = buffer.data();
            conflicting_lengths_ = content_length_values(std::string_view(static_cast<const char*>(data.data()), data.size()));
        }
        buffer.consume(used);
        if (in_head) head_bytes(used);
        if (error == http::error::need_more || error == http::error::need_buffer) {
            starved_ = error == http::error::need_more;
            error = {};
            break;
        }
        if (error) break;
        if (used == 0) {
            starved_ = true;
            break;
        }
        if (in_head && parser_->is_header_done()) break;
    }
    // Beast 1.81 bounds a chunk-size line and the trailers by nothing: azcore by the head's limit.
    if (!error && starved_ && !in_head && buffer.size() > max_head_bytes) error = http::error::header_limit;
    if (!error && eof && !parser_->is_done()) {
        // Before any byte of the message the stream simply ended (Beast's put_eof requires one).
        if (!parser_->got_some()) error = http::error::end_of_stream;
        else if (buffer.size() == 0) parser_->put_eof(error);
        else error = http::error::partial_message;
    }
    return error;
}

net::mutable_buffer Http1Exchange::direct_room(std::size_t buffered) const noexcept {
    if (buffered != 0 || starved_ || !parser_ || !parser_->is_header_done() || parser_->is_done() ||
        parser_->room_data() == nullptr || !may_read_direct(parser_->room_left()))
        return {};
    return {parser_->room_data(), parser_->room_left()};
}

boost::system::error_code Http1Exchange::parse_direct(std::size_t n, bool eof) {
    boost::system::error_code error;
    // The bytes are in the room already: the parser counts them against the Content-Length
    // (the room is no larger than what is left of it).
    if (n != 0) parser_->put(net::const_buffer(parser_->room_data(), n), error);
    if (error == http::error::need_buffer || error == http::error::need_more) error = {};
    if (!error && eof && !parser_->is_done()) parser_->put_eof(error);  // a body cut short
    return error;
}

Http1Exchange::Next Http1Exchange::head_read(const boost::system::error_code& error, const ExchangeLimits& limits,
                                             bool by_deadline) {
    if (error && error != http::error::need_buffer) {
        std::rethrow_exception(failure(error, limits, by_deadline));
    }
    if (!parser_->is_header_done()) return Next::read_head;
    const int status = parser_->status();
    if (status < 200 && status != 101) {
        // An informational response (100 Continue, 103 Early Hints) has no body: the real one
        // follows. Their heads count towards the limit, so that endless ones end.
        if (head_bytes_ > max_head_bytes) std::rethrow_exception(headers_too_large_error({}));
        new_parser();
        return Next::read_head;
    }
    phase_ = TransferPhase::ReadingBody;
    if (parser_->is_done()) timings_.total = elapsed();  // no body (HEAD, 204, 304, Content-Length: 0)
    return Next::head_done;
}

ReceivedHead Http1Exchange::head() {
    return {.status_code = parser_->status(),
            .reason = parser_->reason(),
            .headers = std::move(parser_->headers()),
            .http_version = parser_->version() == 10 ? "1.0" : "1.1"};
}

bool Http1Exchange::body_room(Bytes& out, std::size_t max, std::size_t buffered) {
    if (!parser_ || parser_->is_done() || max == 0) return false;
    // No more room than one read can fill: what is buffered and one read of the socket, and no
    // more than the declared length leaves.
    max = std::min(max, buffered + read_room);
    if (const auto remaining = parser_->content_length_remaining())
        max = static_cast<std::size_t>(std::min<std::uint64_t>(max, std::max<std::uint64_t>(*remaining, 1)));
    body_start_ = out.size();
    body_room_ = max;
    give_room(out);
    return true;
}

bool Http1Exchange::may_read_direct(std::size_t room) const noexcept {
    return (room >= direct_read_min || rest_direct_) && parser_->content_length_remaining();
}

void Http1Exchange::give_room(Bytes& out) {
    // A room a socket read may fill must exist (zero-filled: out is a vector); bytes parsed from
    // the buffer are appended instead, with nothing to fill beforehand.
    if (may_read_direct(body_room_)) {
        out.resize(body_start_ + body_room_);
        parser_->room(out.data() + body_start_, body_room_);
    } else {
        parser_->room(out, body_room_);
    }
}

std::size_t Http1Exchange::body_read(const boost::system::error_code& error, Bytes& out, const ExchangeLimits& limits,
                                     bool by_deadline) {
    if (error && error != http::error::need_buffer) {
        out.resize(body_start_);
        std::rethrow_exception(failure(error, limits, by_deadline));
    }
    const std::size_t got = body_room_ - parser_->room_left();
    out.resize(body_start_ + got);
    body_bytes_ += got;
    // A big room filled in part: its rest, however small, is likely the reader's next room.
    if (got != 0) rest_direct_ = got < body_room_ && (body_room_ >= direct_read_min || rest_direct_);
    if (parser_->is_done() && !timings_.total) timings_.total = elapsed();
    if (got == 0 && !parser_->is_done()) {
        // Nothing yet: the room again for the next read.
        give_room(out);
    }
    return got;
}

std::exception_ptr Http1Exchange::failure(const boost::system::error_code& error, const ExchangeLimits& limits,
                                          bool by_deadline) const {
    using namespace azcore::exceptions;
    const std::error_code code = error;
    if (error == beast::error::timeout) {
        if (by_deadline) return deadline_error(phase_, code);
        return read_timeout_error(limits.read_timeout, phase_, code);
    }
    AzureErrorOptions options{.error_code = code};
    // With TLS 1.3 a server refuses a client certificate after the client considers the handshake
    // done: the alert comes with the first read. The server never saw the request: a handshake
    // failure, as curl reports it.
    if (phase_ == TransferPhase::AwaitingHeaders && error.category() == net::error::get_ssl_category() &&
        (!parser_ || !parser_->got_some()))
        return std::make_exception_ptr(
            ServiceRequestError(fmt::format("The server refused the TLS connection: {}", error.message()), options));
    if (phase_ == TransferPhase::AwaitingHeaders) {
        if (error == http::error::header_limit) return headers_too_large_error(code);
        if (error == http::error::multiple_content_length) return conflicting_lengths_error(conflicting_lengths_, code);
        // On a kept-alive connection the request may have been received: it is not sent again here
        // (the retry policy decides, by the method), as the curl transports do.
        if (is_closed_by_peer(error) && earlier_ > 0) return closed_after_reuse_error(code);
        if (is_closed_by_peer(error) && (!parser_ || !parser_->got_some())) return closed_before_response_error(code, error.message());
        if (is_closed_by_peer(error) || error == http::error::partial_message)
            return std::make_exception_ptr(
                ServiceResponseError(fmt::format("The server closed the connection inside the response head ({})", error.message()), options));
        if (error.category() == http::make_error_code(http::error::bad_version).category())
            return malformed_head_error(code, error.message());
        return std::make_exception_ptr(
            ServiceResponseError(fmt::format("The response head could not be read ({})", error.message()), options));
    }
    if (error == http::error::partial_message && parser_) {
        if (const auto declared = parser_->content_length())
            return body_cut_short_error(parser_->content_length_remaining().value_or(0), *declared, code, error.message());
        if (parser_->chunked()) return chunked_body_cut_error(code, error.message());
    }
    if (error == http::error::bad_chunk || error == http::error::bad_chunk_extension) return malformed_chunk_error(code, error.message());
    if (error == http::error::header_limit)
        return malformed_chunk_error(code, fmt::format("a chunk-size line or the trailers over {} KiB", max_head_bytes / 1024));
    return incomplete_body_error(fmt::format("The response body ended early: {}", error.message()), code);
}

std::exception_ptr Http1Exchange::connect_failure(const boost::system::error_code& error, const ExchangeLimits& limits,
                                                  bool by_deadline, std::string_view host, std::string_view port) {
    using namespace azcore::exceptions;
    const std::error_code code = error;
    if (error == beast::error::timeout) {
        if (by_deadline) return deadline_error(TransferPhase::Connecting, code);
        return connect_timeout_error(host, port, limits.connection_timeout, code, {});
    }
    return std::make_exception_ptr(
        ServiceRequestError(fmt::format("Failed to connect to {} port {}: {}", host, port, error.message()), {.error_code = code}));
}

std::exception_ptr Http1Exchange::tunnel_failure(const boost::system::error_code& error, unsigned status, std::string_view reason,
                                                 const ExchangeLimits& limits, bool by_deadline, std::string_view target) {
    if (error == beast::error::timeout) return connect_failure(error, limits, by_deadline, "the proxy for", target);
    if (error)
        return std::make_exception_ptr(exceptions::ServiceRequestError(
            fmt::format("The proxy's answer to CONNECT {} failed: {}", target, error.message()), {.error_code = std::error_code(error)}));
    // The status is no error code: the tunnel was refused.
    return proxy_refused_error(target, std::make_error_code(std::errc::connection_refused), fmt::format("{} {}", status, reason));
}

std::string Http1Exchange::connect_request(std::string_view target, const ProxyRoute& proxy) {
    return connect_request_head(target, proxy.authorization);
}

std::exception_ptr Http1Exchange::tls_failure(const boost::system::error_code& error, const ExchangeLimits& limits, bool by_deadline,
                                              std::string_view host, std::string_view port, std::string_view detail) {
    if (error == beast::error::timeout) return connect_failure(error, limits, by_deadline, host, port);
    const std::string reason = detail.empty() ? error.message() : fmt::format("{}: {}", error.message(), detail);
    return tls_handshake_error(host, port, error, reason);
}

}  // namespace azcore::transport::detail
