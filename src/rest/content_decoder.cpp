#include "rest/content_decoder.hpp"

#include <azcore/utils/string_utils.hpp>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace azcore::rest::detail {

ContentDecoder::~ContentDecoder() = default;

namespace {

// Decoded bytes are written straight into the caller's buffer, grown by this much at a time.
constexpr std::size_t kOutputStep = 16 * 1024;

// Makes room for kOutputStep more bytes at the end of out; returns where they start.
std::uint8_t* grow(Bytes& out) {
    const std::size_t used = out.size();
    out.resize(used + kOutputStep);
    return out.data() + used;
}

// Gives back the unused tail of the room made by grow().
void shrink(Bytes& out, std::size_t unused) { out.resize(out.size() - unused); }

[[noreturn]] void throw_corrupt(std::string_view coding, std::string_view detail) {
    throw std::runtime_error("Content-Encoding " + std::string(coding) + ": the body is not valid " +
                             std::string(coding) + " data (" + std::string(detail) + ")");
}

[[noreturn]] void throw_truncated(std::string_view coding) {
    throw std::runtime_error("Content-Encoding " + std::string(coding) +
                             ": the body ended before the end of the compressed data (truncated)");
}

// gzip (and x-gzip) with every member of a multi-member file decoded; deflate zlib-wrapped or raw.
class ZlibDecoder final : public ContentDecoder {
public:
    enum class Kind { Gzip, Deflate };

    explicit ZlibDecoder(Kind kind) : kind_(kind) {
        if (kind_ == Kind::Gzip) {
            init(16 + MAX_WBITS);
        }
    }

    ~ZlibDecoder() override {
        if (initialized_) {
            inflateEnd(&stream_);
        }
    }
    ZlibDecoder(const ZlibDecoder&) = delete;
    ZlibDecoder& operator=(const ZlibDecoder&) = delete;

    void decode(BytesView input, Bytes& out) override {
        if (input.empty() || ignore_rest_) {
            return;
        }
        received_ += input.size();
        if (!initialized_) {
            // deflate: the first two bytes tell a zlib header from raw deflate data.
            header_.insert(header_.end(), input.begin(), input.end());
            if (header_.size() < 2) {
                return;
            }
            const unsigned cmf = header_[0];
            const unsigned flg = header_[1];
            const bool zlib_wrapped = (cmf & 0x0f) == Z_DEFLATED && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
            init(zlib_wrapped ? MAX_WBITS : -MAX_WBITS);
            const Bytes pending = std::move(header_);
            header_.clear();
            inflate_some(pending, out);
            return;
        }
        inflate_some(input, out);
    }

    void finish(Bytes& /*out*/) override {
        if (received_ == 0 || ignore_rest_) {
            return;
        }
        if (!initialized_) {
            throw_truncated(name());
        }
        // Only the first gzip member must be whole: later members are accepted as far as they go,
        // like other gzip clients do.
        if (!member_complete_ && !other_members_) {
            throw_truncated(name());
        }
    }

private:
    std::string_view name() const { return kind_ == Kind::Gzip ? "gzip" : "deflate"; }

    void init(int window_bits) {
        if (inflateInit2(&stream_, window_bits) != Z_OK) {
            throw std::runtime_error("Content-Encoding " + std::string(name()) + ": zlib could not be initialised");
        }
        initialized_ = true;
    }

    void inflate_some(BytesView input, Bytes& out) {
        stream_.next_in = const_cast<Bytef*>(input.data());
        stream_.avail_in = static_cast<uInt>(input.size());
        bool output_full = false;
        do {
            if (member_complete_) {
                if (kind_ == Kind::Deflate) {
                    ignore_rest_ = true;  // data after the end of a deflate stream is ignored
                    return;
                }
                // Another gzip member follows.
                inflateReset(&stream_);
                member_complete_ = false;
                other_members_ = true;
            }
            stream_.next_out = grow(out);
            stream_.avail_out = static_cast<uInt>(kOutputStep);
            const int result = inflate(&stream_, Z_NO_FLUSH);
            output_full = stream_.avail_out == 0;
            shrink(out, stream_.avail_out);
            if (result == Z_STREAM_END) {
                member_complete_ = true;
                continue;
            }
            if (result == Z_OK) {
                continue;
            }
            if (result == Z_BUF_ERROR) {
                break;  // no progress possible: every input byte is used
            }
            if (other_members_) {
                ignore_rest_ = true;  // trailing garbage after a complete gzip member
                return;
            }
            throw_corrupt(name(), stream_.msg != nullptr ? stream_.msg : "zlib error " + std::to_string(result));
        } while (stream_.avail_in > 0 || (output_full && !member_complete_));
    }

    Kind kind_;
    z_stream stream_{};
    bool initialized_ = false;
    Bytes header_;                 // deflate: bytes held until the header is known
    std::uint64_t received_ = 0;
    bool member_complete_ = false; // the current member (or deflate stream) has ended
    bool other_members_ = false;   // gzip: decoding a member after the first
    bool ignore_rest_ = false;
};

class BrotliDecoder final : public ContentDecoder {
public:
    BrotliDecoder() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {
        if (state_ == nullptr) {
            throw std::runtime_error("Content-Encoding br: the brotli decoder could not be created");
        }
    }
    ~BrotliDecoder() override { BrotliDecoderDestroyInstance(state_); }
    BrotliDecoder(const BrotliDecoder&) = delete;
    BrotliDecoder& operator=(const BrotliDecoder&) = delete;

