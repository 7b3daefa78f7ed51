#include <azcore/transport/curl_transport.hpp>

#include <azcore/rest/http_response.hpp>
#include <azcore/transport/transport_response.hpp>

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
                                                        const options::Kwargs& options) {
    detail::TransferSettings settings = detail::resolve_settings(impl_->config(), options, *request);
    const ResponseReading reading = settings.reading;
    auto transfer = std::make_unique<detail::CurlTransfer>(impl_, request, std::move(settings));
    transfer->start();
    ReceivedHead head = transfer->exchange().take_head();
    return make_response(request, std::move(head), std::make_unique<detail::CurlBodyReader>(std::move(transfer)), reading);
}

std::span<const std::string_view> CurlTransport::option_names() const { return standard_transport_options(); }

void CurlTransport::close() { impl_->clear_pool(); }

const ConnectionConfiguration& CurlTransport::config() const { return impl_->config(); }

ConnectionPoolStats CurlTransport::connection_pool() const { return impl_->monitor().snapshot(); }

}  // namespace azcore::transport
