#pragma once
// A small Azure Blob Storage client written on azcore the way a service client author would:
// ContainerClient<Face> and BlobClient<Face> (Face = azcore::Sync or azcore::Async), one pipeline
// per account endpoint with the standard policies, x-ms-version through HeadersPolicy, and the
// credential's policy in the authentication slot: SharedKey (AzureNamedKeyCredential), SAS
// (AzureSasCredential), or bearer tokens (a token credential, scope https://storage.azure.com/.default).
#include "models.hpp"
#include "operations.hpp"

#include <azcore/credentials.hpp>
#include <azcore/faces.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/transport/connection_configuration.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <variant>

namespace blob {

using azcore::Async;
using azcore::FaceExecutor;
using azcore::Sync;

/// The scope of Storage bearer tokens.
inline constexpr const char* storage_scope = "https://storage.azure.com/.default";

/// How a client authenticates; std::monostate: anonymous (public containers only).
template <class Face>
using Credential = std::variant<std::monostate, std::shared_ptr<azcore::credentials::AzureNamedKeyCredential>,
                                std::shared_ptr<azcore::credentials::AzureSasCredential>,
                                std::shared_ptr<typename Face::TokenCredential>>;

template <class Face>
struct ClientOptions {
    Credential<Face> credential{};
    /// Timeouts and TLS (e.g. connection_verify: a CA file for a self-signed server).
    azcore::transport::ConnectionConfiguration connection{};
    /// Extra per-call policies (e.g. to observe requests).
    std::vector<std::shared_ptr<azcore::pipeline::HTTPPolicy>> per_call_policies{};
    /// The retry policy's settings are the standard ones; tests may shorten them.
    std::shared_ptr<azcore::pipeline::HTTPPolicy> retry_policy{};
};

/// The pipeline options a client builds from ClientOptions (transport aside).
azcore::PipelineClientOptions pipeline_options(std::shared_ptr<azcore::pipeline::HTTPPolicy> authentication,
                                               std::vector<std::shared_ptr<azcore::pipeline::HTTPPolicy>> per_call_policies,
                                               std::shared_ptr<azcore::pipeline::HTTPPolicy> retry_policy);
/// The authentication policy for a credential (null for none).
std::shared_ptr<azcore::pipeline::HTTPPolicy> authentication_policy(const Credential<Sync>& credential);
std::shared_ptr<azcore::pipeline::HTTPPolicy> authentication_policy(const Credential<Async>& credential);

/// A streamed download: the blob's properties, and the response whose body is read as it is
/// consumed (response->iter_bytes(), in the Async face with co_await).
template <class Face>
struct BlobDownload {
    BlobProperties properties{};
    std::shared_ptr<typename Face::Response> response{};
};

namespace detail {

/// Builds the face's pipeline client for an account endpoint.
std::shared_ptr<azcore::PipelineClient> make_pipeline_client(const std::string& endpoint, const ClientOptions<Sync>& options);
std::shared_ptr<azcore::AsyncPipelineClient> make_pipeline_client(const std::string& endpoint, const ClientOptions<Async>& options,
                                                                   azcore::net::any_io_executor executor);

/// Sends request; a status outside expected raises the Storage error (the body is read first).
std::shared_ptr<azcore::rest::HttpResponse> send(const azcore::PipelineClient& client, azcore::rest::HttpRequest request,
                                                 Statuses expected, bool stream = false);
azcore::net::awaitable<std::shared_ptr<azcore::rest::AsyncHttpResponse>> send(const azcore::AsyncPipelineClient& client,
                                                                              azcore::rest::HttpRequest request,
                                                                              Statuses expected,
                                                                              bool stream = false);

}  // namespace detail

template <class Face>
class BlobClient;

/// One container: create, delete, list its blobs, and BlobClients for its blobs.
template <class Face>
class ContainerClient {
public:
    /// container_url: `<account endpoint>/<container>`.
    template <FaceExecutor... Executor>
    ContainerClient(std::string container_url, const ClientOptions<Face>& options, Executor... executor)
        : url_(std::move(container_url)), client_(detail::make_pipeline_client(url_, options, executor...)) {}

    const std::string& url() const { return url_; }

    /// Creates the container; ResourceExistsError when it exists.
    typename Face::template Result<void> create() const;
    /// Deletes the container; ResourceNotFoundError when there is none.
    typename Face::template Result<void> delete_container() const;
    /// The container's blobs in name order, a page per request (lazy).
    typename Face::template ItemPaged<BlobItem> list_blobs(ListBlobsOptions options = {}) const;
    /// A client for one blob, sharing this client's pipeline.
    BlobClient<Face> get_blob_client(const std::string& blob_name) const { return BlobClient<Face>(url_ + "/" + blob_name, client_); }

private:
    std::string url_;
    std::shared_ptr<typename Face::PipelineClient> client_;
};

/// One block blob: upload, properties, download, delete.
template <class Face>
class BlobClient {
public:
    BlobClient(std::string blob_url, std::shared_ptr<typename Face::PipelineClient> client)
        : url_(std::move(blob_url)), client_(std::move(client)) {}

    const std::string& url() const { return url_; }

    /// Uploads the stream (length known; rewound on a retry) as the blob's content.
    typename Face::template Result<UploadResult> upload(std::shared_ptr<azcore::rest::BodyStream> data,
                                                        UploadOptions options = {}) const;
    /// Uploads a file, read from disk as it is sent.
    typename Face::template Result<UploadResult> upload_file(const std::filesystem::path& path, UploadOptions options = {}) const {
        return upload(std::make_shared<azcore::rest::FileStream>(path.string()), std::move(options));
    }
    typename Face::template Result<BlobProperties> get_properties(std::optional<ETagCondition> condition = {}) const;
    /// Starts a streamed download (206 for a range).
    typename Face::template Result<BlobDownload<Face>> download(DownloadOptions options = {}) const;
    typename Face::template Result<void> delete_blob(std::optional<ETagCondition> condition = {}) const;

private:
    std::string url_;
    std::shared_ptr<typename Face::PipelineClient> client_;
};

using SyncContainerClient = ContainerClient<Sync>;
using AsyncContainerClient = ContainerClient<Async>;

}  // namespace blob
