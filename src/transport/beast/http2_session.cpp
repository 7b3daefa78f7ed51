#include "transport/beast/http2_session.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/utils/string_utils.hpp>

#include "transport/beast/request_head.hpp"

#include <nghttp2/nghttp2.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <new>

namespace azcore::transport::detail {
namespace {

using Clock = std::chrono::steady_clock;

// Headers HTTP/2 does not carry (RFC 9113 8.2.2); Host is :authority.
bool is_connection_specific(std::string_view name) {
    for (std::string_view forbidden : {"Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "Host"})
        if (utils::iequals(name, forbidden)) return true;
    return false;
}

nghttp2_nv pair(std::string_view name, std::string_view value) {
    return {.name = reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
            .value = reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())),
            .namelen = name.size(),
            .valuelen = value.size(),
            .flags = NGHTTP2_NV_FLAG_NONE};
}

std::string_view as_view(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

/// HTTP/2's error codes (RFC 9113 section 7), as the error_code an exception carries.
class Http2Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "http2"; }
    std::string message(int code) const override { return nghttp2_http2_strerror(static_cast<std::uint32_t>(code)); }
};

std::error_code h2_code(std::uint32_t code) {
    static const Http2Category category;
    return {static_cast<int>(code), category};
}

}  // namespace

/// One request and its response.
struct Http2Session::Stream {
    std::int32_t id = 0;
    std::shared_ptr<const rest::HttpRequest> request;
    std::shared_ptr<rest::BodyStream> upload;  // a stream body being sent
    std::size_t upload_offset = 0;             // of a body in bytes
    std::uint64_t sent = 0;
    int status = 0;
    bool interim = false;  // the head being received is informational (1xx)
    bool head_done = false;
    bool head_taken = false;
    bool ended = false;  // the body was received to its end (END_STREAM)
    bool closed = false;
    bool waiting = true;  // its request's HEADERS not sent yet
    CaseInsensitiveDict headers;
    std::optional<std::uint64_t> declared;  // Content-Length
    std::uint64_t header_bytes = 0;
    Bytes body;  // received, not yet read
    std::size_t body_read = 0;  // of body, read
    std::uint64_t body_bytes = 0;
    std::exception_ptr failure;
    Clock::time_point start{};
    rest::TransferTimings timings;
    bool changed = false;

    rest::TransferTimings::Duration elapsed() const {
        return std::chrono::duration_cast<rest::TransferTimings::Duration>(Clock::now() - start);
    }
};

/// nghttp2's callbacks, as Http2Session's members.
struct Http2Session::Callbacks {
    static Http2Session& self(void* user) { return *static_cast<Http2Session*>(user); }

    static int on_begin_headers(nghttp2_session*, const nghttp2_frame*, void*) { return 0; }

    static int on_frame_send(nghttp2_session*, const nghttp2_frame* frame, void* user) {
        if (frame->hd.type != NGHTTP2_HEADERS) return 0;
        if (Stream* stream = self(user).find(frame->hd.stream_id)) self(user).stop_waiting(*stream);
        return 0;
    }

