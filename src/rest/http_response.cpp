#include <azcore/rest/http_response.hpp>

#include <azcore/exceptions.hpp>

#include "rest/content_decoder.hpp"
#include "rest/text_decoding.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <ostream>

namespace azcore::rest {

HttpResponseBase::HttpResponseBase(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                                   CaseInsensitiveDict headers, std::string http_version, std::size_t block_size,
                                   std::size_t max_decoded_size)
    : request_(std::move(request)),
      status_code_(status_code),
      reason_(std::move(reason)),
      headers_(std::move(headers)),
      http_version_(std::move(http_version)),
      block_size_(block_size == 0 ? 4096 : block_size),
      max_decoded_size_(max_decoded_size) {}

HttpResponseBase::~HttpResponseBase() = default;

std::optional<std::string> HttpResponseBase::content_type() const { return headers_.get("Content-Type"); }

std::optional<std::string> HttpResponseBase::encoding() const {
    if (encoding_set_) return encoding_;
    const std::string* content_type = headers_.find("Content-Type");
    if (content_type == nullptr) return std::nullopt;
    auto charset = detail::charset_of(*content_type);
    if (charset && detail::is_known_encoding(*charset)) return charset;
    return std::nullopt;
}

void HttpResponseBase::set_encoding(std::optional<std::string> encoding) {
    encoding_ = std::move(encoding);
    encoding_set_ = true;
}

const Bytes& HttpResponseBase::content() const {
    if (!content_) throw exceptions::ResponseNotReadError(std::const_pointer_cast<HttpResponseBase>(weak_from_this().lock()));
    return *content_;
}

std::string HttpResponseBase::text(std::optional<std::string> encoding) const {
    const Bytes& body = content();
    if (!encoding) encoding = this->encoding();
    return detail::decode_text(body, encoding);
}

boost::json::value HttpResponseBase::json() const {
    std::string body = text();
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) {
        auto self = std::const_pointer_cast<HttpResponseBase>(weak_from_this().lock());
        throw exceptions::DecodeError("JSON is invalid: " + ec.message(), self);
    }
    return value;
}

void HttpResponseBase::raise_for_status() const {
    if (status_code_ >= 400)
        throw exceptions::HttpResponseError(std::nullopt, std::const_pointer_cast<HttpResponseBase>(weak_from_this().lock()));
}

void HttpResponseBase::set_content(Bytes content) {
    content_ = std::move(content);
    is_stream_consumed_ = true;
    is_closed_ = true;
}

std::shared_ptr<HttpResponseBase> HttpResponseBase::self_for_errors() { return weak_from_this().lock(); }

void HttpResponseBase::throw_decode_error(const std::string& what) {
    throw exceptions::DecodeError("Failed to decode the response body: " + what, self_for_errors());
}

void HttpResponseBase::start_stream() {
    if (is_stream_consumed_) throw exceptions::StreamConsumedError(self_for_errors());
    if (is_closed_) throw exceptions::StreamClosedError(self_for_errors());
    is_stream_consumed_ = true;
}

bool HttpResponseBase::begin_iteration(bool decoded) {
    if (decoded && content_) return true;
    start_stream();
    return false;
}

bool HttpResponseBase::next_content_slice(Bytes& out, std::size_t chunk_size, std::size_t& offset) const {
    const Bytes& body = *content_;
    if (offset >= body.size()) return false;
    std::size_t n = std::min(chunk_size, body.size() - offset);
    out.assign(body.begin() + static_cast<std::ptrdiff_t>(offset), body.begin() + static_cast<std::ptrdiff_t>(offset + n));
    offset += n;
    return true;
}

detail::ContentDecoder* HttpResponseBase::decoder() {
    if (!decoder_created_) {
        decoder_created_ = true;
        if (const std::string* coding = headers_.find("Content-Encoding")) decoder_ = detail::ContentDecoder::create(*coding);
    }
    return decoder_.get();
}

bool HttpResponseBase::decode_more(Bytes& out, std::size_t target) {
    try {
        while (out.size() < target) {
            if (decoder_->read(out, target - out.size()) == 0) return !decoded_to_end_;
        }
    } catch (const std::runtime_error& error) {
        throw_decode_error(error.what());
    }
    return false;
}

void HttpResponseBase::feed_raw(BytesView raw) {
    try {
        if (!raw.empty()) {
            decoder_->feed(raw);
        } else {
            decoded_to_end_ = true;
            decoder_->finish();
        }
    } catch (const std::runtime_error& error) {
        throw_decode_error(error.what());
    }
}

