#include "support/sleep_recording_transport.hpp"

#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>

#include <stdexcept>

namespace azcore::test {

SleepRecordingTransport::SleepRecordingTransport(std::shared_ptr<transport::HttpTransport> inner, double scale)
    : inner_(std::move(inner)), scale_(scale) {
    if (!inner_) throw std::invalid_argument("inner: SleepRecordingTransport needs a transport to wrap");
}

std::shared_ptr<rest::HttpResponse> SleepRecordingTransport::send(const std::shared_ptr<rest::HttpRequest>& request,
                                                                  const options::Kwargs& options) {
    return inner_->send(request, options);
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> SleepRecordingTransport::async_send(
    std::shared_ptr<rest::HttpRequest> request, const options::Kwargs& options) {
    co_return co_await inner_->async_send(std::move(request), options);
}

void SleepRecordingTransport::record(double seconds) {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(seconds);
}

void SleepRecordingTransport::sleep(double seconds) {
    record(seconds);
    sleeping_ = true;
    inner_->sleep(seconds * scale_);
    sleeping_ = false;
}

net::awaitable<void> SleepRecordingTransport::async_sleep(double seconds) {
    record(seconds);
    sleeping_ = true;
    struct Reset {
        std::atomic<bool>& flag;
        ~Reset() { flag = false; }
    } reset{sleeping_};
    co_await inner_->async_sleep(seconds * scale_);
}

std::span<const std::string_view> SleepRecordingTransport::option_names() const { return inner_->option_names(); }

void SleepRecordingTransport::close() { inner_->close(); }

const transport::ConnectionConfiguration* SleepRecordingTransport::connection_config() const {
    return inner_->connection_config();
}

std::vector<double> SleepRecordingTransport::sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
}

void SleepRecordingTransport::clear() {
    std::lock_guard lock(mutex_);
    sleeps_.clear();
}

}  // namespace azcore::test
