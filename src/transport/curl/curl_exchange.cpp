#include "transport/curl/curl_exchange.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>

#include "rest/content_decoder.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace azcore::transport::detail {
namespace {

using Clock = std::chrono::steady_clock;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

long to_ms(double seconds) { return static_cast<long>(std::max(1.0, seconds * 1000.0)); }

bool method_is(const std::string& method, std::string_view expected) {
    return method.size() == expected.size() &&
           std::equal(method.begin(), method.end(), expected.begin(),
                      [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; });
}

// The connection settings a handle keeps between two GETs without a body, as one comparable key
// (each part tagged, so that an absent value differs from an empty one); empty for any other
// request, which sets (and so leaves) method and body options.
std::string standing_key_of(const rest::HttpRequest& request, const TransferSettings& settings) {
    if (!method_is(request.method, "GET") || request.has_body()) return {};
    std::string key;
    auto part = [&key](const std::optional<std::string>& value) {
        key += value ? "=" + *value : std::string("-");
        key += '\n';
    };
    part(settings.proxy);
    part(settings.no_proxy);
    if (const bool* verify = std::get_if<bool>(&settings.connection_verify)) key += *verify ? "+\n" : "0\n";
    else key += "@" + std::get<std::string>(settings.connection_verify) + "\n";
    part(settings.connection_cert ? std::optional<std::string>(settings.connection_cert->cert_file) : std::nullopt);
    part(settings.connection_cert ? std::optional<std::string>(settings.connection_cert->key_file) : std::nullopt);
    return key;
}

}  // namespace

CurlExchange::CurlExchange(std::shared_ptr<const rest::HttpRequest> request, TransferSettings settings,
                           ConnectionMonitor& monitor)
    : request_(std::move(request)),
      settings_(std::move(settings)),
      monitor_(&monitor),
      standing_(standing_key_of(*request_, settings_)),
      pause_threshold_(std::max<std::size_t>(settings_.reading.block_size, 1024 * 1024)) {
    monitored_ = &monitor.started(settings_.host_key);  // last: nothing after it throws
}

CurlExchange::~CurlExchange() {
    leave_monitor(nullptr);
    if (header_list_ != nullptr) curl_slist_free_all(header_list_);
}

void CurlExchange::leave_monitor(CURL* easy) noexcept {
    if (monitored_ == nullptr) return;
    long new_connections = 0;
    if (easy != nullptr) curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &new_connections);
    monitor_->ended(*std::exchange(monitored_, nullptr), local_port_, new_connections);
}

void CurlExchange::configure(CURL* easy, bool fresh) {
    const rest::HttpRequest& request = *request_;
    easy_ = easy;
    // Per request: the URL, this exchange's buffers and callback data, the connect timeout (the
    // retry policy shortens it per try), method, body and headers.
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer_);
    curl_easy_setopt(easy, CURLOPT_PREREQDATA, this);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, to_ms(settings_.connection_timeout));
    configure_body(easy);
    std::string line;
    line.reserve(256);
    for (const auto& [name, value] : request.headers) {
        // curl drops "Name: " with a blank value (its syntax to remove a header): a blank value
        // goes as "Name;", which curl sends as an empty one.
        if (trim(value).empty()) line.assign(name).append(";");
        else line.assign(name).append(": ").append(value);
        header_list_ = curl_slist_append(header_list_, line.c_str());
    }
    // The codings the response can decode, unless the request names its own. Sent as a header
    // line, not with CURLOPT_ACCEPT_ENCODING, which curl would format afresh for every request.
    if (!request.headers.contains("Accept-Encoding"))
        header_list_ = curl_slist_append(header_list_, rest::detail::kAcceptEncodingLine);
    // curl adds "Expect: 100-continue" to some uploads; only a request with a body can be one.
    if (request.has_body()) header_list_ = curl_slist_append(header_list_, "Expect:");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, header_list_);
    if (!fresh) return;  // the handle holds the rest
    // Only http and https, whatever the URL says; redirects are the redirect policy's, not curl's.
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlExchange::on_header);
    curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, &CurlExchange::on_prereq);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlExchange::on_write);
    // Decoding is the response's (iter_raw is raw).
    curl_easy_setopt(easy, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(easy, CURLOPT_PROXY, settings_.proxy ? settings_.proxy->c_str() : "");
    // Always set: unset, curl reads NO_PROXY from the environment itself, even without use_env_settings.
    curl_easy_setopt(easy, CURLOPT_NOPROXY, settings_.no_proxy ? settings_.no_proxy->c_str() : "");
    if (const bool* verify = std::get_if<bool>(&settings_.connection_verify)) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, *verify ? 1L : 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, *verify ? 2L : 0L);
    } else {
        curl_easy_setopt(easy, CURLOPT_CAINFO, std::get<std::string>(settings_.connection_verify).c_str());
    }
    if (settings_.connection_cert) {
        curl_easy_setopt(easy, CURLOPT_SSLCERT, settings_.connection_cert->cert_file.c_str());
        if (!settings_.connection_cert->key_file.empty())
            curl_easy_setopt(easy, CURLOPT_SSLKEY, settings_.connection_cert->key_file.c_str());
    }
}

