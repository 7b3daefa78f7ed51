#include <azcore/rest/http_request.hpp>

#include "rest/form_encoding.hpp"
#include "rest/multipart_form.hpp"
#include "utils/redact_url.hpp"

#include <azcore/serialization/json.hpp>


#include <ostream>
#include <stdexcept>

namespace azcore::rest {

namespace {

std::shared_ptr<const Bytes> shared_bytes(std::string_view text) {
    return std::make_shared<const Bytes>(text.begin(), text.end());
}

// Python's rest/_helpers.py: the body and the headers it implies (content > json > files/data).
CaseInsensitiveDict set_body(HttpRequestOptions& options, RequestContent& content) {
    CaseInsensitiveDict headers;
    if (options.content) {
        auto& body = *options.content;
        if (auto* text = std::get_if<std::string>(&body)) {
            headers.set("Content-Type", "text/plain");
            if (!text->empty()) {
                headers.set("Content-Length", std::to_string(text->size()));
            }
            content = shared_bytes(*text);
        } else if (auto* bytes = std::get_if<Bytes>(&body)) {
            if (!bytes->empty()) {
                headers.set("Content-Length", std::to_string(bytes->size()));
            }
            content = std::make_shared<const Bytes>(std::move(*bytes));
        } else {
            auto& stream = std::get<std::shared_ptr<BodyStream>>(body);
            if (!stream) {
                throw std::invalid_argument("HttpRequest: content is a null stream");
            }
            if (const auto length = stream->length()) {
                headers.set("Content-Length", std::to_string(*length));
            }
            content = std::move(stream);
        }
        return headers;
    }
    if (options.json) {
        const std::string body = serialization::serialize_json(*options.json);
        headers.set("Content-Type", "application/json");
        headers.set("Content-Length", std::to_string(body.size()));
        content = shared_bytes(body);
        return headers;
    }
    if (!options.files.empty()) {
        auto form = detail::build_multipart_form(options.data, options.files, detail::random_multipart_boundary());
        headers.set("Content-Type", std::move(form.content_type));
        if (form.length) {
            headers.set("Content-Length", std::to_string(*form.length));
        }
        content = std::move(form.content);
        return headers;
    }
    if (!options.data.empty()) {
        const std::string body = detail::form_urlencode(options.data);
        headers.set("Content-Type", "application/x-www-form-urlencoded");
        headers.set("Content-Length", std::to_string(body.size()));
        content = shared_bytes(body);
    }
    return headers;
}

}  // namespace

HttpRequest::HttpRequest(std::string method_, std::string url_, HttpRequestOptions options)
    : method(std::move(method_)), url(std::move(url_)) {
    if (!options.params.empty()) {
        url = detail::add_query_params(url, options.params);
    }
    headers = set_body(options, content);
    headers.update(options.headers);
}

std::ostream& operator<<(std::ostream& out, const HttpRequest& request) {
    return out << "<HttpRequest [" << request.method << "], url: '"
               << utils::detail::redact_url_for_message(request.url) << "'>";
}

}  // namespace azcore::rest