    static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name, std::size_t namelen,
                         const std::uint8_t* value, std::size_t valuelen, std::uint8_t, void* user) {
        if (frame->hd.type != NGHTTP2_HEADERS) return 0;
        Stream* stream = self(user).find(frame->hd.stream_id);
        if (stream == nullptr || stream->failure) return 0;
        if (stream->head_done) return 0;  // trailers: not kept (as curl and Beast)
        stream->header_bytes += namelen + valuelen + 4;
        if (stream->header_bytes > max_head_bytes || namelen + valuelen + 4 > max_head_line_bytes) {
            self(user).fail_stream(*stream, headers_too_large_error({}));
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;  // nghttp2 resets the stream
        }
        const std::string_view key = as_view(name, namelen);
        const std::string_view text = as_view(value, valuelen);
        if (key == ":status") {
            int status = 0;
            std::from_chars(text.data(), text.data() + text.size(), status);
            if (status < 100) {  // nghttp2 checks three digits only: "001" is no status (RFC 9110 15)
                self(user).fail_stream(*stream, std::make_exception_ptr(exceptions::ServiceResponseError(
                                                    fmt::format("The server's HTTP/2 response status is not valid ({})", text))));
                return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;  // nghttp2 resets the stream
            }
            stream->status = status;
            stream->interim = status >= 100 && status < 200;
            if (!stream->interim) stream->headers.reserve(16);
            return 0;
        }
        if (stream->interim || key.starts_with(':')) return 0;
        if (key == "content-length") {
            std::uint64_t length = 0;
            if (std::from_chars(text.data(), text.data() + text.size(), length).ec == std::errc()) stream->declared = length;
        }
        stream->headers.add(key, std::string(text));
        return 0;
    }

    static int on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* user) {
        Http2Session& owner = self(user);
        if (frame->hd.type == NGHTTP2_GOAWAY) {
            owner.going_away_ = true;
            return 0;
        }
        if (frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) return 0;
        Stream* stream = owner.find(frame->hd.stream_id);
        if (stream == nullptr || stream->failure) return 0;
        if (frame->hd.type == NGHTTP2_HEADERS && !stream->head_done) {
            if (!stream->timings.first_byte) stream->timings.first_byte = stream->elapsed();
            if (stream->interim) {
                stream->interim = false;  // the real response follows
                stream->status = 0;
                return 0;
            }
            stream->head_done = true;
            owner.changed(*stream);
        }
        if ((frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0 && stream->head_done) {
            stream->ended = true;
            stream->timings.total = stream->elapsed();
            owner.changed(*stream);
        }
        return 0;
    }

    static int on_data_chunk(nghttp2_session* session, std::uint8_t, std::int32_t id, const std::uint8_t* data, std::size_t size,
                             void* user) {
        nghttp2_session_consume_connection(session, size);  // the connection's window: never held up by one stream
        Stream* stream = self(user).find(id);
        if (stream == nullptr || stream->failure) {
            nghttp2_session_consume_stream(session, id, size);
            return 0;
        }
        stream->body.insert(stream->body.end(), data, data + size);
        stream->body_bytes += size;
        self(user).changed(*stream);
        return 0;
    }

    static int on_stream_close(nghttp2_session*, std::int32_t id, std::uint32_t code, void* user) {
        Http2Session& owner = self(user);
        Stream* stream = owner.find(id);
        if (stream == nullptr) return 0;
        stream->closed = true;
        owner.stop_waiting(*stream);
        if (stream->failure || stream->ended) {
            owner.changed(*stream);
            return 0;
        }
        using namespace azcore::exceptions;
        const std::string name = nghttp2_http2_strerror(code);
        if (!stream->head_done) {
            if (code == NGHTTP2_REFUSED_STREAM)  // never processed (RFC 9113 8.7): safe to send again
                owner.fail_stream(*stream, std::make_exception_ptr(ServiceRequestError(
                                               "The server refused the HTTP/2 stream before processing the request (REFUSED_STREAM)",
                                               {.error_code = h2_code(code)})));
            else if (code == NGHTTP2_NO_ERROR)
                owner.fail_stream(*stream, no_response_error());
            else
                owner.fail_stream(*stream, std::make_exception_ptr(ServiceResponseError(
                                               fmt::format("The server reset the HTTP/2 stream before the response head ({})", name),
                                               {.error_code = h2_code(code)})));
        } else if (code != NGHTTP2_NO_ERROR || !stream->ended) {
            owner.fail_stream(*stream,
                              incomplete_body_error(fmt::format("The server reset the HTTP/2 stream inside the response body ({})", name),
                                                    h2_code(code)));
        }
        return 0;
    }

    static ssize_t read_body(nghttp2_session*, std::int32_t id, std::uint8_t* buffer, std::size_t length, std::uint32_t* flags,
                             nghttp2_data_source*, void* user) {
        Stream* stream = self(user).find(id);
        if (stream == nullptr) {
            *flags |= NGHTTP2_DATA_FLAG_EOF;
            return 0;
        }
        std::size_t n = 0;
        if (stream->upload) {
            try {
                n = stream->upload->read(std::span<std::uint8_t>(buffer, length));
            } catch (...) {
                self(user).fail_stream(*stream, std::current_exception());
                return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;  // the stream is reset
            }
            if (n == 0) *flags |= NGHTTP2_DATA_FLAG_EOF;
        } else {
            const Bytes& data = *std::get<std::shared_ptr<const Bytes>>(stream->request->content);
            n = std::min(length, data.size() - stream->upload_offset);
            std::memcpy(buffer, data.data() + stream->upload_offset, n);
            stream->upload_offset += n;
            if (stream->upload_offset == data.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
        }
        stream->sent += n;
        return static_cast<ssize_t>(n);
    }
};

Http2Session::Http2Session() {
    nghttp2_session_callbacks* callbacks = nullptr;
    if (nghttp2_session_callbacks_new(&callbacks) != 0) throw std::bad_alloc();
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Callbacks::on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Callbacks::on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Callbacks::on_frame_recv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Callbacks::on_data_chunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Callbacks::on_stream_close);
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, &Callbacks::on_frame_send);
    nghttp2_option* option = nullptr;
    if (nghttp2_option_new(&option) != 0) {
        nghttp2_session_callbacks_del(callbacks);
        throw std::bad_alloc();
    }
    nghttp2_option_set_no_auto_window_update(option, 1);  // a stream's window opens as its reader reads
    const int made = nghttp2_session_client_new2(&session_, callbacks, this, option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
    if (made != 0) throw std::bad_alloc();
    const std::array<nghttp2_settings_entry, 2> settings{{{NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
                                                          {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, stream_window}}};
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
    // The connection's window: as large as HTTP/2 allows, since data is counted as consumed on arrival.
    nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, NGHTTP2_MAX_WINDOW_SIZE);
}

