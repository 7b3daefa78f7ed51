#pragma once
// Http1Exchange (the Beast transports' step) driven over a byte string as the server's answer to a
// GET, the way the blocking driver drives it over a socket, without one: for the step's table test
// and its fuzz target.
#include <azcore/bytes.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/http1_exchange.hpp"

#include <boost/beast/core/flat_buffer.hpp>

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace azcore::test {

/// What the exchange made of a response.
struct Replayed {
    transport::ReceivedHead head;
    Bytes body;
    bool reusable = false;  // the connection could carry another request
    std::size_t direct_reads = 0;  // reads straight into the body's room
    std::size_t buffered_body_bytes = 0;  // body bytes read through the connection's buffer after the head
};

/// What the server does after its last byte.
enum class AfterTheResponse { Closes, KeepsTheConnection };

/// How the body's reader asks for bytes: a room of the same size each read, taking what came
/// (iter_raw), or the rest of its chunk until the chunk is full (iter_bytes, read()).
enum class Reader { TakesWhatCame, FillsItsChunk };

/// Replays response, piece bytes per read (at least 1), then the end of the stream, or, when the
/// server keeps the connection, std::logic_error for a read past the response (a real socket
/// would wait there); the body is read in chunks of room bytes (at least Http1Exchange::direct_read_min:
/// socket reads straight into the room), as reader asks for them. Throws what the exchange throws.
inline Replayed replay_exchange(std::string_view response, std::size_t piece, AfterTheResponse after = AfterTheResponse::Closes,
                                std::size_t room = 4096, Reader reader = Reader::TakesWhatCame) {
    using transport::detail::Http1Exchange;
    piece = std::max<std::size_t>(piece, 1);
    const transport::detail::ExchangeLimits limits;
    Http1Exchange exchange;
    exchange.start_try(false);
    const rest::HttpRequest request("GET", "http://example.test/r");
    Http1Exchange::Next next = exchange.begin(request, "/r", "example.test", 0);
    next = exchange.written({}, limits, false);
    boost::beast::flat_buffer buffer;
    std::size_t sent = 0;
    std::size_t direct_reads = 0;
    std::size_t buffered_body_bytes = 0;
    bool in_body = false;
    // One read of the socket: the next piece, or the end of the stream; into the caller's room
    // when the exchange allows it (direct_room), as the drivers read.
    auto receive = [&] {
        std::size_t n = std::min(piece, response.size() - sent);
        if (n == 0 && after == AfterTheResponse::KeepsTheConnection)
            throw std::logic_error("the exchange read past the response (a kept-alive connection would wait here)");
        if (const auto direct = exchange.direct_room(buffer.size()); direct.size() != 0) {
            n = std::min(n, direct.size());
            std::copy_n(response.data() + sent, n, static_cast<char*>(direct.data()));
            sent += n;
            ++direct_reads;
            return exchange.parse_direct(n, n == 0);
        }
        auto room_for = buffer.prepare(n);
        std::copy_n(response.data() + sent, n, static_cast<char*>(room_for.data()));
        buffer.commit(n);
        sent += n;
        if (in_body) buffered_body_bytes += n;
        return exchange.parse(buffer, n == 0);
    };
    // As the drivers step: parse what is buffered, read when the exchange needs bytes.
    auto step = [&] { return exchange.needs_bytes(buffer) ? receive() : exchange.parse(buffer, false); };
    while (next == Http1Exchange::Next::read_head) next = exchange.head_read(step(), limits, false);
    Replayed replayed{.head = exchange.head(), .body = {}, .reusable = false};
    in_body = true;
    std::size_t chunk_left = room;
    while (exchange.body_room(replayed.body, reader == Reader::FillsItsChunk ? chunk_left : room, buffer.size())) {
        for (;;) {
            const auto error = step();
            const std::size_t got = exchange.body_read(error, replayed.body, limits, false);
            chunk_left -= std::min(got, chunk_left);
            if (chunk_left == 0) chunk_left = room;
            if (got != 0 || exchange.body_done()) break;
        }
    }
    replayed.reusable = exchange.reusable();
    replayed.direct_reads = direct_reads;
    replayed.buffered_body_bytes = buffered_body_bytes;
    return replayed;
}

}  // namespace azcore::test
