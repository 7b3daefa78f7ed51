#include "transport/beast/request_head.hpp"

#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/utils/string_utils.hpp>

#include "rest/content_decoder.hpp"

#include <charconv>

namespace azcore::transport::detail {
std::string_view accept_encoding_value() {
    constexpr std::string_view line = rest::detail::kAcceptEncodingLine;
    return line.substr(line.find(':') + 2);
}

namespace {

void append_line(std::string& out, std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

// Whether a Transfer-Encoding value's last coding is chunked.
bool ends_in_chunked(std::string_view value) {
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    const std::size_t comma = value.rfind(',');
    std::string_view last = comma == std::string_view::npos ? value : value.substr(comma + 1);
    while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
    return utils::iequals(last, "chunked");
}

}  // namespace

RequestBody request_body(const rest::HttpRequest& request) {
    RequestBody body;
    const std::string& method = request.method;
    if (method != "HEAD") {
        if (const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&request.content); bytes != nullptr && *bytes) {
            body.data = bytes->get();
            body.framing = {.length = body.data->size(), .has_body = true};
            return body;
        }
        if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content); stream != nullptr && *stream) {
            body.stream = *stream;
            body.framing = {.length = body.stream->length(), .has_body = true};
            return body;
        }
    }
    if (method == "POST" || method == "PUT" || method == "PATCH") body.framing = {.length = 0, .has_body = true};
    return body;
}

bool write_request_head(std::string& out, const rest::HttpRequest& request, std::string_view target, std::string_view host_header,
                        const BodyFraming& framing) {
    const auto& headers = request.headers;
    const bool given_length = headers.contains("Content-Length");
    // Chunks: for a body of unknown length, unless the request gives its length.
    const bool add_chunked = framing.has_body && !framing.length && !given_length;
    out.clear();
    out.append(request.method);
    out.push_back(' ');
    out.append(target);
    out.append(" HTTP/1.1\r\n");
    if (!headers.contains("Host")) append_line(out, "Host", host_header);
    bool chunked = false;
    std::size_t last_encoding_end = std::string::npos;  // where the last Transfer-Encoding line's value ends
    for (const auto& [name, value] : headers) {
        append_line(out, name, value);
        if (utils::iequals(name, "Transfer-Encoding")) {
            chunked = ends_in_chunked(value);
            last_encoding_end = out.size() - 2;
        }
    }
    if (!headers.contains("Accept")) append_line(out, "Accept", "*/*");
    if (!headers.contains("Accept-Encoding")) append_line(out, "Accept-Encoding", accept_encoding_value());
    // A request with Transfer-Encoding goes in chunks, and has no Content-Length (RFC 9112 6.1).
    if (add_chunked || last_encoding_end != std::string::npos) {
        if (last_encoding_end == std::string::npos) append_line(out, "Transfer-Encoding", "chunked");
        else if (!chunked) out.insert(last_encoding_end, ", chunked");
        chunked = true;
    } else if (!given_length && framing.has_body && framing.length) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, *framing.length).ptr;
        append_line(out, "Content-Length", std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    out.append("\r\n");
    return chunked;
}

std::string connect_request_head(std::string_view target, std::string_view authorization) {
    std::string out;
    out.append("CONNECT ");
    out.append(target);
    out.append(" HTTP/1.1\r\n");
    append_line(out, "Host", target);
    if (!authorization.empty()) append_line(out, "Proxy-Authorization", authorization);
    out.append("\r\n");
    return out;
}

std::size_t write_chunk_line(char (&line)[24], std::size_t size) {
    char* end = std::to_chars(line, line + 16, size, 16).ptr;
    *end++ = '\r';
    *end++ = '\n';
    if (size == 0) {
        *end++ = '\r';
        *end++ = '\n';
    }
    return static_cast<std::size_t>(end - line);
}

}  // namespace azcore::transport::detail
