#include <azcore/rest/http_response.hpp>

#include <azcore/exceptions.hpp>

#include "rest/response_reading.hpp"
#include "rest/charset_converter.hpp"
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
    try {
        return detail::decode_text(body, encoding);
    } catch (const detail::TextDecodeError& error) {
        throw exceptions::DecodeError(std::string(error.what()), std::const_pointer_cast<HttpResponseBase>(weak_from_this().lock()));
    }
}

const boost::json::value& HttpResponseBase::json() const {
    if (json_) return *json_;
    boost::system::error_code ec;
    if (detail::keeps_valid_utf8(encoding())) {
        // Valid UTF-8 is its own text: parsed where it is. A body that does not parse so (a BOM,
        // invalid UTF-8, not JSON) takes the path below, for its result or its error.
        boost::json::value value = boost::json::parse(as_string_view(content()), ec);
        if (!ec) return json_.emplace(std::move(value));
        ec = {};
    }
    std::string body = text();
    boost::json::value value = boost::json::parse(body, ec);
    if (ec) {
        auto self = std::const_pointer_cast<HttpResponseBase>(weak_from_this().lock());
        throw exceptions::DecodeError("JSON is invalid: " + ec.message(), self);
    }
    return json_.emplace(std::move(value));
}

void HttpResponseBase::raise_for_status(const exceptions::ErrorFormat& error_format) const {
    if (status_code_ >= 400)
        throw exceptions::HttpResponseError(std::nullopt, std::const_pointer_cast<HttpResponseBase>(weak_from_this().lock()),
                                            {.error_format = error_format});
}

void HttpResponseBase::set_content(Bytes content) {
    content_ = std::move(content);
    is_stream_consumed_ = true;
    is_closed_ = true;
}

void HttpResponseBase::throw_decode_error(const std::string& what) {
    throw exceptions::DecodeError("Failed to decode the response body: " + what, weak_from_this().lock());
}

void HttpResponseBase::start_stream() {
    if (is_stream_consumed_) throw exceptions::StreamConsumedError(weak_from_this().lock());
    if (is_closed_) throw exceptions::StreamClosedError(weak_from_this().lock());
    is_stream_consumed_ = true;
}

HttpResponseBase::Reading& HttpResponseBase::reading() {
    if (!reading_) reading_ = std::make_unique<Reading>(*this);
    return *reading_;
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
      body_(std::move(body)) {
    if (body_) set_timings(body_->timings());
}

HttpResponse::~HttpResponse() { close(); }

void HttpResponse::pump() {
    while (auto pull = reading().next()) {
        const std::size_t got = body_ ? body_->read_some(*pull->into, pull->max) : 0;
        if (got == 0 && body_ && !is_closed()) set_timings(body_->timings());
        reading().got(got);
    }
}

bool HttpResponse::next_chunk(Bytes& out, std::size_t chunk_size, bool decoded) {
    reading().begin_chunk(out, chunk_size, decoded);
    pump();
    return reading().end_chunk();
}

const Bytes& HttpResponse::read() {
    if (reading().begin_read()) {
        pump();
        reading().end_read();
    }
    return content();
}

ByteChunks HttpResponse::iter_bytes(std::size_t chunk_size) { return ByteChunks(*this, chunk_size_or_default(chunk_size), true); }

ByteChunks HttpResponse::iter_raw(std::size_t chunk_size) { return ByteChunks(*this, chunk_size_or_default(chunk_size), false); }

void HttpResponse::close() {
    HttpResponseBase::close();
    if (body_) body_->close();
}

// ---------------------------------------------------------------------------------------------
ByteChunks::ByteChunks(HttpResponse& response, std::size_t chunk_size, bool decoded)
    : response_(&response), chunk_size_(chunk_size), decoded_(decoded) {
    // Like Python, a consumed or closed stream is reported when iteration is asked for.
    from_content_ = response_->reading().begin_iteration(decoded_);
}

ByteChunks::iterator ByteChunks::begin() {
    if (!fetched_) {
        fetched_ = true;
        advance();
    }
    return iterator(this);
}

void ByteChunks::advance() {
    bool more = from_content_ ? response_->reading().next_content_slice(chunk_, chunk_size_, offset_)
                              : response_->next_chunk(chunk_, chunk_size_, decoded_);
    done_ = !more;
}

BytesView ByteChunks::iterator::operator*() const { return owner_->chunk_; }

ByteChunks::iterator& ByteChunks::iterator::operator++() {
    owner_->advance();
    return *this;
}

}  // namespace azcore::rest
