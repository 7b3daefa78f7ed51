#include "../../../src/rest/content_decoder.hpp"

#include "support/process_stats.hpp"
#include "../../../testserver/src/compression.hpp"
#include "../../../testserver/src/compression_bomb.hpp"

#include <gtest/gtest.h>

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using azcore::Bytes;
using azcore::BytesView;
using azcore::rest::detail::ContentDecoder;

// "Azure Core for C++: brotli round trip. " 40 times, compressed by BrotliEncoderCompress (quality 11):
// the unit tests do not link the brotli encoder.
const Bytes kBrotliBlob{0x1b, 0x17, 0x06, 0xf8, 0x45, 0x37, 0x97, 0xea, 0xba, 0xa1, 0xd9, 0xc4, 0xd4, 0x04, 0x05, 0xe1,
                        0x30, 0x18, 0x7f, 0x79, 0x0a, 0xb2, 0x91, 0x61, 0x69, 0xc3, 0x3a, 0x26, 0x85, 0xf8, 0x4f, 0x8d,
                        0xa4, 0x1a, 0x43, 0x21, 0xcd, 0x1c, 0x25, 0xde, 0xb3, 0x75, 0xec, 0xf9, 0xab, 0x01};

std::string brotli_text() {
    std::string text;
    for (int i = 0; i < 40; ++i) {
        text += "Azure Core for C++: brotli round trip. ";
    }
    return text;
}

// Text that compresses but is not trivial: numbered lines.
std::string sample_text(std::size_t lines = 2000) {
    std::string text;
    for (std::size_t i = 0; i < lines; ++i) {
        text += "line " + std::to_string(i) + ": the quick brown fox jumps over the lazy dog\n";
    }
    return text;
}

