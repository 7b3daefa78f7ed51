#include "compression.hpp"

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include <stdexcept>

namespace azcore::testserver::detail {
namespace {

std::string zlib_compress(std::string_view data, int window_bits) {
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
    return out;
}

std::string brotli_compress(std::string_view data) {
    std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
    std::string out(size == 0 ? data.size() + 1024 : size, '\0');
    std::size_t written = out.size();
    if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                               reinterpret_cast<const std::uint8_t*>(data.data()), &written,
                               reinterpret_cast<std::uint8_t*>(out.data()))) {
        throw std::runtime_error("BrotliEncoderCompress failed");
    }
    out.resize(written);
    return out;
}

std::string zstd_compress(std::string_view data) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    std::size_t written = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
    if (ZSTD_isError(written)) throw std::runtime_error("ZSTD_compress failed");
    out.resize(written);
    return out;
}

}  // namespace

std::optional<std::string> compress(std::string_view data, std::string_view coding) {
    if (coding == "gzip") return zlib_compress(data, 15 + 16);
    if (coding == "deflate") return zlib_compress(data, 15);
    if (coding == "br") return brotli_compress(data);
    if (coding == "zstd") return zstd_compress(data);
    if (coding == "identity") return std::string(data);
    return std::nullopt;
}

std::optional<std::string> corrupt_payload(std::string_view coding) {
    // 0xFF first: not a gzip magic, an invalid zlib header, an invalid zstd magic, and for brotli a
    // window size code that is reserved; the rest is filler.
    if (coding != "gzip" && coding != "deflate" && coding != "br" && coding != "zstd") return std::nullopt;
    std::string out(16, '\xFF');
    out += "this is not ";
    out += coding;
    out += " data, it is garbage";
    return out;
}

}  // namespace azcore::testserver::detail
