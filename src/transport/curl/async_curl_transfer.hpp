#pragma once
// AsyncCurlTransfer: the async face of one request, on a CurlMultiDriver. Waits are Asio timers:
// progress (headers, body bytes, the end) cancels the wait early; the expiry is the read timeout.
#include <azcore/net.hpp>
#include <azcore/rest/async_http_response.hpp>

#include "transport/curl/curl_exchange.hpp"
#include "transport/curl/curl_multi_driver.hpp"

#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <optional>

namespace azcore::transport::detail {

class AsyncCurlTransfer final : public MultiTransfer {
public:
    AsyncCurlTransfer(std::shared_ptr<CurlMultiDriver> driver, std::shared_ptr<const rest::HttpRequest> request,
                      TransferSettings settings);
    ~AsyncCurlTransfer();
    AsyncCurlTransfer(const AsyncCurlTransfer&) = delete;
    AsyncCurlTransfer& operator=(const AsyncCurlTransfer&) = delete;

    /// Starts the transfer and waits until the response headers are complete. Cancellable.
    net::awaitable<void> start();
    /// Body bytes as sent; 0 at the end. Cancellable; throws the mapped failure.
    net::awaitable<std::size_t> read_some(Bytes& out, std::size_t max);
    /// read_some when it needs no wait: the bytes buffered, 0 at the end; nullopt otherwise.
    std::optional<std::size_t> read_ready(Bytes& out, std::size_t max);
    /// Removes an unfinished transfer at once (its connection closes).
    void close() noexcept;
    void on_done(CURLcode result) override;
    void on_context_shutdown() noexcept override { event_.reset(); }
    CURL* easy_handle() const noexcept override { return easy_; }
    CurlExchange& exchange() { return exchange_; }
    const CurlExchange& exchange() const { return exchange_; }
    const std::shared_ptr<CurlMultiDriver>& driver() const { return driver_; }

private:
    static void wake(void* self);
    /// Waits for progress; throws operation_aborted when the caller cancelled.
    net::awaitable<void> wait_for_progress();
    void release() noexcept;

    std::shared_ptr<CurlMultiDriver> driver_;
    CurlExchange exchange_;
    CURL* easy_ = nullptr;
    std::optional<boost::asio::steady_timer> event_;  // empty once the driver is detached
};

/// The async body of a response: pulls from its transfer, on the transfer's executor. Closing
/// it (or destroying it) on another thread hands the transfer to the driver's thread.
class AsyncCurlBodyReader final : public rest::AsyncResponseBodyReader {
public:
    explicit AsyncCurlBodyReader(std::unique_ptr<AsyncCurlTransfer> transfer) : transfer_(std::move(transfer)) {}
    ~AsyncCurlBodyReader() override { close(); }
    AsyncCurlBodyReader(const AsyncCurlBodyReader&) = delete;
    AsyncCurlBodyReader& operator=(const AsyncCurlBodyReader&) = delete;
    net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) override;
    std::optional<std::size_t> read_ready(Bytes& out, std::size_t max, const net::any_io_executor& caller) override;
    void close() noexcept override;
    /// None once closed.
    rest::TransferTimings timings() const override {
        return transfer_ ? transfer_->exchange().timings() : rest::TransferTimings{};
    }

private:
    std::unique_ptr<AsyncCurlTransfer> transfer_;
};

}  // namespace azcore::transport::detail
