#include "rest/multipart_mixed_parser.hpp"

#include <azcore/utils/string_utils.hpp>

#include "rest/text_decoding.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/vector_body.hpp>

#include <optional>
#include <stdexcept>
#include <utility>

namespace azcore::rest::detail {

namespace {

namespace http = boost::beast::http;

constexpr std::uint32_t HEADER_LIMIT = 1u << 20;  // one MiB of headers per part

// The lines of `text` up to its first empty line, each ended by CRLF (Beast wants CRLF; a bare LF
// or CR ends a line too, as in Python's parsers), and what follows the empty line. Without an
// empty line, every line is head and nothing follows.
std::pair<std::string, std::string_view> split_head(std::string_view text) {
    std::string head;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        std::size_t next = end;
        if (next < text.size()) next += (text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n') ? 2 : 1;
        if (line.empty()) return {std::move(head), text.substr(next)};
        head.append(line).append("\r\n");
        pos = next;
    }
    return {std::move(head), {}};
}

template <class Parser>
void feed(Parser& parser, std::string_view message, const char* what) {
    boost::system::error_code ec;
    auto buffer = boost::asio::const_buffer(message.data(), message.size());
    while (!parser.is_done()) {
        std::size_t used = 0;
        bool starved = buffer.size() == 0;
        if (!starved) {
            used = parser.put(buffer, ec);
            buffer += used;
            // need_more: the parser looked at every byte given and wants more. Giving it the same
            // bytes again is pointless, and trips Boost 1.81's assertion on a last chunk's
            // unfinished trailer part (boostorg/beast#2861).
            starved = ec == http::error::need_more;
            if (ec && !starved) throw std::invalid_argument(std::string(what) + " does not parse (" + ec.message() + ")");
            ec = {};
        }
        if ((starved || used == 0) && !parser.is_done()) {
            // All of the message was given: what is still missing never comes (a body to its end is done here).
            parser.put_eof(ec);
            if (ec) throw std::invalid_argument(std::string(what) + " is cut short (" + ec.message() + ")");
            break;
        }
    }
}

// MIME part headers go through Beast too, behind a stand-in status line.
CaseInsensitiveDict parse_mime_headers(const std::string& head) {
    CaseInsensitiveDict headers;
    if (head.empty()) return headers;
    http::response_parser<http::empty_body> parser;
    parser.header_limit(HEADER_LIMIT);
    parser.skip(true);
    const std::string message = "HTTP/1.1 200 OK\r\n" + head + "\r\n";
    feed(parser, message, "its MIME headers");
    for (const auto& field : parser.get()) headers.add(field.name_string(), std::string(field.value()));
    return headers;
}

struct Delimiter {
    bool close = false;
    std::size_t next = 0;  // just past the delimiter line
};

// `--boundary` at pos, then `--` for the close delimiter, then spaces or tabs and a line end.
std::optional<Delimiter> delimiter_at(std::string_view body, std::size_t pos, std::string_view dash_boundary) {
    if (body.compare(pos, dash_boundary.size(), dash_boundary) != 0) return std::nullopt;
    Delimiter found;
    std::size_t p = pos + dash_boundary.size();
    if (body.compare(p, 2, "--") == 0) {
        found.close = true;
        p += 2;
    }
    while (p < body.size() && (body[p] == ' ' || body[p] == '\t')) ++p;
    if (p < body.size()) {
        if (body[p] == '\r') {
            p += (p + 1 < body.size() && body[p + 1] == '\n') ? 2 : 1;
        } else if (body[p] == '\n') {
            ++p;
        } else {
            return std::nullopt;  // "--boundaryX": not a delimiter
        }
    }
    found.next = p;
    return found;
}

// The next delimiter line starting at or after `from`, at the start of a line; npos if none.
std::pair<std::size_t, Delimiter> next_delimiter(std::string_view body, std::size_t from, std::string_view dash_boundary) {
    for (std::size_t pos = body.find(dash_boundary, from); pos != std::string_view::npos;
         pos = body.find(dash_boundary, pos + 1)) {
        if (pos != 0 && body[pos - 1] != '\n' && body[pos - 1] != '\r') continue;
        if (auto found = delimiter_at(body, pos, dash_boundary)) return {pos, *found};
    }
    return {std::string_view::npos, {}};
}

}  // namespace

std::vector<MimePart> split_multipart(std::string_view body, std::string_view boundary) {
    if (boundary.empty()) throw std::invalid_argument("the boundary is empty");
    const std::string dash_boundary = "--" + std::string(boundary);
    auto [pos, delimiter] = next_delimiter(body, 0, dash_boundary);
    if (pos == std::string_view::npos) throw std::invalid_argument("no delimiter line '" + dash_boundary + "' was found");
    std::vector<MimePart> parts;
    while (!delimiter.close) {
        const std::size_t start = delimiter.next;
        const auto [end, following] = next_delimiter(body, start, dash_boundary);
        if (end == std::string_view::npos)
            throw std::invalid_argument("the body ends before the close delimiter '" + dash_boundary + "--'");
        // The line break before a delimiter belongs to the delimiter.
        std::size_t content_end = end;
        if (content_end > start && body[content_end - 1] == '\n') --content_end;
        if (content_end > start && body[content_end - 1] == '\r') --content_end;
        const std::string_view content = body.substr(start, content_end - start);
        auto [head, rest] = split_head(content);
        MimePart part;
        try {
            part.headers = parse_mime_headers(head);
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument("part " + std::to_string(parts.size() + 1) + ": " + error.what());
        }
        part.body = rest;
        parts.push_back(std::move(part));
        delimiter = following;
    }
    return parts;
}

PartResponse parse_http_response(std::string_view message, bool head_request) {
    auto [head, rest] = split_head(message);
    std::string normalized = std::move(head);
    normalized.append("\r\n").append(rest);
    http::response_parser<http::vector_body<std::uint8_t>> parser;
    parser.header_limit(HEADER_LIMIT);
    parser.body_limit(boost::none);  // a part is as large as the body that holds it
    parser.eager(true);
    if (head_request) parser.skip(true);
    feed(parser, normalized, "its HTTP response");
    auto& response = parser.get();
    PartResponse part;
    part.head.status_code = static_cast<int>(response.result_int());
    part.head.reason = std::string(response.reason());
    part.head.http_version = response.version() == 10 ? "1.0" : "1.1";
    for (const auto& field : response) part.head.headers.add(field.name_string(), std::string(field.value()));
    part.body = std::move(response.body());
    return part;
}

namespace {

void decode_into(std::vector<PartResponse>& out, std::string_view body, std::string_view content_type,
                 const std::vector<std::shared_ptr<HttpRequest>>& requests, const std::shared_ptr<HttpRequest>& parent,
                 const std::string& prefix) {
    const auto boundary = content_type_param(content_type, "boundary");
    if (!boundary) throw std::invalid_argument("the Content-Type '" + std::string(content_type) + "' has no boundary");
    const auto parts = split_multipart(body, *boundary);
    for (std::size_t index = 0; index < parts.size(); ++index) {
        const std::string name = prefix + std::to_string(index + 1);
        const auto& part = parts[index];
        const std::string part_type = part.headers.get("Content-Type").value_or("text/plain");
        const std::string media_type = media_type_of(part_type);
        const std::shared_ptr<HttpRequest>& request = index < requests.size() ? requests[index] : parent;
        if (media_type == "application/http") {
            if (const auto encoding = part.headers.get("Content-Transfer-Encoding")) {
                const std::string lowered = utils::to_lower(*encoding);
                if (lowered != "binary" && lowered != "8bit" && lowered != "7bit")
                    throw std::invalid_argument("part " + name + ": Content-Transfer-Encoding '" + *encoding +
                                                "' is not supported");
            }
            try {
                PartResponse response = parse_http_response(part.body, utils::iequals(request->method, "HEAD"));
                response.request = request;
                out.push_back(std::move(response));
            } catch (const std::invalid_argument& error) {
                throw std::invalid_argument("part " + name + ": " + error.what());
            }
        } else if (media_type == "multipart/mixed" && index < requests.size() && request->multipart_mixed_info()) {
            decode_into(out, part.body, part_type, request->multipart_mixed_info()->requests, parent, name + ".");
        } else {
            throw std::invalid_argument("part " + name + ": Content-Type '" + part_type +
                                        "' is not supported (application/http, or multipart/mixed for a changeset)");
        }
    }
}

}  // namespace

std::vector<PartResponse> decode_parts(std::string_view body, std::string_view content_type,
                                       const std::vector<std::shared_ptr<HttpRequest>>& requests,
                                       const std::shared_ptr<HttpRequest>& parent) {
    if (media_type_of(content_type) != "multipart/mixed")
        throw std::invalid_argument("the Content-Type '" + std::string(content_type) + "' is not multipart/mixed");
    std::vector<PartResponse> out;
    decode_into(out, body, content_type, requests, parent, "");
    return out;
}

}  // namespace azcore::rest::detail
