#include "../../../src/rest/content_decoder.hpp"

#include <gtest/gtest.h>

#include <zlib.h>
#include <zstd.h>

#include <stdexcept>
#include <string>

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

std::string decode_in_pieces(ContentDecoder& decoder, BytesView input, std::size_t piece) {
    Bytes out;
    for (std::size_t at = 0; at < input.size(); at += piece) {
        decoder.decode(input.subspan(at, std::min(piece, input.size() - at)), out);
    }
    decoder.finish(out);
    return std::string(azcore::as_string_view(out));
}

std::string decode(std::string_view coding, BytesView input, std::size_t piece) {
    auto decoder = ContentDecoder::create(coding);
    EXPECT_NE(decoder, nullptr) << coding;
    return decoder ? decode_in_pieces(*decoder, input, piece) : std::string();
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

TEST_P(ContentDecoderRoundTrip, ThrowsAtFinishWhenTheBodyIsTruncated) {
    const RoundTrip trip = make();
    auto decoder = ContentDecoder::create(trip.coding);
    ASSERT_NE(decoder, nullptr);
    Bytes out;
    decoder->decode(BytesView(trip.encoded).first(trip.encoded.size() / 2), out);
    EXPECT_THROW(decoder->finish(out), std::runtime_error);
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
    Bytes out;
    decoder->decode(BytesView(both).first(both.size() - 10), out);
    EXPECT_THROW(decoder->finish(out), std::runtime_error);
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
    Bytes out;
    EXPECT_THROW(
        {
            decoder->decode(body, out);
            decoder->finish(out);
        },
        std::runtime_error);
}

TEST(ContentDecoder, ThrowsOnDataThatIsNotGzipAtAll) {
    auto decoder = ContentDecoder::create("gzip");
    Bytes out;
    try {
        decoder->decode(azcore::to_bytes("plain text, not gzip"), out);
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
    Bytes out;
    EXPECT_THROW(
        {
            decoder->decode(body, out);
            decoder->finish(out);
        },
        std::runtime_error);
}

TEST(ContentDecoder, ThrowsOnCorruptZstd) {
    auto decoder = ContentDecoder::create("zstd");
    Bytes out;
    EXPECT_THROW(decoder->decode(azcore::to_bytes("definitely not a zstd frame"), out), std::runtime_error);
}

TEST(ContentDecoder, ThrowsOnCorruptDeflate) {
    auto decoder = ContentDecoder::create("deflate");
    Bytes out;
    // A valid zlib header (0x78 0x9c) followed by an invalid block type.
    EXPECT_THROW(decoder->decode(Bytes{0x78, 0x9c, 0xff, 0xff, 0xff, 0xff}, out), std::runtime_error);
}

TEST(ContentDecoder, StreamsOutputAsInputArrivesInsteadOfBufferingTheBody) {
    // 4 MiB of pseudo-random words fed 4 KiB at a time: decoded bytes come out along the way, each
    // call's output bounded by what its input holds.
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
        std::size_t calls_with_output = 0;
        std::size_t largest_output = 0;
        Bytes out;
        for (std::size_t at = 0; at < encoded.size(); at += 4096) {
            out.clear();
            decoder->decode(BytesView(encoded).subspan(at, std::min<std::size_t>(4096, encoded.size() - at)), out);
            total += out.size();
            largest_output = std::max(largest_output, out.size());
            calls_with_output += out.empty() ? 0 : 1;
        }
        out.clear();
        decoder->finish(out);
        total += out.size();
        EXPECT_EQ(total, text.size()) << coding;
        EXPECT_GE(calls_with_output, text.size() / (256u * 1024)) << coding;  // zstd: a 128 KiB block at a time
        EXPECT_LT(largest_output, 256u * 1024) << coding;
    }
}

}  // namespace
