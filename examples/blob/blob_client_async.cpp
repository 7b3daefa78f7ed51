// The Async face of ContainerClient and BlobClient: the same requests and handlers, awaited.
#include "blob_client.hpp"

#include <azcore/send_checked.hpp>

namespace blob {

using azcore::net::awaitable;

namespace detail {

awaitable<std::shared_ptr<azcore::rest::AsyncHttpResponse>> send(const azcore::AsyncPipelineClient& client,
                                                                 azcore::rest::HttpRequest request,
                                                                 Statuses expected, bool stream) {
    // Named, not temporaries in the co_await expression (g++ 12 destroys such aggregates twice).
    azcore::SendRequestOptions options{.stream = stream};
    std::vector<int> accepted(expected.begin(), expected.end());
    co_return co_await azcore::send_checked(client, std::move(request), std::move(accepted), std::move(options),
                                            storage_error_map());
}

}  // namespace detail

template <>
awaitable<void> ContainerClient<Async>::create() const {
    auto request = build_create_container(url_);
    co_await detail::send(*client_, std::move(request), {201});
}

template <>
awaitable<void> ContainerClient<Async>::delete_container() const {
    auto request = build_delete_container(url_);
    co_await detail::send(*client_, std::move(request), {202});
}

template <>
azcore::paging::AsyncItemPaged<BlobItem> ContainerClient<Async>::list_blobs(ListBlobsOptions options) const {
    return azcore::paging::AsyncItemPaged<BlobItem>(
        [client = client_, url = url_, options](const std::optional<std::string>& marker) {
            return detail::send(*client, build_list_blobs(url, options, marker), {200});
        },
        [](const std::shared_ptr<azcore::rest::AsyncHttpResponse>& response) { return list_blobs_page(*response); });
}

template <>
awaitable<UploadResult> BlobClient<Async>::upload(std::shared_ptr<azcore::rest::BodyStream> data, UploadOptions options) const {
    auto request = build_upload(url_, std::move(data), options);
    auto response = co_await detail::send(*client_, std::move(request), {201});
    co_return upload_result(*response);
}

template <>
awaitable<BlobProperties> BlobClient<Async>::get_properties(std::optional<ETagCondition> condition) const {
    auto request = build_get_properties(url_, condition);
    auto response = co_await detail::send(*client_, std::move(request), {200});
    co_return blob_properties(*response);
}

template <>
awaitable<BlobDownload<Async>> BlobClient<Async>::download(DownloadOptions options) const {
    auto request = build_download(url_, options);
    auto response = co_await detail::send(*client_, std::move(request), {200, 206}, true);
    BlobDownload<Async> download{blob_properties(*response), std::move(response)};
    co_return download;
}

template <>
awaitable<void> BlobClient<Async>::delete_blob(std::optional<ETagCondition> condition) const {
    auto request = build_delete_blob(url_, condition);
    co_await detail::send(*client_, std::move(request), {202});
}

}  // namespace blob
