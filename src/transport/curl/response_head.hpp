#pragma once
// ResponseHead: a response's status line and headers, from the lines curl's header callback
// hands over (each with its line ending): status lines, header lines and the blank line that ends
// a block. An informational block (100 Continue, 103 Early Hints) is dropped and the next one
// starts over; the final block (2xx-5xx, 101, or a block without a status line) ends the head.
#include <azcore/utils/case_insensitive_dict.hpp>

#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::transport::detail {

class ResponseHead {
public:
    enum class Step {
        more,                  // keep feeding lines
        complete,              // the final block ended: status, reason, version and headers are set
        conflicting_lengths,   // the final block has Content-Length fields that disagree (framing_error())
        line_too_large,        // a line is longer than max_head_line_bytes
    };

    /// One line, with or without its CR LF. Not to be called once the head is complete.
    Step add_line(std::string_view line);

    /// Of the final block, once complete (0 when it had no status line).
    int status_code() const { return status_code_; }
    const std::string& reason() const { return reason_; }
    /// "1.1", "1.0" or "2" (curl's "2.0" is reported as "2").
    const std::string& http_version() const { return http_version_; }
    const CaseInsensitiveDict& headers() const { return headers_; }
    CaseInsensitiveDict take_headers() { return std::move(headers_); }
    /// The ServiceResponseError for conflicting Content-Length fields (RFC 9112 §6.3: the body's
    /// framing is unknowable, and this is how responses are smuggled; curl would take the last).
    std::exception_ptr framing_error() const;

private:
    void start_block(std::string_view status_line);
    /// Adds a header field, noting a Content-Length that differs from the block's first one.
    void add_field(std::string_view name, std::string_view value);

    int parsed_code_ = 0;  // of the latest status line
    int status_code_ = 0;
    std::string reason_;
    std::string http_version_ = "1.1";
    CaseInsensitiveDict headers_;
    std::optional<std::string> content_length_;  // the block's first Content-Length
    bool lengths_conflict_ = false;
};

}  // namespace azcore::transport::detail