Http2Session::~Http2Session() { nghttp2_session_del(session_); }

Http2Session::Stream* Http2Session::find(std::int32_t id) const {
    const auto found = streams_.find(id);
    return found == streams_.end() ? nullptr : found->second.get();
}

Http2Session::Stream& Http2Session::get(std::int32_t id) const {
    Stream* stream = find(id);
    if (stream == nullptr) throw std::logic_error("Http2Session: no stream " + std::to_string(id));
    return *stream;
}

void Http2Session::changed(Stream& stream) {
    if (stream.changed) return;
    stream.changed = true;
    changed_.push_back(stream.id);
}

void Http2Session::fail_stream(Stream& stream, std::exception_ptr failure) {
    if (!stream.failure) stream.failure = std::move(failure);
    stop_waiting(stream);
    changed(stream);
}

void Http2Session::stop_waiting(Stream& stream) {
    if (!stream.waiting) return;
    stream.waiting = false;
    --waiting_;
}

void Http2Session::fail_all(std::exception_ptr failure) {
    failed_ = true;
    for (auto& [id, stream] : streams_)
        if (!stream->ended && !stream->failure) fail_stream(*stream, failure);
}

bool Http2Session::accepts_streams() const {
    return !failed_ && !going_away_ && nghttp2_session_check_request_allowed(session_) != 0;
}