// window_bits: 15 + 16 = gzip, 15 = zlib-wrapped deflate, -15 = raw deflate.
Bytes zlib_compress(std::string_view text, int window_bits) {
    z_stream stream{};
    EXPECT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    Bytes out(deflateBound(&stream, static_cast<uLong>(text.size())) + 64);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = out.data();
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

Bytes gzip(std::string_view text) { return zlib_compress(text, 15 + 16); }

Bytes zstd_compress(std::string_view text) {
    Bytes out(ZSTD_compressBound(text.size()));
    const std::size_t size = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
    EXPECT_FALSE(ZSTD_isError(size));
    out.resize(size);
    return out;
}

// Feeds input in pieces; after each, reads until the decoder has nothing more, at most max bytes
// per read (checked).
std::string decode_in_pieces(ContentDecoder& decoder, BytesView input, std::size_t piece, std::size_t max = 4096) {
    Bytes out;
    auto drain = [&] {
        for (;;) {
            const std::size_t before = out.size();
            const std::size_t got = decoder.read(out, max);
            EXPECT_LE(got, max);
            EXPECT_EQ(out.size() - before, got);
            if (got == 0) return;
        }
    };
    for (std::size_t at = 0; at < input.size(); at += piece) {
        decoder.feed(input.subspan(at, std::min(piece, input.size() - at)));
        drain();
    }
    decoder.finish();
    return std::string(azcore::as_string_view(out));
}

std::string decode(std::string_view coding, BytesView input, std::size_t piece, std::size_t max = 4096) {
    auto decoder = ContentDecoder::create(coding);
    EXPECT_NE(decoder, nullptr) << coding;
    return decoder ? decode_in_pieces(*decoder, input, piece, max) : std::string();
}

// Feeds all of input and reads until the decoder has nothing more (std::runtime_error passes through).
void feed_and_drain(ContentDecoder& decoder, BytesView input) {
    decoder.feed(input);
    Bytes out;
    while (decoder.read(out, 4096) > 0) out.clear();
}

struct RoundTrip {
    std::string coding;
    Bytes encoded;
    std::string text;
};

class ContentDecoderRoundTrip : public ::testing::TestWithParam<std::string> {
protected:
    RoundTrip make() const {
        const std::string& coding = GetParam();
        if (coding == "br") {
            return {coding, kBrotliBlob, brotli_text()};
        }
        const std::string text = sample_text();
        if (coding == "gzip" || coding == "x-gzip") {
            return {coding, gzip(text), text};
        }
        if (coding == "deflate") {
            return {coding, zlib_compress(text, 15), text};
        }
        if (coding == "deflate (raw)") {
            return {"deflate", zlib_compress(text, -15), text};
        }
        return {coding, zstd_compress(text), text};
    }
};

TEST_P(ContentDecoderRoundTrip, DecodesTheBodyFedInOnePiece) {
    const RoundTrip trip = make();
    EXPECT_EQ(decode(trip.coding, trip.encoded, trip.encoded.size()), trip.text);
}

TEST_P(ContentDecoderRoundTrip, DecodesTheBodyFedOneByteAtATime) {
    const RoundTrip trip = make();
    EXPECT_EQ(decode(trip.coding, trip.encoded, 1), trip.text);
}

TEST_P(ContentDecoderRoundTrip, DecodesTheBodyFedIn4KiBChunks) {
    const RoundTrip trip = make();
    EXPECT_EQ(decode(trip.coding, trip.encoded, 4096), trip.text);
}

TEST_P(ContentDecoderRoundTrip, NeverReadsMoreThanAskedFor) {
    const RoundTrip trip = make();
    EXPECT_EQ(decode(trip.coding, trip.encoded, trip.encoded.size(), 1), trip.text);
    EXPECT_EQ(decode(trip.coding, trip.encoded, 7, 13), trip.text);
}

TEST_P(ContentDecoderRoundTrip, ThrowsAtFinishWhenTheBodyIsTruncated) {
    const RoundTrip trip = make();
    auto decoder = ContentDecoder::create(trip.coding);
    ASSERT_NE(decoder, nullptr);
    feed_and_drain(*decoder, BytesView(trip.encoded).first(trip.encoded.size() / 2));
    EXPECT_THROW(decoder->finish(), std::runtime_error);
}

TEST_P(ContentDecoderRoundTrip, AcceptsAnEmptyBody) {
    const RoundTrip trip = make();
    EXPECT_EQ(decode(trip.coding, BytesView{}, 1), "");
}

INSTANTIATE_TEST_SUITE_P(EachCoding, ContentDecoderRoundTrip,
                         ::testing::Values("gzip", "x-gzip", "deflate", "deflate (raw)", "br", "zstd"),
                         [](const auto& info) {
                             std::string name;
                             for (char c : info.param) {
                                 if (std::isalnum(static_cast<unsigned char>(c))) {
                                     name += c;
                                 }
                             }
                             return name;
                         });

TEST(ContentDecoder, HasNothingToDoForIdentityOrNoEncoding) {
    EXPECT_EQ(ContentDecoder::create(""), nullptr);
    EXPECT_EQ(ContentDecoder::create("identity"), nullptr);
    EXPECT_EQ(ContentDecoder::create(" , identity "), nullptr);
}

TEST(ContentDecoder, PassesAnUnknownCodingThrough) {
    EXPECT_EQ(ContentDecoder::create("compress"), nullptr);
    EXPECT_EQ(ContentDecoder::create("gzip, snappy"), nullptr);
}

TEST(ContentDecoder, CodingNamesIgnoreCaseAndSpaces) {
    const std::string text = sample_text(10);
    EXPECT_EQ(decode(" GZip ", gzip(text), 100), text);
}

TEST(ContentDecoder, DecodesAListOfCodingsInReverseOrder) {
    // Content-Encoding: br, gzip — brotli applied first, then gzip.
    EXPECT_EQ(decode("br, gzip", gzip(azcore::as_string_view(kBrotliBlob)), 3), brotli_text());
    const std::string text = sample_text(100);
    const Bytes zstd_then_gzip = gzip(azcore::as_string_view(zstd_compress(text)));
    EXPECT_EQ(decode("zstd,gzip", zstd_then_gzip, 1), text);
    EXPECT_EQ(decode("zstd, identity, gzip", zstd_then_gzip, 4096), text);
}

TEST(ContentDecoder, ATruncatedListOfCodingsThrowsAtFinish) {
    const Bytes both = gzip(azcore::as_string_view(zstd_compress(sample_text(100))));
    auto decoder = ContentDecoder::create("zstd, gzip");
    feed_and_drain(*decoder, BytesView(both).first(both.size() - 10));
    EXPECT_THROW(decoder->finish(), std::runtime_error);
}

TEST(ContentDecoder, DecodesEveryMemberOfAMultiMemberGzipBody) {
    Bytes body = gzip("first member, ");
    const Bytes second = gzip("second member");
    body.insert(body.end(), second.begin(), second.end());
    EXPECT_EQ(decode("gzip", body, body.size()), "first member, second member");
    EXPECT_EQ(decode("gzip", body, 1), "first member, second member");
}

TEST(ContentDecoder, IgnoresGarbageAfterACompleteGzipMember) {
    Bytes body = gzip("payload");
    const std::string garbage = "\0\0\0garbage";
    body.insert(body.end(), garbage.begin(), garbage.end());
    EXPECT_EQ(decode("gzip", body, body.size()), "payload");
}

TEST(ContentDecoder, ThrowsOnCorruptGzip) {
    Bytes body = gzip(sample_text(50));
    for (std::size_t i = 10; i < 40; ++i) {
        body[i] ^= 0x5a;
    }
    auto decoder = ContentDecoder::create("gzip");
    EXPECT_THROW(
        {
            feed_and_drain(*decoder, body);
            decoder->finish();
        },
        std::runtime_error);
}

TEST(ContentDecoder, ThrowsOnDataThatIsNotGzipAtAll) {
    auto decoder = ContentDecoder::create("gzip");
    try {
        feed_and_drain(*decoder, azcore::to_bytes("plain text, not gzip"));
        FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("gzip"), std::string::npos) << error.what();
    }
}

