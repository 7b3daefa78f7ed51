#include "azcore/testserver/test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <stdexcept>
#include <thread>

#include "connection.hpp"
#include "server_state.hpp"
#include "tls_context.hpp"

namespace azcore::testserver {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

tcp::endpoint loopback_endpoint(const TestServerOptions& options) {
    const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec || !address.is_loopback()) {
        throw std::invalid_argument("TestServer binds loopback addresses only, not '" + options.host + "'");
    }
    return {address, options.port};
}

}  // namespace

class TestServer::Impl {
public:
    explicit Impl(TestServerOptions options)
        : options_(std::move(options)),
          accept_strand_(asio::make_strand(ioc_)),
          acceptor_(accept_strand_),
          work_(ioc_.get_executor()) {
        if (options_.threads < 1) throw std::invalid_argument("TestServer needs at least one thread");
        if (options_.tls) tls_.emplace(detail::make_tls_context(*options_.tls));
        state_.set_recording(options_.record_requests);
        state_.set_tunnel(options_.tunnel);
        const tcp::endpoint endpoint = loopback_endpoint(options_);
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(asio::socket_base::max_listen_connections);
        port_ = acceptor_.local_endpoint().port();
        host_ =
            endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();

        asio::co_spawn(accept_strand_, accept_loop(), [this](std::exception_ptr) {
            accept_done_ = true;
            state_.notify();
        });
        for (int i = 0; i < options_.threads; ++i) {
            threads_.emplace_back([this] { run_io(); });
        }
    }

    ~Impl() {
        state_.stop();
        asio::post(accept_strand_, [this] {
            boost::system::error_code ec;
            acceptor_.close(ec);
        });
        state_.wait_until([this] { return accept_done_.load() && state_.open_connections() == 0; },
                          std::chrono::seconds(5));
        work_.reset();
        ioc_.stop();
        for (auto& t : threads_) {
            t.join();
        }
    }

    std::uint16_t port() const { return port_; }
    std::string base_url() const {
        return std::string(tls_ ? "https://" : "http://") + host_ + ":" + std::to_string(port_);
    }
    detail::ServerState& state() { return state_; }

private:
    void run_io() {
        for (;;) {
            try {
                ioc_.run();
                return;
            } catch (...) {
                // A handler threw: keep serving the others.
            }
        }
    }

    asio::awaitable<void> accept_loop() {
        asio::steady_timer backoff(accept_strand_);
        for (;;) {
            auto [ec, socket] =
                co_await acceptor_.async_accept(asio::make_strand(ioc_), asio::as_tuple(asio::use_awaitable));
            if (state_.stopping() || ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
            if (ec) {  // e.g. out of file descriptors: retry shortly instead of spinning
                backoff.expires_after(std::chrono::milliseconds(10));
                co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
                continue;
            }
            detail::Connection::start(
                std::make_shared<detail::Connection>(std::move(socket), tls_ ? &*tls_ : nullptr, state_, options_.plain_too));
        }
    }

    // Declared before the io_context: connections reference them until it is destroyed.
    TestServerOptions options_;
    detail::ServerState state_;
    std::optional<asio::ssl::context> tls_;
    asio::io_context ioc_;
    asio::strand<asio::io_context::executor_type> accept_strand_;
    tcp::acceptor acceptor_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::vector<std::thread> threads_;
    std::atomic<bool> accept_done_{false};
    std::uint16_t port_ = 0;
    std::string host_;
};

TestServer::TestServer(TestServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
TestServer::~TestServer() = default;

std::uint16_t TestServer::port() const { return impl_->port(); }
std::string TestServer::base_url() const { return impl_->base_url(); }
void TestServer::release_held() { impl_->state().release_held(); }
void TestServer::reset_hold() { impl_->state().reset_hold(); }
std::size_t TestServer::held_now() const { return impl_->state().held_now(); }
std::size_t TestServer::held_peak() const { return impl_->state().held_peak(); }
std::size_t TestServer::connections_accepted() const { return impl_->state().connections_accepted(); }
std::size_t TestServer::open_connections() const { return impl_->state().open_connections(); }
std::size_t TestServer::peak_open_connections() const { return impl_->state().peak_open_connections(); }
std::size_t TestServer::connections_closed() const { return impl_->state().connections_closed(); }
bool TestServer::wait_until(std::function<bool()> pred, std::chrono::milliseconds timeout) {
    return impl_->state().wait_until(pred, timeout);
}
std::size_t TestServer::flaky_count(const std::string& key) const { return impl_->state().flaky_tries(key).size(); }
std::vector<FlakyTry> TestServer::flaky_tries(const std::string& key) const { return impl_->state().flaky_tries(key); }
std::vector<RecordedRequest> TestServer::requests() const { return impl_->state().requests(); }
std::uint64_t TestServer::bytes_sent() const { return impl_->state().bytes_sent(); }
void TestServer::clear_requests() { impl_->state().clear_requests(); }

}  // namespace azcore::testserver