void CurlExchange::configure_body(CURL* easy) {
    const rest::HttpRequest& request = *request_;
    const std::string& method = request.method;
    if (method_is(method, "HEAD")) {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
        return;
    }
    const bool has_body = request.has_body();
    const bool sends_empty_body = method_is(method, "POST") || method_is(method, "PUT") || method_is(method, "PATCH");
    if (!has_body && !sends_empty_body) {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        if (!method_is(method, "GET")) curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
        return;
    }
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    if (!method_is(method, "POST")) curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
    // curl would add a form Content-Type to a POST; send exactly the request's headers instead.
    if (!request.headers.contains("Content-Type")) header_list_ = curl_slist_append(header_list_, "Content-Type:");
    if (const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&request.content); bytes && *bytes) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, (*bytes)->data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>((*bytes)->size()));
    } else if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content); stream && *stream) {
        if ((*stream)->seekable()) stream_start_ = (*stream)->tell();
        auto length = (*stream)->length();
        curl_easy_setopt(easy, CURLOPT_READFUNCTION, &CurlExchange::on_read);
        curl_easy_setopt(easy, CURLOPT_READDATA, this);
        curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, &CurlExchange::on_seek);
        curl_easy_setopt(easy, CURLOPT_SEEKDATA, this);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, length ? static_cast<curl_off_t>(*length) : curl_off_t{-1});
    } else {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, "");
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t{0});
    }
}

std::size_t CurlExchange::on_header(char* data, std::size_t size, std::size_t count, void* self_ptr) {
    auto* self = static_cast<CurlExchange*>(self_ptr);
    std::size_t length = size * count;
    self->last_activity_ = Clock::now();
    if (self->headers_done_) return length;  // trailers
    switch (self->head_.add_line(std::string_view(data, length))) {
    case ResponseHead::Step::more:
        break;
    case ResponseHead::Step::conflicting_lengths:
        self->framing_error_ = self->head_.framing_error();
        return 0;  // curl aborts the transfer
    case ResponseHead::Step::line_too_large:
        self->framing_error_ = headers_too_large_error(std::error_code(CURLE_WEIRD_SERVER_REPLY, curl_category()));
        return 0;
    case ResponseHead::Step::complete:
        self->headers_done_ = true;
        read_head_timings(self->easy_, self->tls(), self->timings_);
        self->progressed();
        break;
    }
    return length;
}

std::size_t CurlExchange::on_write(char* data, std::size_t size, std::size_t count, void* self_ptr) {
    auto* self = static_cast<CurlExchange*>(self_ptr);
    std::size_t length = size * count;
    self->last_activity_ = Clock::now();
    if (self->buffer_.size() - self->buffer_offset_ >= self->pause_threshold_) {
        // The reader is behind: stop receiving until it catches up (bounded memory).
        self->paused_ = true;
        return CURL_WRITEFUNC_PAUSE;
    }
    if (self->buffer_offset_ == self->buffer_.size()) {
        self->buffer_.clear();
        self->buffer_offset_ = 0;
    }
    // As bytes, so that each copy is one memmove (from char it is converted byte by byte).
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
    std::size_t direct = 0;
    if (self->direct_ != nullptr && self->buffer_offset_ == self->buffer_.size()) {
        // A read is waiting and nothing is buffered before these bytes: they go to it first.
        direct = std::min(length, self->direct_room_ - self->direct_delivered_);
        self->direct_->insert(self->direct_->end(), bytes, bytes + direct);
        self->direct_delivered_ += direct;
    }
    self->buffer_.insert(self->buffer_.end(), bytes + direct, bytes + length);
    self->progressed();
    return length;
}

std::size_t CurlExchange::on_read(char* data, std::size_t size, std::size_t count, void* self_ptr) {
    auto* self = static_cast<CurlExchange*>(self_ptr);
    self->last_activity_ = Clock::now();
    try {
        auto& stream = std::get<std::shared_ptr<rest::BodyStream>>(self->request_->content);
        return stream->read(std::span(reinterpret_cast<std::uint8_t*>(data), size * count));
    } catch (...) {
        self->upload_error_ = std::current_exception();
        return CURL_READFUNC_ABORT;
    }
}

