#pragma once
// SleepRecordingTransport: a transport decorator for retry tests against real servers. It records
// every wait the retry policy asks for and waits only a fraction of it (none by default), so tests
// assert the delays without sleeping for seconds; everything else goes to the wrapped transport.
#include <azcore/transport/http_transport.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace azcore::test {

class SleepRecordingTransport : public transport::HttpTransport {
public:
    /// Waits seconds × scale for each wait asked for (the async face on a real Asio timer).
    explicit SleepRecordingTransport(std::shared_ptr<transport::HttpTransport> inner, double scale = 0);

    std::shared_ptr<rest::HttpResponse> send(const std::shared_ptr<rest::HttpRequest>& request,
                                             const options::Kwargs& options) override;
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                        const options::Kwargs& options) override;
    void sleep(double seconds) override;
    net::awaitable<void> async_sleep(double seconds) override;
    std::span<const std::string_view> option_names() const override;
    void close() override;
    const transport::ConnectionConfiguration* connection_config() const override;

    /// The waits asked for, in order.
    std::vector<double> sleeps() const;
    void clear();
    /// Whether a wait is in progress now.
    bool sleeping() const { return sleeping_.load(); }
    const std::shared_ptr<transport::HttpTransport>& inner() const { return inner_; }

private:
    void record(double seconds);
    std::shared_ptr<transport::HttpTransport> inner_;
    double scale_;
    mutable std::mutex mutex_;
    std::vector<double> sleeps_;
    std::atomic<bool> sleeping_{false};
};

}  // namespace azcore::test