std::int32_t Http2Session::submit(std::shared_ptr<const rest::HttpRequest> request, std::string_view scheme, std::string_view authority,
                                  std::string_view path) {
    if (!accepts_streams())
        throw exceptions::ServiceRequestError("The HTTP/2 connection takes no new request (the server is closing it)");
    const rest::HttpRequest& r = *request;
    const auto& headers = r.headers;
    std::vector<nghttp2_nv> nva;
    nva.reserve(headers.size() + 7);
    const std::string* host = headers.find("Host");
    nva.push_back(pair(":method", r.method));
    nva.push_back(pair(":scheme", scheme));
    nva.push_back(pair(":authority", host != nullptr ? std::string_view(*host) : authority));
    nva.push_back(pair(":path", path));
    // Names in lower case (RFC 9113 8.2.1), written once into scratch_ (reserved: no reallocation).
    std::size_t names = 0;
    for (const auto& [name, value] : headers) names += name.size();
    scratch_.clear();
    scratch_.reserve(names);
    for (const auto& [name, value] : headers) {
        if (is_connection_specific(name)) continue;
        if (utils::iequals(name, "TE") && !utils::iequals(value, "trailers")) continue;
        const std::size_t at = scratch_.size();
        for (char c : name) scratch_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        nva.push_back(pair(std::string_view(scratch_).substr(at, name.size()), value));
    }
    if (!headers.contains("Accept")) nva.push_back(pair("accept", "*/*"));
    if (!headers.contains("Accept-Encoding")) nva.push_back(pair("accept-encoding", accept_encoding_value()));

    auto stream = std::make_unique<Stream>();
    stream->request = std::move(request);
    RequestBody body = request_body(r);
    const bool has_bytes = body.data != nullptr && !body.data->empty();  // DATA frames follow the head
    char digits[24];
    if (!headers.contains("Content-Length") && body.framing.has_body && body.framing.length) {
        const auto end = std::to_chars(digits, digits + sizeof digits, *body.framing.length).ptr;
        nva.push_back(pair("content-length", std::string_view(digits, static_cast<std::size_t>(end - digits))));
    }
    const bool has_stream = body.stream != nullptr;
    stream->upload = std::move(body.stream);
    nghttp2_data_provider provider{.source = {.ptr = nullptr}, .read_callback = &Callbacks::read_body};
    const std::int32_t id =
        nghttp2_submit_request(session_, nullptr, nva.data(), nva.size(), has_bytes || has_stream ? &provider : nullptr, nullptr);
    if (id < 0)
        throw exceptions::ServiceRequestError(fmt::format("The HTTP/2 request could not be started: {}", nghttp2_strerror(id)));
    stream->id = id;
    streams_.emplace(id, std::move(stream));
    ++waiting_;
    return id;
}

std::span<const std::uint8_t> Http2Session::to_write() {
    out_.clear();
    for (;;) {
        const std::uint8_t* data = nullptr;
        const ssize_t n = nghttp2_session_mem_send(session_, &data);
        if (n < 0) {
            fail_all(std::make_exception_ptr(exceptions::ServiceRequestError(
                fmt::format("The HTTP/2 connection failed: {}", nghttp2_strerror(static_cast<int>(n))))));
            break;
        }
        if (n == 0) break;
        out_.insert(out_.end(), data, data + n);
    }
    return out_;
}

bool Http2Session::wants_write() const { return !failed_ && nghttp2_session_want_write(session_) != 0; }

void Http2Session::received(std::span<const std::uint8_t> bytes) {
    if (failed_) return;
    const ssize_t used = nghttp2_session_mem_recv(session_, bytes.data(), bytes.size());
    if (used < 0) {
        fail_all(std::make_exception_ptr(exceptions::ServiceResponseError(
            fmt::format("The server's HTTP/2 frames could not be read ({})", nghttp2_strerror(static_cast<int>(used))),
            {.error_code = h2_code(NGHTTP2_PROTOCOL_ERROR)})));
    } else if (!going_away_ && nghttp2_session_check_request_allowed(session_) == 0 &&
               nghttp2_session_get_next_stream_id(session_) <= INT32_MAX) {
        // nghttp2 answers most connection errors (bytes that are not frames, a frame on the wrong
        // stream, a broken HPACK block) by queueing its GOAWAY and returning success: the session
        // then takes no request although the server sent no GOAWAY. Its streams would wait forever.
        fail_all(std::make_exception_ptr(exceptions::ServiceResponseError(
            fmt::format("The server's HTTP/2 frames could not be read ({})", nghttp2_strerror(NGHTTP2_ERR_PROTO)),
            {.error_code = h2_code(NGHTTP2_PROTOCOL_ERROR)})));
    }
}

void Http2Session::ended(std::error_code error, std::string_view detail) {
    if (failed_) return;
    failed_ = true;
    for (auto& [id, stream] : streams_) {
        if (stream->ended || stream->failure) continue;
        if (!stream->head_done) {
            if (stream->timings.connection_reused.value_or(false)) fail_stream(*stream, closed_after_reuse_error(error));
            else fail_stream(*stream, closed_before_response_error(error, detail));
        } else if (stream->declared) {
            fail_stream(*stream, body_cut_short_error(*stream->declared - std::min(*stream->declared, stream->body_bytes), *stream->declared,
                                                      error, detail));
        } else {
            fail_stream(*stream, incomplete_body_error(fmt::format("The response body ended early: {}", detail), error));
        }
    }
}

