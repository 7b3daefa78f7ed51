#include "rest/content_decoder.hpp"

#include <azcore/utils/string_utils.hpp>

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace azcore::rest::detail {

ContentDecoder::~ContentDecoder() = default;

namespace {

// The most decoded bytes written into the caller's buffer per codec call (the buffer grows by at
// most this much before the bytes are there).
constexpr std::size_t kOutputStep = 64 * 1024;

// zstd: RFC 9659 caps the window of the "zstd" content coding at 8 MiB (decoders may reject
// more); without the cap libzstd accepts frames asking for 128 MiB.
constexpr int kZstdWindowLogMax = 23;

[[noreturn]] void throw_corrupt(std::string_view coding, std::string_view detail) {
    throw std::runtime_error("Content-Encoding " + std::string(coding) + ": the body is not valid " +
                             std::string(coding) + " data (" + std::string(detail) + ")");
}

[[noreturn]] void throw_truncated(std::string_view coding) {
    throw std::runtime_error("Content-Encoding " + std::string(coding) +
                             ": the body ended before the end of the compressed data (truncated)");
}

// One coding: keeps the input it has not used yet and writes straight into the caller's buffer.
class CodecDecoder : public ContentDecoder {
public:
    void feed(BytesView input) final {
        input_.erase(input_.begin(), input_.begin() + static_cast<std::ptrdiff_t>(used_));
        used_ = 0;
        input_.insert(input_.end(), input.begin(), input.end());
        received_ += input.size();
    }

    std::size_t read(Bytes& out, std::size_t max) final {
        std::size_t produced = 0;
        while (produced < max) {
            const std::size_t room = std::min(max - produced, kOutputStep);
            const std::size_t start = out.size();
            out.resize(start + room);
            const std::size_t written = decode_into(out.data() + start, room);
            out.resize(start + written);
            produced += written;
            if (written < room) break;  // no more output without more input
        }
        return produced;
    }

protected:
    /// Decodes into [at, at + room): until it is full, or until nothing more can come out of the
    /// input fed so far. Returns how many bytes were written.
    virtual std::size_t decode_into(std::uint8_t* at, std::size_t room) = 0;

    BytesView unused() const { return BytesView(input_).subspan(used_); }
    void use(std::size_t count) { used_ += count; }
    void use_all() { used_ = input_.size(); }
    /// Encoded bytes fed so far.
    std::uint64_t received() const { return received_; }

private:
    Bytes input_;
    std::size_t used_ = 0;
    std::uint64_t received_ = 0;
};

// gzip (and x-gzip) with every member of a multi-member file decoded; deflate zlib-wrapped or raw.
class ZlibDecoder final : public CodecDecoder {
public:
    enum class Kind { Gzip, Deflate };

    explicit ZlibDecoder(Kind kind) : kind_(kind) {
        if (kind_ == Kind::Gzip) init(16 + MAX_WBITS);
    }
    ~ZlibDecoder() override {
        if (initialized_) inflateEnd(&stream_);
    }
    ZlibDecoder(const ZlibDecoder&) = delete;
    ZlibDecoder& operator=(const ZlibDecoder&) = delete;

    void finish() override {
        if (received() == 0 || ignore_rest_) return;
        // Only the first gzip member must be whole: later members are accepted as far as they go,
        // like other gzip clients do.
        if (!initialized_ || (!member_complete_ && !other_members_)) throw_truncated(name());
    }

private:
    std::string_view name() const { return kind_ == Kind::Gzip ? "gzip" : "deflate"; }

    void init(int window_bits) {
        if (inflateInit2(&stream_, window_bits) != Z_OK)
            throw std::runtime_error("Content-Encoding " + std::string(name()) + ": zlib could not be initialised");
        initialized_ = true;
    }

    std::size_t decode_into(std::uint8_t* at, std::size_t room) override {
        if (!initialized_) {
            // deflate: the first two bytes tell a zlib header from raw deflate data.
            const BytesView head = unused();
            if (head.size() < 2) return 0;
            const unsigned cmf = head[0];
            const unsigned flg = head[1];
            const bool zlib_wrapped = (cmf & 0x0f) == Z_DEFLATED && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
            init(zlib_wrapped ? MAX_WBITS : -MAX_WBITS);
        }
        stream_.next_out = at;
        stream_.avail_out = static_cast<uInt>(room);  // room <= kOutputStep
        while (stream_.avail_out > 0 && !ignore_rest_) {
            const BytesView input = unused();
            if (member_complete_) {
                if (input.empty()) break;
                if (kind_ == Kind::Deflate) {
                    ignore_rest_ = true;  // data after the end of a deflate stream is ignored
                    break;
                }
                // Another gzip member follows.
                inflateReset(&stream_);
                member_complete_ = false;
                other_members_ = true;
            }
            const uInt offered = static_cast<uInt>(std::min<std::size_t>(input.size(), UINT_MAX));
            stream_.next_in = const_cast<Bytef*>(input.data());
            stream_.avail_in = offered;
            const int result = inflate(&stream_, Z_NO_FLUSH);
            use(offered - stream_.avail_in);
            if (result == Z_STREAM_END) {
                member_complete_ = true;
            } else if (result == Z_BUF_ERROR) {
                break;  // no progress possible: every input byte is used
            } else if (result != Z_OK) {
                if (!other_members_)
                    throw_corrupt(name(), stream_.msg != nullptr ? stream_.msg : "zlib error " + std::to_string(result));
                ignore_rest_ = true;  // trailing garbage after a complete gzip member
            }
        }
        if (ignore_rest_) use_all();
        return room - stream_.avail_out;
    }

    Kind kind_;
    z_stream stream_{};
    bool initialized_ = false;
    bool member_complete_ = false;  // the current member (or deflate stream) has ended
    bool other_members_ = false;    // gzip: decoding a member after the first
    bool ignore_rest_ = false;
};

class BrotliDecoder final : public CodecDecoder {
public:
    BrotliDecoder() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {
        if (state_ == nullptr) throw std::runtime_error("Content-Encoding br: the brotli decoder could not be created");
    }
    ~BrotliDecoder() override { BrotliDecoderDestroyInstance(state_); }
    BrotliDecoder(const BrotliDecoder&) = delete;
    BrotliDecoder& operator=(const BrotliDecoder&) = delete;

    void finish() override {
        if (received() > 0 && !done_) throw_truncated("br");
    }

private:
    std::size_t decode_into(std::uint8_t* at, std::size_t room) override {
        if (done_) {
            use_all();  // data after the end of the brotli stream is ignored
            return 0;
        }
        const BytesView input = unused();
        const std::uint8_t* next_in = input.data();
        std::size_t available_in = input.size();
        std::uint8_t* next_out = at;
        std::size_t available_out = room;
        // One call fills the room, or uses all input: NEEDS_MORE_OUTPUT means no room is left.
        const auto result =
            BrotliDecoderDecompressStream(state_, &available_in, &next_in, &available_out, &next_out, nullptr);
        use(input.size() - available_in);
        if (result == BROTLI_DECODER_RESULT_ERROR)
            throw_corrupt("br", BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_)));
        if (result == BROTLI_DECODER_RESULT_SUCCESS) {
            done_ = true;
            use_all();
        }
        return room - available_out;
    }

    BrotliDecoderState* state_;
    bool done_ = false;
};

