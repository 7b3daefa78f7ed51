#pragma once
// multipart/form-data request bodies: fields and files, streamed when a file is a stream.
#include <azcore/rest/http_request.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace azcore::rest::detail {

struct MultipartForm {
    std::string content_type;              // multipart/form-data; boundary=...
    RequestContent content;                // Bytes when every file is Bytes, else a stream
    std::optional<std::uint64_t> length;   // known unless a file stream's length is unknown
};

/// 32 random lower-case hex digits (like urllib3's boundary).
std::string random_multipart_boundary();

/// The body laid out as urllib3 does (what Python's transports send): the data fields first (empty
/// values left out, lists repeated), then the files, each part
/// `--boundary\r\nContent-Disposition: form-data; name="..."[; filename="..."]\r\n[Content-Type: ...\r\n]\r\n<data>\r\n`,
/// closed by `--boundary--\r\n`. When a file is a stream the body is a stream over the parts: seekable
/// when every file stream is seekable with a known length, its length known when every one is known.
MultipartForm build_multipart_form(const std::vector<std::pair<std::string, ParamValue>>& data,
                                   const std::vector<std::pair<std::string, FileContent>>& files,
                                   const std::string& boundary);

}  // namespace azcore::rest::detail