TEST(ContentDecoder, ThrowsOnCorruptBrotli) {
    Bytes body = kBrotliBlob;
    body[5] ^= 0xff;
    body[6] ^= 0xff;
    auto decoder = ContentDecoder::create("br");
    EXPECT_THROW(
        {
            feed_and_drain(*decoder, body);
            decoder->finish();
        },
        std::runtime_error);
}

TEST(ContentDecoder, ThrowsOnCorruptZstd) {
    auto decoder = ContentDecoder::create("zstd");
    EXPECT_THROW(feed_and_drain(*decoder, azcore::to_bytes("definitely not a zstd frame")), std::runtime_error);
}

TEST(ContentDecoder, ThrowsOnCorruptDeflate) {
    auto decoder = ContentDecoder::create("deflate");
    // A valid zlib header (0x78 0x9c) followed by an invalid block type.
    EXPECT_THROW(feed_and_drain(*decoder, Bytes{0x78, 0x9c, 0xff, 0xff, 0xff, 0xff}), std::runtime_error);
}

TEST(ContentDecoder, StreamsOutputAsInputArrivesInsteadOfBufferingTheBody) {
    // 4 MiB of pseudo-random words fed 4 KiB at a time: decoded bytes come out along the way.
    std::string text;
    std::uint32_t state = 12345;
    while (text.size() < 4u * 1024 * 1024) {
        state = state * 1103515245u + 12345u;
        text.push_back((state >> 16) % 9 == 0 ? ' ' : static_cast<char>('a' + (state >> 20) % 26));
    }
    for (const std::string coding : {"gzip", "zstd"}) {
        const Bytes encoded = coding == "gzip" ? gzip(text) : zstd_compress(text);
        auto decoder = ContentDecoder::create(coding);
        std::size_t total = 0;
        std::size_t feeds_with_output = 0;
        Bytes out;
        for (std::size_t at = 0; at < encoded.size(); at += 4096) {
            decoder->feed(BytesView(encoded).subspan(at, std::min<std::size_t>(4096, encoded.size() - at)));
            std::size_t got = 0;
            while (std::size_t n = decoder->read(out, 64 * 1024)) got += n;
            total += got;
            feeds_with_output += got == 0 ? 0 : 1;
            out.clear();
        }
        decoder->finish();
        EXPECT_EQ(total, text.size()) << coding;
        EXPECT_GE(feeds_with_output, text.size() / (256u * 1024)) << coding;  // zstd: a 128 KiB block at a time
    }
}

