#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "connection.hpp"
#include "request.hpp"

// The routes. Each answers request on connection and returns whether the connection may serve
// another request.
namespace azcore::testserver::detail {

using Route = boost::asio::awaitable<bool>(Connection&, const Request&);

/// Picks the route for request.path.
boost::asio::awaitable<bool> dispatch(Connection& connection, const Request& request);

// info_routes.cpp
Route echo_route, upload_route, stats_route, not_found_route;
/// The JSON bodies of /echo and /upload, for routes that answer like them.
boost::json::object echo_json(const Request& request);
boost::json::object upload_json(const Request& request);
// flaky_routes.cpp
Route flaky_route, flaky_count_route;
// content_routes.cpp
Route status_route, bytes_route, encoding_route, corrupt_encoding_route, bomb_route, redirect_route, huge_headers_route;
// timing_routes.cpp
Route delay_route, drip_route, stall_route, hold_route;
// failure_routes.cpp
Route reset_route, close_route, short_route, chunked_cut_route, invalid_status_route, drip_headers_route,
    huge_header_line_route;
// malformed_routes.cpp
Route conflicting_length_route, bad_chunk_route, redirect_loop_route;
// challenge_routes.cpp
Route challenge_route;
// resumable_routes.cpp
Route resumable_route;
// tunnel_route.cpp: CONNECT, with TestServerOptions::tunnel
Route tunnel_route;
// paged_routes.cpp
Route paged_items_route;
// lro_routes.cpp
Route lro_resource_route, lro_operation_route;

/// The path segment after prefix, when path starts with prefix.
std::optional<std::string_view> path_tail(std::string_view path, std::string_view prefix);
/// Query parameter name as a number: fallback when absent, nothing when malformed.
std::optional<std::uint64_t> number_arg(const Request& request, std::string_view name, std::uint64_t fallback);
/// 400 with a JSON error naming what is wrong.
boost::asio::awaitable<bool> bad_request(Connection& connection, const Request& request, std::string_view message);
/// Writes head and body in one write; with a pause, the head alone first and the body after the
/// pause (a client then reads the head by itself). False when a write failed.
boost::asio::awaitable<bool> write_head_then_body(Connection& connection, std::string head, std::string body,
                                                  std::chrono::milliseconds pause);

}  // namespace azcore::testserver::detail
