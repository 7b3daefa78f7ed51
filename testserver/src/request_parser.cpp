#include "request_parser.hpp"

#include <boost/beast/http/error.hpp>

namespace azcore::testserver::detail {

namespace http = boost::beast::http;

RequestParser::RequestParser(Request& request, std::size_t recorded_limit)
    : request_(request), recorded_limit_(recorded_limit) {}

void RequestParser::hash_body() { sha_.emplace(); }

void RequestParser::on_request_impl(http::verb, string_view method_str, string_view target, int version, error_code&) {
    request_.method = std::string(method_str);
    request_.target = std::string(target);
    auto question = request_.target.find('?');
    request_.path = request_.target.substr(0, question);
    if (question != std::string::npos) request_.query = request_.target.substr(question + 1);
    request_.args = parse_query(request_.query);
    request_.version = static_cast<unsigned>(version);
}

void RequestParser::on_response_impl(int, string_view, int, error_code& ec) { ec = http::error::bad_version; }

void RequestParser::on_field_impl(http::field, string_view name_string, string_view value, error_code&) {
    request_.headers.emplace_back(std::string(name_string), std::string(value));
}

void RequestParser::on_header_impl(error_code&) {
    request_.keep_alive = keep_alive();
    request_.chunked = chunked();
}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code&) {
    if (!sha_ && content_length) request_.body.reserve(*content_length);
}

std::size_t RequestParser::on_body_impl(string_view body, error_code&) {
    request_.body_length += body.size();
    if (sha_) {
        sha_->update(body);
        if (request_.body.size() < recorded_limit_) {
            request_.body.append(body.substr(0, recorded_limit_ - request_.body.size()));
        }
    } else {
        request_.body.append(body);
    }
    return body.size();
}

void RequestParser::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) {
    return on_body_impl(body, ec);
}

void RequestParser::on_finish_impl(error_code&) {
    if (sha_) request_.body_sha256 = sha_->hex_digest();
}

}  // namespace azcore::testserver::detail
