// Content decoders: the input's first line is a Content-Encoding value ("gzip", "br", "zstd",
// "deflate", lists like "gzip, br"), the rest the body. Decoding either gives bytes or throws
// std::runtime_error; nothing else escapes. A zlib-compressed copy of the body (gzip, and raw
// deflate) decodes back to the body exactly.
#include "fuzz_support.hpp"

#include "rest/content_decoder.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace {

using azcore::Bytes;
using azcore::BytesView;

// A decompression bomb stops here instead of exhausting the fuzzer's memory.
constexpr std::size_t max_output = 1 << 20;

// The one call site of the decoder API. Fed a byte at a time and read in steps of at most 4 KiB,
// each of which must keep to its bound, stopping at max_output.
std::optional<Bytes> decode(std::string_view encoding, BytesView body) {
    auto decoder = azcore::rest::detail::ContentDecoder::create(encoding);
    if (!decoder) return Bytes(body.begin(), body.end());
    Bytes out;
    const auto drain = [&] {
        for (;;) {
            const std::size_t before = out.size();
            const std::size_t n = decoder->read(out, 4096);
            AZCORE_FUZZ_CHECK(n <= 4096 && out.size() == before + n);
            if (n == 0 || out.size() > max_output) return;
        }
    };
    try {
        for (std::size_t at = 0; at < body.size(); ++at) {
            decoder->feed(body.subspan(at, 1));
            drain();
            if (out.size() > max_output) return out;
        }
        decoder->finish();
    } catch (const std::runtime_error&) {
        return std::nullopt;
    }
    return out;
}

Bytes compress(BytesView body, int window_bits) {
    z_stream stream{};
    AZCORE_FUZZ_CHECK(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    Bytes out(deflateBound(&stream, body.size()) + 32);
    stream.next_in = const_cast<Bytes::value_type*>(body.data());
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = out.data();
    stream.avail_out = static_cast<uInt>(out.size());
    AZCORE_FUZZ_CHECK(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [encoding, rest] = azcore::fuzz::first_line(azcore::fuzz::as_text(data, size));
    const BytesView body(reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size());
    decode(encoding, body);

    AZCORE_FUZZ_CHECK(decode("gzip", compress(body, 16 + MAX_WBITS)) == Bytes(body.begin(), body.end()));
    AZCORE_FUZZ_CHECK(decode("deflate", compress(body, -MAX_WBITS)) == Bytes(body.begin(), body.end()));
    return 0;
}
