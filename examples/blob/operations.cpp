#include "operations.hpp"

#include <azcore/exceptions.hpp>

#include <pugixml.hpp>

#include <stdexcept>

namespace blob {
namespace {

using azcore::rest::HttpRequest;
using azcore::rest::HttpRequestOptions;

/// If-Match / If-None-Match for a condition (the generator's prep_if_match / prep_if_none_match).
void add_condition(azcore::CaseInsensitiveDict& headers, const std::optional<ETagCondition>& condition) {
    if (!condition) return;
    using azcore::MatchConditions;
    switch (condition->condition) {
        case MatchConditions::Unconditionally:
            return;
        case MatchConditions::IfNotModified:
        case MatchConditions::IfModified:
            if (condition->etag.empty()) throw std::invalid_argument("etag is required for this match condition");
            headers.set(condition->condition == MatchConditions::IfNotModified ? "If-Match" : "If-None-Match", condition->etag);
            return;
        case MatchConditions::IfPresent:
            headers.set("If-Match", "*");
            return;
        case MatchConditions::IfMissing:
            headers.set("If-None-Match", "*");
            return;
    }
}

HttpRequest request_with_condition(std::string method, const std::string& url, HttpRequestOptions options,
                                   const std::optional<ETagCondition>& condition) {
    add_condition(options.headers, condition);
    return HttpRequest(std::move(method), url, std::move(options));
}

/// Code and message of a Storage error: the XML body when there is one, else the headers (HEAD).
std::pair<std::string, std::string> storage_error(const azcore::rest::HttpResponseBase& response) {
    std::string code = response.headers().get("x-ms-error-code").value_or("");
    std::string message = response.reason();
    pugi::xml_document document;
    if (!response.content().empty() && document.load_buffer(response.content().data(), response.content().size())) {
        const auto error = document.child("Error");
        if (const auto text = error.child_value("Code"); *text) code = text;
        if (const auto text = error.child_value("Message"); *text) message = text;
        if (const auto cut = message.find('\n'); cut != std::string::npos) message.resize(cut);
    }
    return {code, message};
}

std::int64_t to_int64(const std::string& text) {
    try {
        return std::stoll(text);
    } catch (const std::exception&) {
        throw azcore::exceptions::DeserializationError("not an integer: '" + text + "'");
    }
}

}  // namespace

HttpRequest build_create_container(const std::string& container_url) {
    return HttpRequest("PUT", container_url, {.params = {{"restype", "container"}}});
}

HttpRequest build_delete_container(const std::string& container_url) {
    return HttpRequest("DELETE", container_url, {.params = {{"restype", "container"}}});
}

HttpRequest build_upload(const std::string& blob_url, std::shared_ptr<azcore::rest::BodyStream> body, const UploadOptions& options) {
    if (!body || !body->length()) throw std::invalid_argument("the upload's length must be known");
    HttpRequestOptions request{.headers = {{"x-ms-blob-type", "BlockBlob"}, {"Content-Type", options.content_type}},
                               .content = std::move(body)};
    return request_with_condition("PUT", blob_url, std::move(request), options.condition);
}

HttpRequest build_get_properties(const std::string& blob_url, const std::optional<ETagCondition>& condition) {
    return request_with_condition("HEAD", blob_url, {}, condition);
}

HttpRequest build_download(const std::string& blob_url, const DownloadOptions& options) {
    HttpRequestOptions request;
    if (const auto& range = options.range) {
        if (range->offset < 0 || (range->length && *range->length <= 0))
            throw std::invalid_argument("a range needs offset >= 0 and length > 0");
        std::string value = "bytes=" + std::to_string(range->offset) + "-";
        if (range->length) value += std::to_string(range->offset + *range->length - 1);
        request.headers.set("x-ms-range", value);
    }
    return request_with_condition("GET", blob_url, std::move(request), options.condition);
}

HttpRequest build_delete_blob(const std::string& blob_url, const std::optional<ETagCondition>& condition) {
    return request_with_condition("DELETE", blob_url, {}, condition);
}

HttpRequest build_list_blobs(const std::string& container_url, const ListBlobsOptions& options,
                             const std::optional<std::string>& marker) {
    HttpRequestOptions request{.params = {{"restype", "container"}, {"comp", "list"}}};
    if (!options.prefix.empty()) request.params.emplace_back("prefix", options.prefix);
    if (options.results_per_page) request.params.emplace_back("maxresults", std::to_string(*options.results_per_page));
    if (marker) request.params.emplace_back("marker", *marker);
    return HttpRequest("GET", container_url, std::move(request));
}

namespace {

[[noreturn]] void raise_storage_error(const std::shared_ptr<azcore::rest::HttpResponseBase>& response) {
    using namespace azcore::exceptions;
    const int status = response->status_code();
    auto [code, message] = storage_error(*response);
    if (!code.empty()) message += "\nErrorCode:" + code;
    switch (status) {
        case 304: throw ResourceNotModifiedError(message, response);
        case 401:
        case 403: throw ClientAuthenticationError(message, response);
        case 404: throw ResourceNotFoundError(message, response);
        case 409: throw ResourceExistsError(message, response);
        case 412: throw ResourceModifiedError(message, response);
        default: throw HttpResponseError(message, response);
    }
}

}  // namespace

const azcore::exceptions::ErrorMap& storage_error_map() {
    static const azcore::exceptions::ErrorMap map{.default_error = raise_storage_error};
    return map;
}

UploadResult upload_result(const azcore::rest::HttpResponseBase& response) {
    return {.etag = response.headers().get("ETag").value_or(""),
            .last_modified = response.headers().get("Last-Modified").value_or("")};
}

BlobProperties blob_properties(const azcore::rest::HttpResponseBase& response) {
    const auto& headers = response.headers();
    BlobProperties properties{.etag = headers.get("ETag").value_or(""),
                              .content_type = headers.get("Content-Type").value_or(""),
                              .last_modified = headers.get("Last-Modified").value_or("")};
    // A ranged download's Content-Length is the range's; the blob's size follows the '/'.
    if (const auto range = headers.get("Content-Range")) properties.size = to_int64(range->substr(range->rfind('/') + 1));
    else properties.size = to_int64(headers.get("Content-Length").value_or("0"));
    return properties;
}

azcore::paging::PageData<BlobItem> list_blobs_page(const azcore::rest::HttpResponseBase& response) {
    pugi::xml_document document;
    const auto& body = response.content();
    if (!document.load_buffer(body.data(), body.size()))
        throw azcore::exceptions::DeserializationError("the List Blobs response is not XML");
    const auto results = document.child("EnumerationResults");
    if (!results) throw azcore::exceptions::DeserializationError("the List Blobs response has no EnumerationResults");
    std::vector<BlobItem> items;
    for (const auto blob : results.child("Blobs").children("Blob")) {
        const auto properties = blob.child("Properties");
        items.push_back({.name = blob.child_value("Name"),
                         .size = to_int64(properties.child_value("Content-Length")),
                         .etag = properties.child_value("Etag"),
                         .content_type = properties.child_value("Content-Type")});
    }
    std::string next = results.child_value("NextMarker");
    if (next.empty()) return {std::nullopt, std::move(items)};
    return {std::move(next), std::move(items)};
}

}  // namespace blob