std::size_t HttpResponseBase::read_target() const {
    constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
    return max_decoded_size_ == 0 || max_decoded_size_ == unlimited ? unlimited : max_decoded_size_ + 1;
}

void HttpResponseBase::finish_read() {
    if (decoder_ && max_decoded_size_ != 0 && read_buffer_.size() > max_decoded_size_) {
        Bytes().swap(read_buffer_);
        close();
        throw_decode_error("the decoded body exceeds max_decoded_size (" + std::to_string(max_decoded_size_) + " bytes)");
    }
    content_ = std::move(read_buffer_);
    read_buffer_ = Bytes();
}

std::ostream& operator<<(std::ostream& out, const HttpResponseBase& response) {
    out << "<HttpResponse: " << response.status_code() << ' ' << response.reason();
    if (auto content_type = response.content_type()) out << ", Content-Type: " << *content_type;
    return out << '>';
}

// ---------------------------------------------------------------------------------------------
HttpResponse::HttpResponse(std::shared_ptr<const HttpRequest> request, int status_code, std::string reason,
                           CaseInsensitiveDict headers, std::unique_ptr<ResponseBodyReader> body,
                           std::string http_version, std::size_t block_size, std::size_t max_decoded_size)
    : HttpResponseBase(std::move(request), status_code, std::move(reason), std::move(headers), std::move(http_version),
                       block_size, max_decoded_size),
      body_(std::move(body)) {}

HttpResponse::~HttpResponse() { close(); }

bool HttpResponse::next_chunk(Bytes& out, std::size_t chunk_size, bool decoded) {
    if (!decoded || decoder() == nullptr) {
        // Straight from the transport, not through the decoding buffer. iter_bytes hands out
        // full chunks (as Python's iter_content does), iter_raw what has arrived.
        out.clear();
        std::size_t got = 0;
        do {
            got = body_ ? body_->read_some(out, chunk_size - out.size()) : 0;
        } while (decoded && got > 0 && out.size() < chunk_size);
        if (out.empty()) close();
        return !out.empty();
    }
    out.clear();
    decode_body(out, chunk_size, chunk_size);
    if (!out.empty()) return true;
    close();
    return false;
}

void HttpResponse::decode_body(Bytes& out, std::size_t target, std::size_t raw_step) {
    while (decode_more(out, target)) {
        raw_.clear();
        if (body_) body_->read_some(raw_, raw_step);
        feed_raw(raw_);
    }
}

const Bytes& HttpResponse::read() {
    if (content_) return *content_;
    start_stream();
    if (decoder() == nullptr) {
        // Identity: the transport appends straight to the content buffer.
        while (body_ && body_->read_some(read_buffer_, read_all_step) > 0) {
        }
    } else {
        decode_body(read_buffer_, read_target(), read_all_step);
    }
    finish_read();
    close();
    return *content_;
}

ByteChunks HttpResponse::iter_bytes(std::size_t chunk_size) { return ByteChunks(*this, chunk_size_or_default(chunk_size), true); }

ByteChunks HttpResponse::iter_raw(std::size_t chunk_size) { return ByteChunks(*this, chunk_size_or_default(chunk_size), false); }

void HttpResponse::close() {
    is_closed_ = true;
    if (body_) body_->close();
}

// ---------------------------------------------------------------------------------------------
ByteChunks::ByteChunks(HttpResponse& response, std::size_t chunk_size, bool decoded)
    : response_(&response), chunk_size_(chunk_size), decoded_(decoded) {
    // Like Python, a consumed or closed stream is reported when iteration is asked for.
    from_content_ = response_->begin_iteration(decoded_);
}

ByteChunks::iterator ByteChunks::begin() {
    if (!fetched_) {
        fetched_ = true;
        advance();
    }
    return iterator(this);
}

void ByteChunks::advance() {
    bool more = from_content_ ? response_->next_content_slice(chunk_, chunk_size_, offset_)
                              : response_->next_chunk(chunk_, chunk_size_, decoded_);
    done_ = !more;
}

BytesView ByteChunks::iterator::operator*() const { return owner_->chunk_; }

ByteChunks::iterator& ByteChunks::iterator::operator++() {
    owner_->advance();
    return *this;
}

}  // namespace azcore::rest
