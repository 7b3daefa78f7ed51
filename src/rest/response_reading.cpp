#include "rest/response_reading.hpp"

#include <azcore/exceptions.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace azcore::rest {
namespace {

/// The most read() asks the transport for at once.
constexpr std::size_t read_all_step = std::size_t(1) << 20;

}  // namespace

detail::ContentDecoder* HttpResponseBase::Reading::decoder() {
    if (!decoder_created_) {
        decoder_created_ = true;
        if (const std::string* coding = response_.headers_.find("Content-Encoding")) decoder_ = detail::ContentDecoder::create(*coding);
    }
    return decoder_.get();
}

bool HttpResponseBase::Reading::begin_read() {
    if (response_.content_) return false;
    response_.start_stream();
    goal_ = Goal::all;
    decode_ = decoder() != nullptr;
    fill_ = true;
    out_ = &read_buffer_;
    // One past max_decoded_size, to see it exceeded.
    constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
    const std::size_t limit = response_.max_decoded_size_;
    target_ = !decode_ || limit == 0 || limit == unlimited ? unlimited : limit + 1;
    step_ = read_all_step;
    pulled_ = false;
    return true;
}

void HttpResponseBase::Reading::end_read() {
    goal_ = Goal::none;
    const std::size_t limit = response_.max_decoded_size_;
    if (decode_ && limit != 0 && read_buffer_.size() > limit) {
        Bytes().swap(read_buffer_);
        response_.close();
        response_.throw_decode_error("the decoded body exceeds max_decoded_size (" + std::to_string(limit) + " bytes)");
    }
    response_.content_ = std::move(read_buffer_);
    read_buffer_ = Bytes();
    response_.close();
}

bool HttpResponseBase::Reading::begin_iteration(bool decoded) {
    if (decoded && response_.content_) return true;
    response_.start_stream();
    return false;
}

bool HttpResponseBase::Reading::next_content_slice(Bytes& out, std::size_t chunk_size, std::size_t& offset) const {
    const Bytes& body = *response_.content_;
    if (offset >= body.size()) return false;
    std::size_t n = std::min(chunk_size, body.size() - offset);
    out.assign(body.begin() + static_cast<std::ptrdiff_t>(offset), body.begin() + static_cast<std::ptrdiff_t>(offset + n));
    offset += n;
    return true;
}

void HttpResponseBase::Reading::begin_chunk(Bytes& out, std::size_t chunk_size, bool decoded) {
    out.clear();
    goal_ = Goal::chunk;
    decode_ = decoded && decoder() != nullptr;
    fill_ = decoded;
    out_ = &out;
    target_ = chunk_size;
    step_ = chunk_size;
    pulled_ = false;
}

bool HttpResponseBase::Reading::end_chunk() {
    goal_ = Goal::none;
    if (!out_->empty()) return true;
    response_.close();
    return false;
}

std::optional<HttpResponseBase::Reading::Pull> HttpResponseBase::Reading::next() {
    if (goal_ == Goal::none) return std::nullopt;
    if (decode_) {
        if (pulled_) feed_raw();
        pulled_ = false;
        if (!decode_more()) return std::nullopt;
        raw_.clear();
        pulled_ = true;
        return Pull{&raw_, step_};
    }
    // Straight from the transport into the goal's buffer, not through the decoder.
    if (pulled_ && (last_got_ == 0 || !fill_ || out_->size() >= target_)) return std::nullopt;
    pulled_ = true;
    return Pull{out_, std::min(step_, target_ - out_->size())};
}

void HttpResponseBase::Reading::got(std::size_t n) { last_got_ = n; }

bool HttpResponseBase::Reading::decode_more() {
    try {
        while (out_->size() < target_) {
            if (decoder_->read(*out_, target_ - out_->size()) == 0) return !decoded_to_end_;
        }
    } catch (const std::runtime_error& error) {
        response_.throw_decode_error(error.what());
    }
    return false;
}

void HttpResponseBase::Reading::feed_raw() {
    try {
        if (!raw_.empty()) {
            decoder_->feed(raw_);
        } else {
            decoded_to_end_ = true;
            decoder_->finish();
        }
    } catch (const std::runtime_error& error) {
        response_.throw_decode_error(error.what());
    }
}

}  // namespace azcore::rest
