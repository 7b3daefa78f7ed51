// The Sync face of ContainerClient and BlobClient.
#include "blob_client.hpp"

#include <azcore/send_checked.hpp>

namespace blob {
namespace detail {

std::shared_ptr<azcore::rest::HttpResponse> send(const azcore::PipelineClient& client, azcore::rest::HttpRequest request,
                                                 Statuses expected, bool stream) {
    return azcore::send_checked(client, std::move(request), {expected.begin(), expected.end()}, {.stream = stream},
                                storage_error_map());
}

}  // namespace detail

template <>
void ContainerClient<Sync>::create() const {
    detail::send(*client_, build_create_container(url_), {201});
}

template <>
void ContainerClient<Sync>::delete_container() const {
    detail::send(*client_, build_delete_container(url_), {202});
}

template <>
azcore::paging::ItemPaged<BlobItem> ContainerClient<Sync>::list_blobs(ListBlobsOptions options) const {
    return azcore::paging::ItemPaged<BlobItem>(
        [client = client_, url = url_, options](const std::optional<std::string>& marker) {
            return detail::send(*client, build_list_blobs(url, options, marker), {200});
        },
        [](const std::shared_ptr<azcore::rest::HttpResponse>& response) { return list_blobs_page(*response); });
}

template <>
UploadResult BlobClient<Sync>::upload(std::shared_ptr<azcore::rest::BodyStream> data, UploadOptions options) const {
    return upload_result(*detail::send(*client_, build_upload(url_, std::move(data), options), {201}));
}

template <>
BlobProperties BlobClient<Sync>::get_properties(std::optional<ETagCondition> condition) const {
    return blob_properties(*detail::send(*client_, build_get_properties(url_, condition), {200}));
}

template <>
BlobDownload<Sync> BlobClient<Sync>::download(DownloadOptions options) const {
    auto response = detail::send(*client_, build_download(url_, options), {200, 206}, true);
    return {blob_properties(*response), std::move(response)};
}

template <>
void BlobClient<Sync>::delete_blob(std::optional<ETagCondition> condition) const {
    detail::send(*client_, build_delete_blob(url_, condition), {202});
}

}  // namespace blob
