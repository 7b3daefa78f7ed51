#pragma once
// multipart/mixed response bodies: the MIME boundary grammar (RFC 2046 §5.1.1) and each part's
// HTTP message (Boost.Beast's parser), matched to the sub-requests as Python's _decode_parts does.
#include <azcore/bytes.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/transport/transport_response.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::rest::detail {

/// One body part between two delimiter lines: its MIME headers and what follows them.
struct MimePart {
    CaseInsensitiveDict headers{};
    std::string_view body{};
};

/// The parts between `--boundary` lines, the preamble and epilogue dropped; lines may end in CRLF,
/// LF or CR. std::invalid_argument when no delimiter line is found, the close delimiter is missing or
/// a part's headers do not parse.
std::vector<MimePart> split_multipart(std::string_view body, std::string_view boundary);

/// A part's HTTP response: status line, headers and body (up to Content-Length, chunked, or the end).
struct PartResponse {
    std::shared_ptr<HttpRequest> request{};
    transport::ReceivedHead head{};
    Bytes body{};
};

/// An HTTP/1.x response message parsed by Beast; `head_request`: the body is empty whatever the
/// headers say. std::invalid_argument naming the parser's complaint.
PartResponse parse_http_response(std::string_view message, bool head_request);

/// Every application/http part of a multipart/mixed body of the given Content-Type, changesets
/// flattened in order; part i answers requests[i], or `parent` past their end (as in Python).
/// std::invalid_argument naming the part (1-based, "2.1" inside a changeset) and what is wrong.
std::vector<PartResponse> decode_parts(std::string_view body, std::string_view content_type,
                                       const std::vector<std::shared_ptr<HttpRequest>>& requests,
                                       const std::shared_ptr<HttpRequest>& parent);

}  // namespace azcore::rest::detail
