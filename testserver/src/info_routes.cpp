#include <boost/json.hpp>

#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

/// JSON strings must be UTF-8: other bytes are taken as Latin-1.
json::string json_text(std::string_view text) {
    if (is_valid_utf8(text)) return json::string(text);
    json::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x80) {
            out.push_back(c);
        } else {
            out.push_back(static_cast<char>(0xC0 | (u >> 6)));
            out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
        }
    }
    return out;
}

json::value optional_text(const std::optional<std::string>& text) {
    if (!text) return nullptr;
    return json_text(*text);
}

}  // namespace

json::object echo_json(const Request& request) {
    json::object args;
    for (const auto& [name, value] : request.args) {
        json::value& values = args[json_text(name)];
        if (!values.is_array()) values.emplace_array();
        values.as_array().emplace_back(json_text(value));
    }

    json::object headers;
    json::array header_list;
    for (const auto& [name, value] : request.headers) {
        json::string key = json_text(to_lower(name));
        if (auto* existing = headers.if_contains(key)) {
            json::string& joined = existing->as_string();
            joined.append(", ");
            joined.append(json_text(value));
        } else {
            headers[key] = json_text(value);
        }
        header_list.push_back(json::array{json_text(name), json_text(value)});
    }

    json::object out;
    out["method"] = json_text(request.method);
    out["path"] = json_text(request.path);
    out["query"] = json_text(request.query);
    out["args"] = std::move(args);
    out["headers"] = std::move(headers);
    out["header_list"] = std::move(header_list);
    if (is_valid_utf8(request.body)) out["body"] = request.body;
    out["body_base64"] = base64_encode(request.body);
    out["body_length"] = request.body.size();
    out["http_version"] = request.version == 10 ? "1.0" : "1.1";
    return out;
}

json::object upload_json(const Request& request) {
    json::object out;
    out["length"] = request.body_length;
    out["sha256"] = request.body_sha256;
    out["chunked"] = request.chunked;
    out["content_length"] = optional_text(request.header("Content-Length"));
    out["content_type"] = optional_text(request.header("Content-Type"));
    return out;
}

asio::awaitable<bool> echo_route(Connection& connection, const Request& request) {
    Reply reply = json_reply(200, echo_json(request));  // not inside co_await: GCC 12 mishandles it
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> upload_route(Connection& connection, const Request& request) {
    Reply reply = json_reply(200, upload_json(request));
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> stats_route(Connection& connection, const Request& request) {
    const ServerState& s = connection.state();
    json::object out;
    out["connections_accepted"] = s.connections_accepted();
    out["open_connections"] = s.open_connections();
    out["peak_open_connections"] = s.peak_open_connections();
    out["connections_closed"] = s.connections_closed();
    out["held_now"] = s.held_now();
    out["held_peak"] = s.held_peak();
    out["requests_received"] = s.requests_received();
    co_return co_await connection.send(request, json_reply(200, out));
}

asio::awaitable<bool> not_found_route(Connection& connection, const Request& request) {
    std::string message = "no route for ";
    message.append(json_text(request.path));
    co_return co_await connection.send(request, error_reply(404, "NotFound", message));
}

}  // namespace azcore::testserver::detail
