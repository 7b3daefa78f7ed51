#include "reply.hpp"

#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdio>

namespace azcore::testserver::detail {

Reply json_reply(unsigned status, const boost::json::value& json) {
    return Reply{
        .status = status, .headers = {{"Content-Type", "application/json"}}, .body = boost::json::serialize(json)};
}

Reply error_reply(unsigned status, std::string_view code, std::string_view message) {
    return json_reply(status, {{"error", {{"code", code}, {"message", message}}}});
}

bool status_forbids_body(unsigned status) { return status < 200 || status == 204 || status == 304; }

std::string standard_reason(unsigned status) {
    auto reason = boost::beast::http::obsolete_reason(boost::beast::http::int_to_status(status));
    if (reason.empty() || reason.front() == '<') return "Unknown";
    return std::string(reason);
}

std::string serialize_head(const Reply& reply, bool keep_alive) {
    std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " +
                       (reply.reason.empty() ? standard_reason(reply.status) : reply.reason) + "\r\n";
    for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
    if (reply.chunked) {
        head += "Transfer-Encoding: chunked\r\n";
    } else if (!status_forbids_body(reply.status)) {
        head += "Content-Length: " + std::to_string(reply.declared_length.value_or(reply.body.size())) + "\r\n";
    }
    if (!keep_alive) head += "Connection: close\r\n";
    head += "\r\n";
    return head;
}

std::string chunked_body(std::string_view data, std::size_t chunk_size) {
    chunk_size = std::max<std::size_t>(chunk_size, 1);
    std::string out;
    out.reserve(data.size() + (data.size() / chunk_size + 2) * 16);
    char size_line[32];
    for (std::size_t pos = 0; pos < data.size(); pos += chunk_size) {
        std::size_t n = std::min(chunk_size, data.size() - pos);
        int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
        out.append(size_line, static_cast<std::size_t>(len));
        out.append(data.substr(pos, n));
        out += "\r\n";
    }
    out += "0\r\n\r\n";
    return out;
}

}  // namespace azcore::testserver::detail
