#include "transport/curl/response_head.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/utils/string_utils.hpp>

#include "transport/curl/curl_error_mapping.hpp"

#include <curl/curl.h>

namespace azcore::transport::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Without the spaces, tabs and line ending around it.
std::string_view trim(std::string_view s) {
    std::size_t first = 0;
    std::size_t last = s.size();
    while (first < last && is_blank(s[first])) ++first;
    while (last > first && is_blank(s[last - 1])) --last;
    return s.substr(first, last - first);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

ResponseHead::Step ResponseHead::add_line(std::string_view line) {
    if (line.size() > max_head_line_bytes) return Step::line_too_large;
    if (line.starts_with("HTTP/")) {
        start_block(line);
        return Step::more;
    }
    if (!trim(line).empty()) {
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) add_field(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
        return Step::more;
    }
    // The end of a block: the final one unless it was informational (1xx other than 101).
    const int code = parsed_code_;
    if (code >= 200 && lengths_conflict_) return Step::conflicting_lengths;
    if (code >= 200 || code == 101 || code == 0) {
        status_code_ = code;
        return Step::complete;
    }
    return Step::more;
}

void ResponseHead::start_block(std::string_view status_line) {
    headers_.clear();
    headers_.reserve(16);  // one allocation for a typical head
    content_length_.reset();
    lengths_conflict_ = false;
    const std::string_view rest = status_line.substr(5);
    const std::size_t space = rest.find(' ');
    http_version_ = std::string(trim(rest.substr(0, space)));
    if (http_version_ == "2.0") http_version_ = "2";
    const std::string_view after_version = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    parsed_code_ = 0;
    for (std::size_t i = 0; i < after_version.size() && i < 3 && is_digit(after_version[i]); ++i)
        parsed_code_ = parsed_code_ * 10 + (after_version[i] - '0');
    const std::size_t reason_start = after_version.find(' ');
    reason_ = reason_start == std::string_view::npos ? std::string() : std::string(trim(after_version.substr(reason_start + 1)));
}

void ResponseHead::add_field(std::string_view name, std::string_view value) {
    if (utils::iequals(name, "Content-Length")) {
        if (!content_length_) content_length_ = std::string(value);
        else if (*content_length_ != value) lengths_conflict_ = true;
    }
    headers_.add(name, std::string(value));
}

std::exception_ptr ResponseHead::framing_error() const {
    if (!lengths_conflict_) return nullptr;
    std::string listed;
    for (const std::string& length : headers_.get_all("Content-Length")) listed += (listed.empty() ? "" : ", ") + length;
    return conflicting_lengths_error(listed, std::error_code(CURLE_WEIRD_SERVER_REPLY, curl_category()));
}

}  // namespace azcore::transport::detail
