// Http1Exchange (the Beast transports' step) over adversarial responses. The first byte sets how
// many bytes each read gives (1 to 256); the rest is what the server sends before it closes. The
// exchange either gives a response or throws an azcore exception (anything else escapes and is a
// finding), and it must give the same outcome as when the whole response arrives in one read: the
// same status and body, or the same exception type (parsing may not depend on where the network
// split it; only the detail of a failure may: Beast checks a malformed status line at once when it
// arrives whole, and waits for the end of the head when it arrived in parts). Read in 64 KiB
// rooms (the socket's bytes straight into the room, for a Content-Length body), taking what came or
// filling each room (the rest of a room read straight into it too), it must give the same outcome
// as in 4 KiB rooms (through the connection's buffer).
#include "fuzz_support.hpp"

#include <azcore/exceptions.hpp>

#include "support/exchange_replay.hpp"

#include <string>

namespace {

/// The outcome as text: "status|body" or the exception's type.
std::string outcome(std::string_view response, std::size_t piece, std::size_t room = 4096,
                    azcore::test::Reader reader = azcore::test::Reader::TakesWhatCame) {
    try {
        const azcore::test::Replayed replayed =
            azcore::test::replay_exchange(response, piece, azcore::test::AfterTheResponse::Closes, room, reader);
        AZCORE_FUZZ_CHECK(replayed.body.size() <= response.size());
        AZCORE_FUZZ_CHECK(replayed.head.status_code >= 100 && replayed.head.status_code <= 999);
        return std::to_string(replayed.head.status_code) + "|" + std::string(replayed.body.begin(), replayed.body.end());
    } catch (const azcore::exceptions::AzureError& error) {
        return std::string("exception ") + typeid(error).name();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t piece = std::size_t{data[0]} + 1;
    const std::string_view response = azcore::fuzz::as_text(data + 1, size - 1);
    const std::string split = outcome(response, piece);
    const std::string whole = outcome(response, response.size());
    if (split != whole) {
        std::fprintf(stderr, "split by %zu: %s\nwhole: %s\n", piece, split.c_str(), whole.c_str());
        AZCORE_FUZZ_CHECK(split == whole);
    }
    const std::string direct = outcome(response, piece, 64 * 1024);
    if (direct != split) {
        std::fprintf(stderr, "64 KiB rooms, split by %zu: %s\n4 KiB rooms: %s\n", piece, direct.c_str(), split.c_str());
        AZCORE_FUZZ_CHECK(direct == split);
    }
    const std::string filled = outcome(response, piece, 64 * 1024, azcore::test::Reader::FillsItsChunk);
    if (filled != split) {
        std::fprintf(stderr, "64 KiB rooms filled, split by %zu: %s\n4 KiB rooms: %s\n", piece, filled.c_str(), split.c_str());
        AZCORE_FUZZ_CHECK(filled == split);
    }
    return 0;
}
