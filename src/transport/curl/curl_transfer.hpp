#pragma once
// CurlTransfer: the sync face of one request: a pooled handle pair driven by the calling thread
// only as far as the caller needs (to the end of the headers, then chunk by chunk).
#include <azcore/rest/response_body_reader.hpp>

#include "transport/curl/curl_exchange.hpp"
#include "transport/curl/curl_transport_impl.hpp"

#include <memory>

namespace azcore::transport::detail {

class CurlTransfer {
public:
    CurlTransfer(std::shared_ptr<CurlTransportImpl> owner, std::shared_ptr<const rest::HttpRequest> request,
                 TransferSettings settings);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer&) = delete;
    CurlTransfer& operator=(const CurlTransfer&) = delete;

    /// Sends the request and drives the transfer until the response headers are complete.
    void start();
    /// Body bytes as sent; 0 at the end; throws the mapped exception of a failed transfer.
    std::size_t read_some(Bytes& out, std::size_t max);
    /// Abandons an unfinished transfer (its connection is closed) and returns the handles.
    void close() noexcept;
    CurlExchange& exchange() { return exchange_; }
    const CurlExchange& exchange() const { return exchange_; }

private:
    /// One round of curl work, waiting for socket activity when there is nothing to do.
    void drive();
    void release_handles() noexcept;

    std::shared_ptr<CurlTransportImpl> owner_;
    CurlExchange exchange_;
    ConnectionLimiter::Slot slot_;
    std::unique_ptr<CurlHandlePair> handles_;
    bool in_multi_ = false;
};

/// The sync body of a response: pulls from its transfer.
class CurlBodyReader final : public rest::ResponseBodyReader {
public:
    explicit CurlBodyReader(std::unique_ptr<CurlTransfer> transfer) : transfer_(std::move(transfer)) {}
    std::size_t read_some(Bytes& out, std::size_t max) override { return transfer_->read_some(out, max); }
    void close() noexcept override { transfer_->close(); }
    rest::TransferTimings timings() const override { return transfer_->exchange().timings(); }

private:
    std::unique_ptr<CurlTransfer> transfer_;
};

}  // namespace azcore::transport::detail
