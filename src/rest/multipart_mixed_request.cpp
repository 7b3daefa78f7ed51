// HttpRequest's multipart/mixed side: set_multipart_mixed, prepare_multipart_body and serialize,
// laid out byte for byte as Python's email generator and http.client do.
#include <azcore/rest/http_request.hpp>

#include <azcore/utils/string_utils.hpp>

#include "rest/request_validation.hpp"

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string_view>

namespace azcore::rest {

namespace {

void append(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

// Python's email.generator._make_boundary: 15 '=', a random number in 19 digits, '=='.
std::string random_mime_boundary() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<std::uint64_t> token(0, 0x7ffffffffffffffeULL);
    std::string digits = std::to_string(token(engine));
    return std::string(15, '=') + std::string(19 - digits.size(), '0') + digits + "==";
}

bool contains(const Bytes& body, std::string_view text) {
    const std::string_view view(reinterpret_cast<const char*>(body.data()), body.size());
    return view.find(text) != std::string_view::npos;
}

}  // namespace

void HttpRequest::set_multipart_mixed(std::vector<HttpRequest> requests, MultipartMixedOptions options) {
    auto info = std::make_shared<MultipartMixedInfo>();
    for (auto& request : requests) info->requests.push_back(std::make_shared<HttpRequest>(std::move(request)));
    for (const auto& policy : options.policies)
        if (!policy) throw std::invalid_argument("set_multipart_mixed: policies holds a null policy");
    info->policies = std::move(options.policies);
    info->boundary = std::move(options.boundary);
    multipart_ = std::move(info);
}

Bytes HttpRequest::serialize() const {
    try {
        detail::validate_method(method);
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument(std::string("serialize: ") + error.what());
    }
    const std::string target = url.empty() ? "/" : url;
    for (unsigned char c : target) {
        if (c <= 0x20 || c >= 0x7f)
            throw std::invalid_argument("serialize: the URL '" + target +
                                        "' holds a space, a control character or a non-ASCII byte");
    }
    const Bytes* body = nullptr;
    if (const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&content)) {
        body = bytes->get();
    } else if (std::holds_alternative<std::shared_ptr<BodyStream>>(content)) {
        throw std::invalid_argument("serialize: the body of " + method + " " + target +
                                    " is a stream; a multipart/mixed part needs bytes");
    }
    Bytes out;
    append(out, method + " " + target + " HTTP/1.1\r\n");
    // http.client's _send_request: Content-Length first, unless given or chunked.
    if (!headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")) {
        if (body != nullptr) {
            append(out, "Content-Length: " + std::to_string(body->size()) + "\r\n");
        } else if (utils::iequals(method, "PATCH") || utils::iequals(method, "POST") || utils::iequals(method, "PUT")) {
            append(out, "Content-Length: 0\r\n");
        }
    }
    for (const auto& [name, value] : headers) {
        // Python's _HTTPSerializer drops exactly these two names (http.client's own Host and Accept-Encoding).
        if (name == "Host" || name == "Accept-Encoding") continue;
        try {
            detail::validate_header(name, value);
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument("serialize: " + method + " " + target + ": " + error.what());
        }
        append(out, name + ": " + value + "\r\n");
    }
    append(out, "\r\n");
    if (body != nullptr) out.insert(out.end(), body->begin(), body->end());
    return out;
}

int HttpRequest::prepare_multipart_body(int content_index) {
    if (!multipart_) return 0;
    Bytes body;
    std::vector<Bytes> parts;
    for (const auto& request : multipart_->requests) {
        Bytes part;
        if (request->multipart_mixed_info()) {
            // A changeset: its own body, under its own Content-Type.
            content_index = request->prepare_multipart_body(content_index);
            append(part, "Content-Type: " + request->headers.get("Content-Type").value_or("") + "\r\n\r\n");
            const auto& nested_body = std::get<std::shared_ptr<const Bytes>>(request->content);
            part.insert(part.end(), nested_body->begin(), nested_body->end());
        } else {
            append(part, "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " +
                             std::to_string(content_index) + "\r\n\r\n");
            const Bytes message = request->serialize();
            part.insert(part.end(), message.begin(), message.end());
            ++content_index;
        }
        parts.push_back(std::move(part));
    }
    std::string boundary = multipart_->boundary;
    if (boundary.empty()) {
        do {
            boundary = random_mime_boundary();
        } while ([&] {
            for (const auto& part : parts)
                if (contains(part, "--" + boundary)) return true;
            return false;
        }());
    }
    for (const auto& part : parts) {
        append(body, "--" + boundary + "\r\n");
        body.insert(body.end(), part.begin(), part.end());
        append(body, "\r\n");
    }
    append(body, "--" + boundary + "--\r\n");
    headers.set("Content-Length", std::to_string(body.size()));
    headers.set("Content-Type", "multipart/mixed; boundary=" + boundary);
    content = std::make_shared<const Bytes>(std::move(body));
    return content_index;
}

}  // namespace azcore::rest
