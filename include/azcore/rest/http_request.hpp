#pragma once
// HttpRequest: Python's `azure.core.rest.HttpRequest`.
#include <azcore/bytes.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <boost/json/value.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace azcore::rest {

/// A query parameter or form field value; a list becomes repeated keys (k=a&k=b).
using ParamValue = std::variant<std::string, std::vector<std::string>>;

/// One file of a multipart/form-data body (Python's `(filename, content, content_type)` tuple).
/// An empty filename or content_type is left out of the part's headers.
struct FileContent {
    std::string filename{};
    std::variant<Bytes, std::shared_ptr<BodyStream>> content{};
    std::string content_type{};
};

/// The body of a request: none, bytes (shared, so copies of a request are cheap) or a stream.
using RequestContent = std::variant<std::monostate, std::shared_ptr<const Bytes>, std::shared_ptr<BodyStream>>;

/// Python's keyword arguments of `HttpRequest`. The body is taken from the first of content, json,
/// files/data that is given.
struct HttpRequestOptions {
    /// Added to the URL's query, percent-encoded, in order; a key already in the URL's query is left out.
    std::vector<std::pair<std::string, ParamValue>> params{};
    /// Sent as given; they override the headers derived from the body.
    CaseInsensitiveDict headers{};
    /// Serialised as the body, with Content-Type: application/json.
    std::optional<boost::json::value> json{};
    /// The body as text (Content-Type: text/plain), bytes, or a stream.
    std::optional<std::variant<std::string, Bytes, std::shared_ptr<BodyStream>>> content{};
    /// Form fields: application/x-www-form-urlencoded, or fields of the multipart body when files are given.
    /// Fields with an empty value are left out, as in Python.
    std::vector<std::pair<std::string, ParamValue>> data{};
    /// Files of a multipart/form-data body.
    std::vector<std::pair<std::string, FileContent>> files{};
};

/// An HTTP request to send through a pipeline. The body is built at construction: bytes, text and
/// JSON bodies become Bytes; form bodies are encoded; multipart bodies stream their files.
class HttpRequest {
public:
    /// std::invalid_argument naming `url` when params must be added to a URL that does not parse.
    HttpRequest(std::string method, std::string url, HttpRequestOptions options = {});

    std::string method;
    std::string url;
    CaseInsensitiveDict headers;
    RequestContent content;

    /// True when a body was given (even an empty one).
    bool has_body() const noexcept { return !std::holds_alternative<std::monostate>(content); }
};

/// Python's repr: <HttpRequest [GET], url: 'https://...'>. A SAS signature (`sig=`) in the URL is
/// shown as REDACTED.
std::ostream& operator<<(std::ostream& out, const HttpRequest& request);

}  // namespace azcore::rest