    void decode(BytesView input, Bytes& out) override {
        if (input.empty() || done_) {
            return;  // data after the end of the brotli stream is ignored
        }
        received_ += input.size();
        const std::uint8_t* next_in = input.data();
        std::size_t available_in = input.size();
        for (;;) {
            std::uint8_t* next_out = grow(out);
            std::size_t available_out = kOutputStep;
            const auto result =
                BrotliDecoderDecompressStream(state_, &available_in, &next_in, &available_out, &next_out, nullptr);
            shrink(out, available_out);
            if (result == BROTLI_DECODER_RESULT_ERROR) {
                throw_corrupt("br", BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_)));
            }
            if (result == BROTLI_DECODER_RESULT_SUCCESS) {
                done_ = true;
                return;
            }
            if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
                return;
            }
            // BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: go round with more room.
        }
    }

    void finish(Bytes& /*out*/) override {
        if (received_ > 0 && !done_) {
            throw_truncated("br");
        }
    }

private:
    BrotliDecoderState* state_;
    std::uint64_t received_ = 0;
    bool done_ = false;
};

class ZstdDecoder final : public ContentDecoder {
public:
    ZstdDecoder() : stream_(ZSTD_createDStream()) {
        if (stream_ == nullptr || ZSTD_isError(ZSTD_initDStream(stream_))) {
            ZSTD_freeDStream(stream_);
            throw std::runtime_error("Content-Encoding zstd: the zstd decoder could not be created");
        }
    }
    ~ZstdDecoder() override { ZSTD_freeDStream(stream_); }
    ZstdDecoder(const ZstdDecoder&) = delete;
    ZstdDecoder& operator=(const ZstdDecoder&) = delete;

    void decode(BytesView input, Bytes& out) override {
        if (input.empty()) {
            return;
        }
        received_ += input.size();
        ZSTD_inBuffer in{input.data(), input.size(), 0};
        for (;;) {
            ZSTD_outBuffer output{grow(out), kOutputStep, 0};
            const std::size_t consumed_before = in.pos;
            const std::size_t result = ZSTD_decompressStream(stream_, &output, &in);
            shrink(out, kOutputStep - output.pos);
            if (ZSTD_isError(result)) {
                throw_corrupt("zstd", ZSTD_getErrorName(result));
            }
            if (in.pos != consumed_before || output.pos != 0) {
                frame_complete_ = result == 0;  // 0: a frame ended and all of it was written out
            }
            if (in.pos == in.size && (output.pos < output.size || result == 0)) {
                return;  // every input byte used and everything it held written out
            }
        }
    }

    void finish(Bytes& /*out*/) override {
        if (received_ > 0 && !frame_complete_) {
            throw_truncated("zstd");
        }
    }

private:
    ZSTD_DStream* stream_;
    std::uint64_t received_ = 0;
    bool frame_complete_ = false;
};

// Several codings: the last one applied is decoded first.
class ChainDecoder final : public ContentDecoder {
public:
    explicit ChainDecoder(std::vector<std::unique_ptr<ContentDecoder>> stages)
        : stages_(std::move(stages)), buffers_(stages_.size()) {}

    void decode(BytesView input, Bytes& out) override {
        BytesView current = input;
        for (std::size_t i = 0; i + 1 < stages_.size(); ++i) {
            buffers_[i].clear();
            stages_[i]->decode(current, buffers_[i]);
            current = buffers_[i];
        }
        stages_.back()->decode(current, out);
    }

    void finish(Bytes& out) override {
        Bytes carried;
        for (auto& stage : stages_) {
            Bytes produced;
            stage->decode(carried, produced);
            stage->finish(produced);
            carried = std::move(produced);
        }
        out.insert(out.end(), carried.begin(), carried.end());
    }

private:
    std::vector<std::unique_ptr<ContentDecoder>> stages_;  // in decoding order
    std::vector<Bytes> buffers_;
};

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::unique_ptr<ContentDecoder> create_one(std::string_view coding) {
    if (utils::iequals(coding, "gzip") || utils::iequals(coding, "x-gzip")) {
        return std::make_unique<ZlibDecoder>(ZlibDecoder::Kind::Gzip);
    }
    if (utils::iequals(coding, "deflate")) {
        return std::make_unique<ZlibDecoder>(ZlibDecoder::Kind::Deflate);
    }
    if (utils::iequals(coding, "br")) {
        return std::make_unique<BrotliDecoder>();
    }
    if (utils::iequals(coding, "zstd")) {
        return std::make_unique<ZstdDecoder>();
    }
    return nullptr;
}

}  // namespace

std::unique_ptr<ContentDecoder> ContentDecoder::create(std::string_view content_encoding) {
    std::vector<std::unique_ptr<ContentDecoder>> stages;  // in the order the codings were applied
    std::size_t start = 0;
    while (start <= content_encoding.size()) {
        auto comma = content_encoding.find(',', start);
        if (comma == std::string_view::npos) {
            comma = content_encoding.size();
        }
        const std::string_view coding = trim(content_encoding.substr(start, comma - start));
        start = comma + 1;
        if (coding.empty() || utils::iequals(coding, "identity")) {
            continue;
        }
        auto stage = create_one(coding);
        if (!stage) {
            return nullptr;  // a coding we can't undo: hand the body over as it came
        }
        stages.push_back(std::move(stage));
    }
    if (stages.empty()) {
        return nullptr;
    }
    if (stages.size() == 1) {
        return std::move(stages.front());
    }
    std::reverse(stages.begin(), stages.end());
    return std::make_unique<ChainDecoder>(std::move(stages));
}

}  // namespace azcore::rest::detail