// The bombs of the test server's /bomb route: 1 GiB of zeros in 13 KiB (br) to 1 MiB (gzip).
Bytes bomb(std::string_view codings, std::uint64_t size) {
    std::optional<std::string> body;
    std::size_t start = 0;
    while (start <= codings.size()) {
        const std::size_t comma = std::min(codings.find(',', start), codings.size());
        const std::string coding(codings.substr(start, comma - start));
        body = body ? azcore::testserver::detail::compress(*body, coding) : azcore::testserver::detail::zeros_bomb(coding, size);
        EXPECT_TRUE(body.has_value()) << coding;
        start = comma + 1;
    }
    return body ? azcore::to_bytes(*body) : Bytes();
}

// Content-Encoding lists codings in the order they were applied.
const std::vector<std::string> kBombCodings = {"gzip", "deflate", "br", "zstd", "gzip,gzip", "br,gzip", "zstd,br"};

TEST(ContentDecoder, DecodesABombOnlyAsFarAsItIsRead) {
    for (const std::string& coding : kBombCodings) {
        const Bytes body = bomb(coding, std::uint64_t(1) << 30);
        auto decoder = ContentDecoder::create(coding);
        ASSERT_NE(decoder, nullptr) << coding;
        azcore::test::PeakRss peak;
        decoder->feed(body);  // all of it at once: 1 GiB of zeros is waiting
        Bytes out;
        for (int i = 0; i < 3; ++i) {
            out.clear();
            EXPECT_EQ(decoder->read(out, 4096), 4096u) << coding;
            EXPECT_EQ(out, Bytes(4096, 0)) << coding;
        }
        EXPECT_LT(peak.growth(), 32 << 20) << coding;
    }
}

TEST(ContentDecoder, ReadsABombToItsEndInBoundedSteps) {
    const std::uint64_t size = (std::uint64_t(16) << 20) + 17;
    for (const std::string& coding : kBombCodings) {
        auto decoder = ContentDecoder::create(coding);
        decoder->feed(bomb(coding, size));
        std::uint64_t total = 0;
        bool zeros = true;
        Bytes out;
        while (decoder->read(out, 64 * 1024) > 0) {
            EXPECT_LE(out.size(), 64u * 1024);
            total += out.size();
            zeros = zeros && std::all_of(out.begin(), out.end(), [](std::uint8_t b) { return b == 0; });
            out.clear();
        }
        EXPECT_NO_THROW(decoder->finish()) << coding;
        EXPECT_EQ(total, size) << coding;
        EXPECT_TRUE(zeros) << coding;
    }
}

// RFC 9659: the zstd content coding's window is at most 8 MiB; larger frames are refused.
Bytes zstd_with_window_log(int window_log) {
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, window_log);
    const std::string text = sample_text(10);
    Bytes out(ZSTD_compressBound(text.size()) + 64);
    ZSTD_outBuffer output{out.data(), out.size(), 0};
    ZSTD_inBuffer input{text.data(), text.size(), 0};
    ZSTD_compressStream2(context, &output, &input, ZSTD_e_continue);  // the size stays unknown: the
    ZSTD_compressStream2(context, &output, &input, ZSTD_e_end);       // header declares the window
    ZSTD_freeCCtx(context);
    out.resize(output.pos);
    return out;
}

TEST(ContentDecoder, RefusesZstdFramesWithAWindowAbove8MiB) {
    EXPECT_EQ(decode("zstd", zstd_with_window_log(23), 4096), sample_text(10));
    auto decoder = ContentDecoder::create("zstd");
    try {
        feed_and_drain(*decoder, zstd_with_window_log(24));
        FAIL() << "no exception";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(),
                     "Content-Encoding zstd: the body is not valid zstd data (Frame requires too much memory for decoding)");
    }
}

}  // namespace
