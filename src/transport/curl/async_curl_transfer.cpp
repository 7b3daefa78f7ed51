#include "transport/curl/async_curl_transfer.hpp"

#include "utils/run_on.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace azcore::transport::detail {

AsyncCurlTransfer::AsyncCurlTransfer(std::shared_ptr<CurlMultiDriver> driver, std::shared_ptr<const rest::HttpRequest> request,
                                     TransferSettings settings)
    : driver_(std::move(driver)), exchange_(std::move(request), std::move(settings), driver_->monitor()) {
    driver_->check_attached();
    event_.emplace(driver_->executor());
    exchange_.set_progress_hook(&AsyncCurlTransfer::wake, this);
    driver_->track(this);
}

AsyncCurlTransfer::~AsyncCurlTransfer() {
    close();
    driver_->untrack(this);
}

void AsyncCurlTransfer::wake(void* self) {
    if (auto& event = static_cast<AsyncCurlTransfer*>(self)->event_) event->cancel();
}

net::awaitable<void> AsyncCurlTransfer::start() {
    CurlMultiDriver::PooledEasy pooled = driver_->acquire_easy();
    easy_ = pooled.easy;
    exchange_.configure(easy_, pooled.standing, [this] { driver_->reset_easy(easy_); });
    // Wait for a multiplexed (HTTP/2) connection rather than open another; set either way, as a
    // kept handle holds the last request's choice.
    const bool pipewait = exchange_.settings().proxy || exchange_.host_key().starts_with("https");
    curl_easy_setopt(easy_, CURLOPT_PIPEWAIT, pipewait ? 1L : 0L);
    driver_->add(easy_, this);
    while (!exchange_.headers_done() && !exchange_.finished()) co_await wait_for_progress();
    if (!exchange_.headers_done()) std::rethrow_exception(exchange_.failure());
}

net::awaitable<void> AsyncCurlTransfer::wait_for_progress() {
    using Clock = CurlExchange::Clock;
    driver_->check_attached();
    if (easy_ != nullptr) exchange_.observe_connection(easy_);
    // Until connected, look again every 100 ms to start the read clock (connection_timeout is curl's).
    event_->expires_after(exchange_.wait_limit(exchange_.connected() ? Clock::duration::max() : std::chrono::milliseconds(100)));
    boost::system::error_code error;
    co_await event_->async_wait(net::redirect_error(net::use_awaitable, error));
    auto cancelled = (co_await net::this_coro::cancellation_state).cancelled();
    if (cancelled != net::cancellation_type::none) {
        close();
        throw boost::system::system_error(net::error::operation_aborted);
    }
    if (easy_ != nullptr && exchange_.time_ran_out(easy_)) release();
}

net::awaitable<std::size_t> AsyncCurlTransfer::read_some(Bytes& out, std::size_t max) {
    // CurlTransfer::read_some, the wait awaited.
    for (;;) {
        const CurlExchange::ReadStep step = exchange_.read_step();
        if (step == CurlExchange::ReadStep::take) co_return exchange_.take(out, max);
        if (step == CurlExchange::ReadStep::end) co_return 0;
        const CurlExchange::DirectRead direct = exchange_.read_into(out, max);
        if (step == CurlExchange::ReadStep::resume) curl_easy_pause(easy_, CURLPAUSE_CONT);
        else co_await wait_for_progress();
        if (direct.delivered() != 0) co_return direct.delivered();
    }
}

std::optional<std::size_t> AsyncCurlTransfer::read_ready(Bytes& out, std::size_t max) {
    if (!exchange_.has_body_bytes() && !exchange_.finished()) return std::nullopt;
    // take, or end (read_step throws the transfer's failure)
    if (exchange_.read_step() == CurlExchange::ReadStep::take) return exchange_.take(out, max);
    return 0;
}

void AsyncCurlTransfer::on_done(CURLcode result) {
    exchange_.finish(result, easy_);
    release();
}

void AsyncCurlTransfer::release() noexcept {
    if (easy_ != nullptr) driver_->remove(std::exchange(easy_, nullptr), exchange_.leaves());
}

void AsyncCurlTransfer::close() noexcept {
    exchange_.abandon();
    release();
}

net::awaitable<std::size_t> AsyncCurlBodyReader::async_read_some(Bytes& out, std::size_t max) {
    // On the transport's executor with bytes already buffered (most reads of a large body) or at
    // the end: at once, without the frames of a read that may wait.
    if (const std::optional<std::size_t> got = read_ready(out, max, co_await net::this_coro::executor)) co_return *got;
    // Read on the transport's executor, resume on the caller's.
    co_return co_await azcore::detail::run_on(transfer_->driver()->executor(), transfer_->read_some(out, max));
}

std::optional<std::size_t> AsyncCurlBodyReader::read_ready(Bytes& out, std::size_t max, const net::any_io_executor& caller) {
    if (!transfer_) return 0;  // closed
    const CurlMultiDriver& driver = *transfer_->driver();
    driver.check_attached();
    if (caller != driver.executor()) return std::nullopt;  // the transfer belongs to the driver's thread
    return transfer_->read_ready(out, max);
}

void AsyncCurlBodyReader::close() noexcept {
    if (!transfer_) return;
    const std::shared_ptr<CurlMultiDriver> driver = transfer_->driver();
    if (driver->detached()) {
        transfer_.reset();  // nothing runs the driver any more
        return;
    }
    // On the driver's thread at once; from another thread, there (the transfer closes when it runs).
    try {
        net::dispatch(driver->executor(), [transfer = std::move(transfer_)] {});
    } catch (...) {
        // Allocating the handler failed: the transfer was destroyed with the lambda (here).
    }
}

}  // namespace azcore::transport::detail