// curl re-sends a request by itself when a reused connection dies before the response (any
// method, POST included). Whether to send again is the retry policy's decision: refuse.
int CurlExchange::on_prereq(void* self_ptr, char*, char*, int, int local_port) {
    auto* self = static_cast<CurlExchange*>(self_ptr);
    if (++self->sends_ == 1) {
        if (self->monitored_ != nullptr) {
            self->local_port_ = local_port;
            self->monitor_->connected(*self->monitored_, local_port);
        }
        return CURL_PREREQFUNC_OK;
    }
    self->resend_refused_ = true;
    return CURL_PREREQFUNC_ABORT;
}

int CurlExchange::on_seek(void* self_ptr, curl_off_t offset, int origin) {
    auto* self = static_cast<CurlExchange*>(self_ptr);
    auto& stream = std::get<std::shared_ptr<rest::BodyStream>>(self->request_->content);
    if (origin != SEEK_SET || !stream->seekable()) return CURL_SEEKFUNC_CANTSEEK;
    try {
        stream->seek(self->stream_start_ + static_cast<std::uint64_t>(offset));
        return CURL_SEEKFUNC_OK;
    } catch (...) {
        return CURL_SEEKFUNC_FAIL;
    }
}

TransferPhase CurlExchange::phase() const {
    if (headers_done_) return TransferPhase::ReadingBody;
    return connected_ ? TransferPhase::AwaitingHeaders : TransferPhase::Connecting;
}

std::size_t CurlExchange::take(Bytes& out, std::size_t max) {
    std::size_t n = std::min(buffer_.size() - buffer_offset_, max);
    if (out.empty() && buffer_offset_ == 0 && n == buffer_.size()) {
        out.swap(buffer_);  // the caller's (empty) vector becomes the new buffer
        buffer_.clear();
        return n;
    }
    auto first = buffer_.begin() + static_cast<std::ptrdiff_t>(buffer_offset_);
    out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(n));
    buffer_offset_ += n;
    return n;
}

CurlExchange::ReadStep CurlExchange::read_step() {
    if (has_body_bytes()) return ReadStep::take;
    if (finished_) {
        if (failure_) std::rethrow_exception(failure_);
        if (completed_) timings_ = ended_timings_;
        return ReadStep::end;
    }
    if (std::exchange(paused_, false)) return ReadStep::resume;
    return ReadStep::wait;
}

void CurlExchange::observe_connection(CURL* easy) {
    if (connected_) return;
    curl_off_t pretransfer = 0;
    curl_easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
    if (pretransfer > 0 || head_.status_code() != 0) {
        connected_ = true;
        last_activity_ = Clock::now();
    }
}

CurlExchange::Clock::time_point CurlExchange::read_deadline() const {
    return last_activity_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(settings_.read_timeout));
}

CurlExchange::Clock::duration CurlExchange::wait_limit(Clock::duration longest) const {
    const auto now = Clock::now();
    auto left = [&](Clock::time_point end) { return end <= now ? Clock::duration::zero() : end - now; };
    if (connected_) longest = std::min(longest, left(read_deadline()));
    if (deadline_applies()) longest = std::min(longest, left(*settings_.deadline));
    return longest;
}

bool CurlExchange::time_ran_out(CURL* easy) {
    if (finished_) return false;
    observe_connection(easy);
    const auto now = Clock::now();
    if (deadline_applies() && *settings_.deadline <= now) failure_ = deadline_error(phase(), curl_timeout_code());
    else if (connected_ && read_deadline() <= now) failure_ = read_timeout_error(settings_.read_timeout, phase(), curl_timeout_code());
    else return false;
    finished_ = true;
    leave_monitor(easy);
    progressed();
    return true;
}

void CurlExchange::finish(CURLcode result, CURL* easy) {
    if (finished_) return;
    observe_connection(easy);
    finished_ = true;
    if (result != CURLE_OK) failure_ = failure_of(result, easy);
    else if (!headers_done_) failure_ = no_response_error();
    completed_ = !failure_;
    if (completed_) {
        ended_timings_ = timings_;
        read_end_timings(easy, tls(), ended_timings_);
    }
    leave_monitor(easy);
    progressed();
}

std::exception_ptr CurlExchange::failure_of(CURLcode result, CURL* easy) const {
    if (upload_error_) return upload_error_;
    if (framing_error_) return framing_error_;
    if (resend_refused_)
        return closed_after_reuse_error(std::error_code(CURLE_RECV_ERROR, curl_category()));
    CurlFailureFacts facts{.host = settings_.host, .port = settings_.port, .connection_timeout = settings_.connection_timeout};
    curl_off_t declared = -1;
    curl_off_t received = 0;
    if (curl_easy_getinfo(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared) == CURLE_OK) facts.declared = declared;
    if (curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &received) == CURLE_OK) facts.received = received;
    return map_curl_error(result, phase(), error_buffer_, facts);
}

void CurlExchange::abandon() {
    finished_ = true;
    leave_monitor(nullptr);
}

}  // namespace azcore::transport::detail
