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

namespace azcore::pipeline {
class SansIOHTTPPolicy;
}

namespace azcore::rest {

class HttpRequest;

/// Python's keyword arguments of `set_multipart_mixed`.
struct MultipartMixedOptions {
    /// Run on every sub-request (on_request, before the body is built) and on every part of the
    /// response (on_response, in parts()); a changeset runs its own.
    std::vector<std::shared_ptr<pipeline::SansIOHTTPPolicy>> policies{};
    /// The MIME boundary; empty: a random one in Python's form (`===============<19 digits>==`).
    std::string boundary{};
};

/// What set_multipart_mixed recorded (Python's `multipart_mixed_info`).
struct MultipartMixedInfo {
    /// The sub-requests, in order.
    std::vector<std::shared_ptr<HttpRequest>> requests{};
    /// The policies run on each sub-request and each part of the response.
    std::vector<std::shared_ptr<pipeline::SansIOHTTPPolicy>> policies{};
    /// The MIME boundary of the body.
    std::string boundary{};
};

/// A query parameter or form field value; a list becomes repeated keys (k=a&k=b).
using ParamValue = std::variant<std::string, std::vector<std::string>>;

/// One file of a multipart/form-data body (Python's `(filename, content, content_type)` tuple).
/// An empty filename or content_type is left out of the part's headers.
struct FileContent {
    /// The file's name in the part's Content-Disposition.
    std::string filename{};
    /// The file's bytes, or a stream read when the body is sent.
    std::variant<Bytes, std::shared_ptr<BodyStream>> content{};
    /// The part's Content-Type.
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

    /// The method, as given ("GET").
    std::string method;
    /// The absolute URL, params added.
    std::string url;
    /// The headers to send: those given, and the ones the body implies (Content-Type, Content-Length).
    CaseInsensitiveDict headers;
    /// The body.
    RequestContent content;

    /// True when a body was given (even an empty one).
    bool has_body() const noexcept { return !std::holds_alternative<std::monostate>(content); }

    /// Makes this a multipart/mixed batch of `requests` (a request that is itself a batch is a
    /// changeset). The pipeline runs the policies' on_request on each sub-request, then builds the
    /// body (prepare_multipart_body). std::invalid_argument for a null policy.
    void set_multipart_mixed(std::vector<HttpRequest> requests, MultipartMixedOptions options = {});
    /// Set by set_multipart_mixed; null otherwise. Copies of this request share it.
    const std::shared_ptr<const MultipartMixedInfo>& multipart_mixed_info() const noexcept { return multipart_; }
    /// Builds the multipart/mixed body and Content-Type from the sub-requests as they are now,
    /// numbering their Content-ID from content_index; returns the next index. Does nothing (returns
    /// 0) without set_multipart_mixed. std::invalid_argument naming a sub-request whose body is a
    /// stream or whose method, URL or headers cannot be written.
    int prepare_multipart_body(int content_index = 0);
    /// The request as an HTTP/1.1 message (Python's `serialize()`, application/http): the request
    /// line with the URL as given, Content-Length as http.client adds it, the headers, the body.
    Bytes serialize() const;

private:
    std::shared_ptr<const MultipartMixedInfo> multipart_;
};

/// Python's repr: <HttpRequest [GET], url: 'https://...'>. A SAS signature (`sig=`) in the URL is
/// shown as REDACTED.
std::ostream& operator<<(std::ostream& out, const HttpRequest& request);

}  // namespace azcore::rest
