#include "transport/curl/curl_transfer.hpp"

#include <algorithm>
#include <stdexcept>

namespace azcore::transport::detail {

CurlTransfer::CurlTransfer(std::shared_ptr<CurlTransportImpl> owner, std::shared_ptr<const rest::HttpRequest> request,
                           TransferSettings settings)
    : owner_(std::move(owner)), exchange_(std::move(request), std::move(settings), owner_->monitor()) {}

CurlTransfer::~CurlTransfer() { close(); }

void CurlTransfer::start() {
    slot_ = owner_->limiter().acquire(exchange_.host_key());
    handles_ = owner_->acquire(exchange_.host_key());
    exchange_.configure(handles_->easy(), handles_->standing, [this] { handles_->reset(); });
    if (curl_multi_add_handle(handles_->multi(), handles_->easy()) != CURLM_OK) {
        release_handles();
        throw std::runtime_error("curl_multi_add_handle failed");
    }
    in_multi_ = true;
    while (!exchange_.headers_done() && !exchange_.finished()) drive();
    if (!exchange_.headers_done()) std::rethrow_exception(exchange_.failure());
}

void CurlTransfer::drive() {
    CURLM* multi = handles_->multi();
    CURL* easy = handles_->easy();
    int running = 0;
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
        if (message->msg == CURLMSG_DONE) {
            exchange_.finish(message->data.result, easy);
            // The connection stays in the pair's cache when the transfer completed.
            release_handles();
            return;
        }
    }
    if (exchange_.time_ran_out(easy)) {
        release_handles();
        return;
    }
    if (exchange_.headers_done() && exchange_.reader_has_bytes()) return;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(exchange_.wait_limit(std::chrono::seconds(1))).count();
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::clamp<long long>(wait + 1, 1, 1000)), nullptr);
}

std::size_t CurlTransfer::read_some(Bytes& out, std::size_t max) {
    for (;;) {
        const CurlExchange::ReadStep step = exchange_.read_step();
        if (step == CurlExchange::ReadStep::take) return exchange_.take(out, max);
        if (step == CurlExchange::ReadStep::end) return 0;
        const CurlExchange::DirectRead direct = exchange_.read_into(out, max);
        if (step == CurlExchange::ReadStep::resume) curl_easy_pause(handles_->easy(), CURLPAUSE_CONT);
        else drive();
        if (direct.delivered() != 0) return direct.delivered();
    }
}

void CurlTransfer::release_handles() noexcept {
    if (handles_) {
        if (in_multi_) curl_multi_remove_handle(handles_->multi(), handles_->easy());
        in_multi_ = false;
        // The handle must not keep pointing at this exchange's header list.
        curl_easy_setopt(handles_->easy(), CURLOPT_HTTPHEADER, nullptr);
        handles_->standing = exchange_.leaves();
        owner_->release(std::move(handles_), exchange_.host_key());
    }
    slot_.release();
}

void CurlTransfer::close() noexcept {
    exchange_.abandon();
    release_handles();
}

}  // namespace azcore::transport::detail