class ZstdDecoder final : public CodecDecoder {
public:
    ZstdDecoder() : stream_(ZSTD_createDStream()) {
        if (stream_ == nullptr || ZSTD_isError(ZSTD_initDStream(stream_)) ||
            ZSTD_isError(ZSTD_DCtx_setParameter(stream_, ZSTD_d_windowLogMax, kZstdWindowLogMax))) {
            ZSTD_freeDStream(stream_);
            throw std::runtime_error("Content-Encoding zstd: the zstd decoder could not be created");
        }
    }
    ~ZstdDecoder() override { ZSTD_freeDStream(stream_); }
    ZstdDecoder(const ZstdDecoder&) = delete;
    ZstdDecoder& operator=(const ZstdDecoder&) = delete;

    void finish() override {
        if (received() > 0 && !frame_complete_) throw_truncated("zstd");
    }

private:
    std::size_t decode_into(std::uint8_t* at, std::size_t room) override {
        const BytesView input = unused();
        ZSTD_inBuffer in{input.data(), input.size(), 0};
        ZSTD_outBuffer out{at, room, 0};
        while (out.pos < out.size) {
            const std::size_t in_before = in.pos;
            const std::size_t out_before = out.pos;
            const std::size_t result = ZSTD_decompressStream(stream_, &out, &in);
            if (ZSTD_isError(result)) throw_corrupt("zstd", ZSTD_getErrorName(result));
            const bool progress = in.pos != in_before || out.pos != out_before;
            if (progress) frame_complete_ = result == 0;  // 0: a frame ended and all of it was written out
            // Room left with all input used: the decoder has flushed all it could.
            if (!progress || in.pos == in.size) break;
        }
        use(in.pos);
        return out.pos;
    }

    ZSTD_DStream* stream_;
    bool frame_complete_ = false;
};

// Several codings: the last one applied is decoded first. Each stage pulls from the one before it
// only when it has nothing left to give, a step at a time, so no stage holds more than a step.
class ChainDecoder final : public ContentDecoder {
public:
    explicit ChainDecoder(std::vector<std::unique_ptr<ContentDecoder>> stages)
        : stages_(std::move(stages)), between_(stages_.size()) {}

    void feed(BytesView input) override { stages_.front()->feed(input); }

    std::size_t read(Bytes& out, std::size_t max) override { return read_stage(stages_.size() - 1, out, max); }

    void finish() override {
        // read() returned 0: every stage used all its input; each now has all it will get.
        for (auto& stage : stages_) stage->finish();
    }

private:
    static constexpr std::size_t kStep = 16 * 1024;

    std::size_t read_stage(std::size_t index, Bytes& out, std::size_t max) {
        for (;;) {
            const std::size_t got = stages_[index]->read(out, max);
            if (got > 0 || index == 0) return got;
            Bytes& input = between_[index];
            input.clear();
            if (read_stage(index - 1, input, kStep) == 0) return 0;
            stages_[index]->feed(input);
        }
    }

    std::vector<std::unique_ptr<ContentDecoder>> stages_;  // in decoding order
    std::vector<Bytes> between_;                           // [i]: output of stage i - 1 on its way to stage i
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