std::vector<std::int32_t> Http2Session::take_changed() {
    std::vector<std::int32_t> ids;
    ids.swap(changed_);
    for (std::int32_t id : ids)
        if (Stream* stream = find(id)) stream->changed = false;
    return ids;
}

bool Http2Session::head_ready(std::int32_t id) const {
    const Stream& stream = get(id);
    return stream.head_done || stream.failure;
}

ReceivedHead Http2Session::head(std::int32_t id) {
    Stream& stream = get(id);
    if (stream.failure && !stream.head_done) std::rethrow_exception(stream.failure);
    if (!stream.head_done || stream.head_taken) throw std::logic_error("Http2Session: no response head to take");
    stream.head_taken = true;
    stream.timings.response_header_size = stream.header_bytes;
    return {.status_code = stream.status, .reason = {}, .headers = std::move(stream.headers), .http_version = "2"};
}

std::optional<std::size_t> Http2Session::read(std::int32_t id, Bytes& out, std::size_t max) {
    Stream& stream = get(id);
    const std::size_t held = stream.body.size() - stream.body_read;
    if (held == 0) {
        if (stream.failure) std::rethrow_exception(stream.failure);
        if (stream.ended) return 0;
        return std::nullopt;
    }
    const std::size_t n = std::min(held, max);
    if (n == 0) return std::nullopt;
    if (out.empty() && stream.body_read == 0 && n == held) {
        // All it holds, into an empty out: the buffers change places (no copy; the stream keeps
        // out's room for what comes next).
        out.swap(stream.body);
    } else {
        out.insert(out.end(), stream.body.begin() + static_cast<std::ptrdiff_t>(stream.body_read),
                   stream.body.begin() + static_cast<std::ptrdiff_t>(stream.body_read + n));
    }
    stream.body_read += n;
    if (stream.body_read >= stream.body.size()) {
        stream.body.clear();
        stream.body_read = 0;
    } else if (stream.body_read >= stream.body.size() - stream.body_read) {
        // A reader that never quite catches up: drop what it has read (no more than is left, so
        // each byte moves at most once on average) rather than keep the whole body.
        stream.body.erase(stream.body.begin(), stream.body.begin() + static_cast<std::ptrdiff_t>(stream.body_read));
        stream.body_read = 0;
    }
    if (!stream.closed) nghttp2_session_consume_stream(session_, id, n);  // the server may send n more
    return n;
}

bool Http2Session::body_done(std::int32_t id) const {
    const Stream* stream = find(id);
    return stream == nullptr || ((stream->ended || stream->failure) && stream->body.size() == stream->body_read);
}

TransferPhase Http2Session::phase(std::int32_t id) const {
    return get(id).head_done ? TransferPhase::ReadingBody : TransferPhase::AwaitingHeaders;
}

rest::TransferTimings Http2Session::timings(std::int32_t id) const {
    const Stream* stream = find(id);
    if (stream == nullptr || !stream->head_done) return {};
    rest::TransferTimings seen = stream->timings;
    if (!stream->ended) {
        seen.total.reset();
        return seen;
    }
    seen.request_body_size = stream->sent;
    seen.response_header_size = stream->header_bytes;
    seen.response_body_size = stream->body_bytes;
    return seen;
}

void Http2Session::start_try(std::int32_t id, Clock::time_point start, bool reused, const rest::TransferTimings& connecting) {
    Stream& stream = get(id);
    stream.start = start;
    stream.timings = connecting;
    stream.timings.connection_reused = reused;
    stream.timings.pretransfer = stream.elapsed();
}

void Http2Session::release(std::int32_t id) {
    const auto found = streams_.find(id);
    if (found == streams_.end()) return;
    Stream& stream = *found->second;
    stop_waiting(stream);
    if (!stream.closed && !failed_) nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
    // The bytes it held but nobody read no longer count against the stream (it is gone).
    streams_.erase(found);
}

void Http2Session::fail(std::int32_t id, std::exception_ptr failure) {
    Stream& stream = get(id);
    fail_stream(stream, std::move(failure));
    if (!stream.closed && !failed_) nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
}

}  // namespace azcore::transport::detail
