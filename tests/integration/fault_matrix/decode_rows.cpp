// Rows: decompression bombs, a few hundred compressed bytes that decode to 16 MiB of zeros. Read
// with iter_bytes(4096), every decoded byte arrives in chunks of at most 4 KiB and the process's
// peak RSS grows by far less than the decoded size (each step decodes only about what it hands
// out); read whole with max_decoded_size = 1 MiB, DecodeError.
// needs h/decode (the bounded decoder, max_decoded_size, and the /bomb/{codings}?size=N route)
#include <azcore/exceptions.hpp>

#include "fault_matrix/matrix.hpp"

namespace azcore::test::matrix {

using rest::HttpRequest;

namespace {

constexpr std::size_t bomb_size = 16 << 20;

std::string bomb(const std::string& codings) { return "/bomb/" + codings + "?size=" + std::to_string(bomb_size); }

Row streamed_bomb_row(std::string name, std::string codings) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                reset_peak_rss();
                const std::size_t peak_before = peak_rss_kib();
                Result result = client->send(HttpRequest("GET", bomb(codings)),
                                             {.stream = true}, {.chunk_size = 4096, .discard = true});
                const std::size_t growth_kib = peak_rss_kib() - peak_before;
                std::size_t total = 0;
                std::size_t largest = 0;
                for (std::size_t size : result.chunk_sizes) {
                    total += size;
                    largest = std::max(largest, size);
                }
                EXPECT_EQ(result.status_code, 200);
                EXPECT_EQ(total, bomb_size);
                EXPECT_LE(largest, 4096u);
                EXPECT_LT(growth_kib, bomb_size / 1024 / 4) << "peak RSS grew by " << growth_kib << " KiB";
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
    for (const auto& [name, codings] : {std::pair<std::string, std::string>{"Gzip", "gzip"},
                                        {"Deflate", "deflate"},
                                        {"Brotli", "br"},
                                        {"Zstd", "zstd"},
                                        {"StackedGzip", "gzip,gzip"}}) {
        rows.push_back(streamed_bomb_row(name + "BombStreamsInBoundedMemory", codings));
        rows.push_back(read_bomb_row(name + "BombReadWholeIsDecodeErrorPastMaxDecodedSize", codings));
    }
    return rows;
}

}  // namespace azcore::test::matrix
