#pragma once
// The Blob operations' requests and response handling, shared by both faces of the client (as a
// generator emits them once): each build_* makes the request, each handler checks the status
// and deserialises. Storage errors raise with the service's error code in the message:
// 404 → ResourceNotFoundError, 409 → ResourceExistsError, 412 → ResourceModifiedError,
// 304 → ResourceNotModifiedError, 401/403 → ClientAuthenticationError, else HttpResponseError.
#include "models.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/paging.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace blob {

/// The statuses an operation accepts (0: unused slot); trivially copyable, so it is safe to pass
/// to a coroutine as a temporary.
using Statuses = std::array<int, 2>;

azcore::rest::HttpRequest build_create_container(const std::string& container_url);
azcore::rest::HttpRequest build_delete_container(const std::string& container_url);
/// One Put Blob of a block blob; the stream's length must be known (it is the Content-Length).
azcore::rest::HttpRequest build_upload(const std::string& blob_url, std::shared_ptr<azcore::rest::BodyStream> body,
                                       const UploadOptions& options);
azcore::rest::HttpRequest build_get_properties(const std::string& blob_url, const std::optional<ETagCondition>& condition);
azcore::rest::HttpRequest build_download(const std::string& blob_url, const DownloadOptions& options);
azcore::rest::HttpRequest build_delete_blob(const std::string& blob_url, const std::optional<ETagCondition>& condition);
/// List Blobs from `marker` (none: the first page).
azcore::rest::HttpRequest build_list_blobs(const std::string& container_url, const ListBlobsOptions& options,
                                           const std::optional<std::string>& marker);

/// The error map of every operation: any status it does not expect raises the Storage error (the
/// service's error code and message; 304, 401/403, 404, 409 and 412 as azcore's typed errors).
const azcore::exceptions::ErrorMap& storage_error_map();

UploadResult upload_result(const azcore::rest::HttpResponseBase& response);
BlobProperties blob_properties(const azcore::rest::HttpResponseBase& response);
/// A List Blobs page: its NextMarker (nullopt on the last page) and its blobs.
azcore::paging::PageData<BlobItem> list_blobs_page(const azcore::rest::HttpResponseBase& response);

}  // namespace blob
