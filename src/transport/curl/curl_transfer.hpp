#pragma once
// CurlTransfer: one request on a pooled handle pair, driven by the calling thread only as far as
// the caller needs: to the end of the headers, then chunk by chunk as the body is read.
#include <azcore/bytes.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/response_body_reader.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include "transport/curl/curl_error_mapping.hpp"
#include "transport/curl/curl_transport_impl.hpp"
#include "transport/transfer_settings.hpp"

#include <curl/curl.h>

#include <chrono>
#include <exception>
#include <memory>
#include <string>

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
    std::size_t read_some(std::span<std::uint8_t> buffer);
    /// Abandons an unfinished transfer (its connection is closed) and returns the handles.
    void close() noexcept;

    int status_code() const { return status_code_; }
    const std::string& reason() const { return reason_; }
    const std::string& http_version() const { return http_version_; }
    CaseInsensitiveDict take_headers() { return std::move(headers_); }

private:
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_read(char* data, std::size_t size, std::size_t count, void* self);
    static int on_seek(void* self, curl_off_t offset, int origin);

    void configure();
    void configure_body(CURL* easy);
    /// One round of curl work, waiting for socket activity when there is nothing to do.
    void drive();
    void check_read_timeout();
    void finish(CURLcode result);
    TransferPhase phase() const;
    [[noreturn]] void fail();
    void release_handles() noexcept;

    std::shared_ptr<CurlTransportImpl> owner_;
    std::shared_ptr<const rest::HttpRequest> request_;
    TransferSettings settings_;
    std::string host_key_;
    ConnectionLimiter::Slot slot_;
    std::unique_ptr<CurlHandlePair> handles_;
    bool in_multi_ = false;
    curl_slist* header_list_ = nullptr;
    char error_buffer_[CURL_ERROR_SIZE] = {};

    std::uint64_t stream_start_ = 0;
    std::exception_ptr upload_error_;

    int status_code_ = 0;
    std::string reason_;
    std::string http_version_ = "1.1";
    CaseInsensitiveDict headers_;
    bool headers_done_ = false;

    Bytes buffer_;
    std::size_t buffer_offset_ = 0;
    std::size_t pause_threshold_;
    bool paused_ = false;
    bool finished_ = false;
    CURLcode result_ = CURLE_OK;
    std::exception_ptr failure_;

    bool connected_ = false;
    std::chrono::steady_clock::time_point last_activity_{};
};

/// The sync body of a response: pulls from its transfer.
class CurlBodyReader final : public rest::ResponseBodyReader {
public:
    explicit CurlBodyReader(std::unique_ptr<CurlTransfer> transfer) : transfer_(std::move(transfer)) {}
    std::size_t read_some(std::span<std::uint8_t> buffer) override { return transfer_->read_some(buffer); }
    void close() noexcept override { transfer_->close(); }

private:
    std::unique_ptr<CurlTransfer> transfer_;
};

}  // namespace azcore::transport::detail
