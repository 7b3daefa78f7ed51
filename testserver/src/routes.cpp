#include "routes.hpp"

#include <array>
#include <utility>

namespace azcore::testserver::detail {

namespace asio = boost::asio;

std::optional<std::string_view> path_tail(std::string_view path, std::string_view prefix) {
    if (!path.starts_with(prefix)) return std::nullopt;
    return path.substr(prefix.size());
}

std::optional<std::uint64_t> number_arg(const Request& request, std::string_view name, std::uint64_t fallback) {
    auto text = request.arg(name);
    if (!text) return fallback;
    return to_number(*text);
}

asio::awaitable<bool> bad_request(Connection& connection, const Request& request, std::string_view message) {
    co_return co_await connection.send(request, error_reply(400, "BadRequest", message));
}

asio::awaitable<bool> write_head_then_body(Connection& connection, std::string head, std::string body,
                                           std::chrono::milliseconds pause) {
    if (pause.count() == 0) {
        head += body;  // not a temporary inside co_await: GCC 12 mishandles it
        co_return co_await connection.write(head);
    }
    bool ok = co_await connection.write(head);
    if (ok) ok = co_await connection.sleep(pause);
    if (ok) ok = co_await connection.write(body);
    co_return ok;
}

asio::awaitable<bool> dispatch(Connection& connection, const Request& request) {
    using Entry = std::pair<std::string_view, Route*>;
    static constexpr std::array exact{
        Entry{"/echo", echo_route},
        Entry{"/upload", upload_route},
        Entry{"/stats", stats_route},
        Entry{"/drip", drip_route},
        Entry{"/stall", stall_route},
        Entry{"/hold", hold_route},
        Entry{"/redirect", redirect_route},
        Entry{"/huge-headers", huge_headers_route},
        Entry{"/short", short_route},
        Entry{"/chunked-cut", chunked_cut_route},
        Entry{"/invalid-status", invalid_status_route},
        Entry{"/drip-headers", drip_headers_route},
        Entry{"/huge-header-line", huge_header_line_route},
        Entry{"/conflicting-length", conflicting_length_route},
        Entry{"/bad-chunk", bad_chunk_route},
        Entry{"/redirect-loop", redirect_loop_route},
        Entry{"/flaky", flaky_route},
        Entry{"/flaky/upload", flaky_route},
        Entry{"/flaky/count", flaky_count_route},
        Entry{"/challenge", challenge_route},
        Entry{"/paged/items", paged_items_route},
    };
    // Longest prefixes first.
    static constexpr std::array prefixed{
        Entry{"/encoding/corrupt/", corrupt_encoding_route},
        Entry{"/encoding/", encoding_route},
        Entry{"/bomb/", bomb_route},
        Entry{"/status/", status_route},
        Entry{"/bytes/", bytes_route},
        Entry{"/delay/", delay_route},
        Entry{"/reset/", reset_route},
        Entry{"/close/", close_route},
        Entry{"/resumable/", resumable_route},
        Entry{"/lro/resources/", lro_resource_route},
        Entry{"/lro/operations/", lro_operation_route},
    };
    if (request.method == "CONNECT" && connection.state().tunnels()) co_return co_await tunnel_route(connection, request);
    for (const auto& [path, route] : exact) {
        if (request.path == path) co_return co_await route(connection, request);
    }
    for (const auto& [prefix, route] : prefixed) {
        if (request.path.starts_with(prefix)) co_return co_await route(connection, request);
    }
    co_return co_await not_found_route(connection, request);
}

}  // namespace azcore::testserver::detail
