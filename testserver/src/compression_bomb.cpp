#include "compression_bomb.hpp"
#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace azcore::testserver::detail {
namespace {

constexpr std::size_t kSegment = std::size_t(1) << 20;

// An encoder whose output can be flushed to a byte boundary after any input.
class SegmentEncoder {
public:
    virtual ~SegmentEncoder() = default;
    /// Encodes data and flushes: what it returns decodes to data, on its own after what came before.
    virtual std::string flush(std::string_view data) = 0;
    /// Ends the stream whose decoded content is total bytes of zeros.
    virtual std::string finish(std::uint64_t total) = 0;
};

class ZlibSegments final : public SegmentEncoder {
public:
    explicit ZlibSegments(bool gzip) : gzip_(gzip) {
        if (deflateInit2(&z_, 9, Z_DEFLATED, gzip ? 15 + 16 : 15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
            throw std::runtime_error("deflateInit2 failed");
    }
    ~ZlibSegments() override { deflateEnd(&z_); }
    ZlibSegments(const ZlibSegments&) = delete;
    ZlibSegments& operator=(const ZlibSegments&) = delete;

    // Z_FULL_FLUSH also resets the history, so equal segments encode to equal bytes.
    std::string flush(std::string_view data) override { return run(data, Z_FULL_FLUSH); }

    std::string finish(std::uint64_t total) override {
        std::string tail = run({}, Z_FINISH);
        // The trailer zlib wrote covers what this encoder saw; the body's covers total zeros.
        const std::size_t trailer = gzip_ ? 8 : 4;
        tail.resize(tail.size() - trailer);
        const std::string zeros(kSegment, '\0');
        auto checksum = [&](std::uint64_t length) {
            const auto* bytes = reinterpret_cast<const Bytef*>(zeros.data());
            return gzip_ ? crc32(0, bytes, static_cast<uInt>(length)) : adler32(1, bytes, static_cast<uInt>(length));
        };
        uLong check = checksum(total % kSegment);
        const uLong segment = checksum(kSegment);
        for (std::uint64_t i = 0; i < total / kSegment; ++i)
            check = gzip_ ? crc32_combine(check, segment, kSegment) : adler32_combine(check, segment, kSegment);
        if (gzip_) {
            for (int i = 0; i < 4; ++i) tail.push_back(static_cast<char>((check >> (8 * i)) & 0xff));
            for (int i = 0; i < 4; ++i) tail.push_back(static_cast<char>((total >> (8 * i)) & 0xff));
        } else {
            for (int i = 3; i >= 0; --i) tail.push_back(static_cast<char>((check >> (8 * i)) & 0xff));
        }
        return tail;
    }

private:
    std::string run(std::string_view data, int mode) {
        std::string out;
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        z_.avail_in = static_cast<uInt>(data.size());
        char buffer[16384];
        do {
            z_.next_out = reinterpret_cast<Bytef*>(buffer);
            z_.avail_out = sizeof buffer;
            deflate(&z_, mode);
            out.append(buffer, sizeof buffer - z_.avail_out);
        } while (z_.avail_out == 0);
        return out;
    }

    bool gzip_;
    z_stream z_{};
};

class BrotliSegments final : public SegmentEncoder {
public:
    BrotliSegments() : state_(BrotliEncoderCreateInstance(nullptr, nullptr, nullptr)) {
        if (state_ == nullptr) throw std::runtime_error("BrotliEncoderCreateInstance failed");
        BrotliEncoderSetParameter(state_, BROTLI_PARAM_QUALITY, 5);
    }
    ~BrotliSegments() override { BrotliEncoderDestroyInstance(state_); }
    BrotliSegments(const BrotliSegments&) = delete;
    BrotliSegments& operator=(const BrotliSegments&) = delete;

    std::string flush(std::string_view data) override { return run(data, BROTLI_OPERATION_FLUSH); }
    std::string finish(std::uint64_t) override { return run({}, BROTLI_OPERATION_FINISH); }

private:
    std::string run(std::string_view data, BrotliEncoderOperation operation) {
        std::string out;
        const auto* next_in = reinterpret_cast<const std::uint8_t*>(data.data());
        std::size_t available_in = data.size();
        do {
            std::uint8_t buffer[16384];
            std::uint8_t* next_out = buffer;
            std::size_t available_out = sizeof buffer;
            if (!BrotliEncoderCompressStream(state_, operation, &available_in, &next_in, &available_out, &next_out, nullptr))
                throw std::runtime_error("BrotliEncoderCompressStream failed");
            out.append(reinterpret_cast<char*>(buffer), sizeof buffer - available_out);
        } while (available_in > 0 || BrotliEncoderHasMoreOutput(state_) ||
                 (operation == BROTLI_OPERATION_FINISH && !BrotliEncoderIsFinished(state_)));
        return out;
    }

    BrotliEncoderState* state_;
};

class ZstdSegments final : public SegmentEncoder {
public:
    ZstdSegments() : context_(ZSTD_createCCtx()) {
        if (context_ == nullptr) throw std::runtime_error("ZSTD_createCCtx failed");
    }
    ~ZstdSegments() override { ZSTD_freeCCtx(context_); }
    ZstdSegments(const ZstdSegments&) = delete;
    ZstdSegments& operator=(const ZstdSegments&) = delete;

    std::string flush(std::string_view data) override { return run(data, ZSTD_e_flush); }
    std::string finish(std::uint64_t) override { return run({}, ZSTD_e_end); }

private:
    std::string run(std::string_view data, ZSTD_EndDirective mode) {
        std::string out;
        ZSTD_inBuffer in{data.data(), data.size(), 0};
        std::size_t left = 0;
        do {
            char buffer[16384];
            ZSTD_outBuffer output{buffer, sizeof buffer, 0};
            left = ZSTD_compressStream2(context_, &output, &in, mode);
            if (ZSTD_isError(left)) throw std::runtime_error("ZSTD_compressStream2 failed");
            out.append(buffer, output.pos);
        } while (left != 0);
        return out;
    }

    ZSTD_CCtx* context_;
};

std::unique_ptr<SegmentEncoder> segment_encoder(std::string_view coding) {
    if (coding == "gzip") return std::make_unique<ZlibSegments>(true);
    if (coding == "deflate") return std::make_unique<ZlibSegments>(false);
    if (coding == "br") return std::make_unique<BrotliSegments>();
    if (coding == "zstd") return std::make_unique<ZstdSegments>();
    return nullptr;
}

std::string build_bomb(SegmentEncoder& encoder, std::uint64_t size) {
    const std::string zeros(kSegment, '\0');
    const std::uint64_t first = size % kSegment == 0 ? std::min<std::uint64_t>(size, kSegment) : size % kSegment;
    std::string body = encoder.flush(std::string_view(zeros).substr(0, first));
    std::string previous;
    for (std::uint64_t left = (size - first) / kSegment; left > 0; --left) {
        std::string unit = encoder.flush(zeros);
        if (unit == previous) {
            // Two segments in a row encoded alike: the encoder has settled, every next one will too.
            body.reserve(body.size() + unit.size() * left + 64);
            for (; left > 0; --left) body += unit;
            break;
        }
        body += unit;
        previous = std::move(unit);
    }
    return body + encoder.finish(size);
}

}  // namespace

std::optional<std::string> zeros_bomb(std::string_view coding, std::uint64_t size) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::uint64_t>, std::string> cache;
    auto encoder = segment_encoder(coding);
    if (!encoder) return std::nullopt;
    std::lock_guard lock(mutex);
    std::pair<std::string, std::uint64_t> key{coding, size};
    if (auto found = cache.find(key); found != cache.end()) return found->second;
    return cache.emplace(std::move(key), build_bomb(*encoder, size)).first->second;
}

}  // namespace azcore::testserver::detail
