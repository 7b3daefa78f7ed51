#include <azcore/transport/curl_transport.hpp>

#include <azcore/rest/http_response.hpp>

#include "transport/curl/curl_transfer.hpp"
#include "transport/curl/curl_transport_impl.hpp"
#include "transport/transfer_settings.hpp"

namespace azcore::transport {

/// The transport's state is a CurlTransportImpl, which its transfers share.
class CurlTransport::Impl final : public detail::CurlTransportImpl {
public:
    using detail::CurlTransportImpl::CurlTransportImpl;
};

CurlTransport::CurlTransport(ConnectionConfiguration config) : impl_(std::make_shared<Impl>(std::move(config))) {}

CurlTransport::~CurlTransport() = default;

std::shared_ptr<rest::HttpResponse> CurlTransport::send(const std::shared_ptr<rest::HttpRequest>& request,
                                                        const pipeline::Kwargs& options) {
    detail::TransferSettings settings = detail::resolve_settings(impl_->config(), options, request->url);
    const bool stream = settings.stream;
    const std::size_t block_size = settings.block_size;
    const std::size_t max_decoded_size = settings.max_decoded_size;
    auto transfer = std::make_unique<detail::CurlTransfer>(impl_, request, std::move(settings));
    transfer->start();
    detail::CurlExchange& exchange = transfer->exchange();
    int status = exchange.status_code();
    std::string reason = exchange.reason();
    std::string version = exchange.http_version();
    CaseInsensitiveDict headers = exchange.take_headers();
    auto response = std::make_shared<rest::HttpResponse>(
        request, status, std::move(reason), std::move(headers),
        std::make_unique<detail::CurlBodyReader>(std::move(transfer)), std::move(version), block_size,
        max_decoded_size);
    if (!stream) response->read();
    return response;
}

std::span<const std::string_view> CurlTransport::option_names() const { return standard_transport_options(); }

void CurlTransport::close() { impl_->clear_pool(); }

const ConnectionConfiguration& CurlTransport::config() const { return impl_->config(); }

}  // namespace azcore::transport
