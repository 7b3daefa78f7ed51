// Rows: decompression bombs, a few KiB of compressed zeros that decode to 32 MiB. Read with
// iter_bytes(4096), every decoded byte arrives in chunks of at most 4 KiB and the process's peak
// RSS grows by at most the decoders' windows and some slack: 2 MiB for gzip, deflate and
// "gzip, gzip" (32 KiB windows; decoding each raw read whole grows it by 4-8 MiB, and by 32 MiB
// for "gzip, gzip"), 16 MiB for brotli and zstd (windows of up to 16 and 8 MiB; decoding whole
// grows it by 32 MiB and more). Read whole with max_decoded_size = 1 MiB: DecodeError.
#include <azcore/exceptions.hpp>

#include "fault_matrix/matrix.hpp"
#include "support/process_stats.hpp"

namespace azcore::test::matrix {

using rest::HttpRequest;

namespace {

constexpr std::size_t bomb_size = 32 << 20;

std::string bomb(const std::string& codings) { return "/bomb/" + codings + "?size=" + std::to_string(bomb_size); }

Row streamed_bomb_row(std::string name, std::string codings, std::size_t allowed_growth_kib) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                // The server builds (and caches) the bomb here, so that only the client is measured below.
                EXPECT_EQ(client->send(HttpRequest("HEAD", bomb(codings))).status_code, 200);
                PeakRss peak;
                Result result = client->send(HttpRequest("GET", bomb(codings)),
                                             {.stream = true}, {.chunk_size = 4096, .discard = true});
                const auto growth_kib = static_cast<std::size_t>(std::max<std::int64_t>(peak.growth(), 0) / 1024);
                std::size_t total = 0;
                std::size_t largest = 0;
                for (std::size_t size : result.chunk_sizes) {
                    total += size;
                    largest = std::max(largest, size);
                }
                EXPECT_EQ(result.status_code, 200);
                EXPECT_EQ(total, bomb_size);
                EXPECT_LE(largest, 4096u);
                if (rss_bounds_apply()) {
                    EXPECT_LE(growth_kib, allowed_growth_kib) << "peak RSS grew by " << growth_kib << " KiB";
                }
                m.expect_still_works(*client);
            }};
}

Row read_bomb_row(std::string name, std::string codings) {
    return error_row<exceptions::DecodeError>(std::move(name), bomb(codings), "exceeds max_decoded_size (1048576 bytes)",
                                              {.kwargs = {{"max_decoded_size", std::int64_t{1} << 20}}});
}

}  // namespace

std::vector<Row> decode_rows() {
    std::vector<Row> rows;
    struct Coding {
        std::string name, codings;
        std::size_t allowed_growth_kib;
    };
    for (const Coding& coding : {Coding{"Gzip", "gzip", 2048}, Coding{"Deflate", "deflate", 2048}, Coding{"Brotli", "br", 16384},
                                 Coding{"Zstd", "zstd", 16384}, Coding{"StackedGzip", "gzip,gzip", 2048}}) {
        rows.push_back(streamed_bomb_row(coding.name + "BombStreamsInBoundedMemory", coding.codings, coding.allowed_growth_kib));
        rows.push_back(read_bomb_row(coding.name + "BombReadWholeIsDecodeErrorPastMaxDecodedSize", coding.codings));
    }
    return rows;
}

}  // namespace azcore::test::matrix
