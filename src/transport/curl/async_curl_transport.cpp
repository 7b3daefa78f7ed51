#include <azcore/transport/async_curl_transport.hpp>

#include <azcore/rest/async_http_response.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/curl/async_curl_transfer.hpp"
#include "transport/curl/curl_multi_driver.hpp"
#include "transport/transfer_settings.hpp"
#include "utils/run_on.hpp"

#include <boost/asio/dispatch.hpp>

namespace azcore::transport {
namespace {

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_on_driver(std::shared_ptr<detail::CurlMultiDriver> driver,
                                                                        std::shared_ptr<rest::HttpRequest> request,
                                                                        detail::TransferSettings settings) {
    const ResponseReading reading = settings.reading;
    auto transfer = std::make_unique<detail::AsyncCurlTransfer>(driver, request, std::move(settings));
    co_await transfer->start();
    ReceivedHead head = transfer->exchange().take_head();
    co_return co_await make_async_response(request, std::move(head),
                                           std::make_unique<detail::AsyncCurlBodyReader>(std::move(transfer)), reading);
}

}  // namespace

/// The transport's state is a CurlMultiDriver, which its transfers share.
class AsyncCurlTransport::Driver final : public detail::CurlMultiDriver {
public:
    using detail::CurlMultiDriver::CurlMultiDriver;
};

AsyncCurlTransport::AsyncCurlTransport(net::any_io_executor executor, ConnectionConfiguration config)
    : driver_(std::make_shared<Driver>(std::move(executor), std::move(config))) {}

AsyncCurlTransport::~AsyncCurlTransport() = default;

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> AsyncCurlTransport::async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                                       const options::Kwargs& options) {
    driver_->check_attached();
    detail::TransferSettings settings = detail::resolve_settings(driver_->config(), options, *request);
    // Run on the transport's executor, resume on the caller's.
    co_return co_await azcore::detail::run_on(driver_->executor(), send_on_driver(driver_, std::move(request), std::move(settings)));
}

std::span<const std::string_view> AsyncCurlTransport::option_names() const { return standard_transport_options(); }

void AsyncCurlTransport::close() {
    if (driver_->detached()) return;
    // On the transport's thread: at once when called there, else when that thread next runs.
    net::dispatch(driver_->executor(), [driver = driver_] { driver->close_idle(); });
}

std::size_t AsyncCurlTransport::in_flight() const { return driver_->in_flight(); }

ConnectionPoolStats AsyncCurlTransport::connection_pool() const { return driver_->monitor().snapshot(); }

const net::any_io_executor& AsyncCurlTransport::get_executor() const { return driver_->executor(); }

const ConnectionConfiguration& AsyncCurlTransport::config() const { return driver_->config(); }

}  // namespace azcore::transport
