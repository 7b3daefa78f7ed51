#include <azcore/transport/async_beast_transport.hpp>

#include <azcore/rest/async_http_response.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/async_connection_limiter.hpp"
#include "transport/beast/beast_pool.hpp"
#include "transport/beast/http1_connection.hpp"
#include "transport/beast/tls_contexts.hpp"
#include "transport/transfer_settings.hpp"
#include "utils/context_shutdown.hpp"
#include "utils/run_on.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/this_coro.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>

namespace azcore::transport {
namespace detail {

class AsyncConnection;

/// Every connection of an async transport, idle or in use, so that all of them can drop their
/// sockets when the io_context is destroyed (a response or the transport may outlive it).
class ConnectionRegistry {
public:
    void add(AsyncConnection* connection) {
        std::lock_guard lock(mutex_);
        connections_.insert(connection);
    }
    void remove(AsyncConnection* connection) noexcept {
        std::lock_guard lock(mutex_);
        connections_.erase(connection);
    }
    void drop_all() noexcept;

private:
    std::mutex mutex_;
    std::set<AsyncConnection*> connections_;
};

/// A connection of the async transport, on the transport's executor.
class AsyncConnection {
public:
    AsyncConnection(net::any_io_executor executor, std::shared_ptr<ConnectionRegistry> registry)
        : connection(std::move(executor)), registry_(std::move(registry)) {
        registry_->add(this);
    }
    ~AsyncConnection() { registry_->remove(this); }
    AsyncConnection(const AsyncConnection&) = delete;
    AsyncConnection& operator=(const AsyncConnection&) = delete;

    Http1Connection connection;

private:
    std::shared_ptr<ConnectionRegistry> registry_;
};

void ConnectionRegistry::drop_all() noexcept {
    std::lock_guard lock(mutex_);
    for (AsyncConnection* connection : connections_) connection->connection.drop();
}

/// The async transport's state: its executor and its pool.
class AsyncBeastPool : public BeastPool<AsyncConnection>, public azcore::detail::ContextMember {
public:
    AsyncBeastPool(net::any_io_executor executor, ConnectionConfiguration config)
        : BeastPool(std::move(config)),
          executor_(std::move(executor)),
          limiter_(std::make_shared<AsyncConnectionLimiter>(executor_, this->config().max_connections_per_host,
                                                            this->config().max_connections)) {
        members_ = azcore::detail::join_context(executor_, this);
    }
    ~AsyncBeastPool() { members_->remove(this); }
    AsyncBeastPool(const AsyncBeastPool&) = delete;
    AsyncBeastPool& operator=(const AsyncBeastPool&) = delete;

    void on_context_shutdown() noexcept override {
        detached_.store(true, std::memory_order_release);
        registry_->drop_all();
        limiter_->drop();
        executor_ = net::any_io_executor();  // a strand's executor refers to a service of the context
    }
    /// The io_context is gone: nothing may be dispatched to it any more.
    bool detached() const { return detached_.load(std::memory_order_acquire); }
    /// std::logic_error once the io_context is gone (a request or a read after it).
    void check_attached() const {
        if (detached())
            throw std::logic_error(
                "AsyncBeastTransport: the io_context it runs on was destroyed; a transport and its responses cannot be used after it");
    }
    std::unique_ptr<AsyncConnection> make() const { return std::make_unique<AsyncConnection>(executor_, registry_); }
    const net::any_io_executor& executor() const { return executor_; }
    TlsContexts& tls() { return tls_; }
    AsyncConnectionLimiter& limiter() { return *limiter_; }
    ConnectionPoolStats stats() const {
        return snapshot([this](const std::string& host) { return limiter_->waiting(host); });
    }

private:
    net::any_io_executor executor_;
    std::shared_ptr<AsyncConnectionLimiter> limiter_;
    std::shared_ptr<ConnectionRegistry> registry_ = std::make_shared<ConnectionRegistry>();
    std::shared_ptr<azcore::detail::ContextMembers> members_;
    std::atomic<bool> detached_{false};
    TlsContexts tls_;
};

namespace {

/// The body of an async response: read on the transport's executor; the connection goes back
/// to the pool when the body was read to its end, and is closed otherwise.
class AsyncBeastBodyReader final : public rest::AsyncResponseBodyReader {
public:
    AsyncBeastBodyReader(std::shared_ptr<AsyncBeastPool> owner, std::unique_ptr<AsyncConnection> connection, TransferSettings settings,
                         std::string pool_key, AsyncConnectionLimiter::Slot slot, bool opened)
        : opened_(opened),
          owner_(std::move(owner)),
          connection_(std::move(connection)),
          settings_(std::move(settings)),
          pool_key_(std::move(pool_key)),
          slot_(std::move(slot)) {}
    ~AsyncBeastBodyReader() override { close(); }

    net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) override {
        owner_->check_attached();
        // Bytes already received, or the end, on the transport's executor: at once.
        if (const std::optional<std::size_t> got = read_ready(out, max, co_await net::this_coro::executor)) co_return *got;
        co_return co_await azcore::detail::run_on(owner_->executor(), read_here(out, max));
    }

    std::optional<std::size_t> read_ready(Bytes& out, std::size_t max, const net::any_io_executor& caller) override {
        if (!connection_) return 0;
        if (caller != owner_->executor()) return std::nullopt;  // the connection belongs to the transport's thread
        std::optional<std::size_t> got;
        try {
            got = connection_->connection.read_ready(out, max, body_limits_of(settings_));
        } catch (...) {
            close();
            throw;
        }
        if (got && *got == 0) close();
        return got;
    }

    rest::TransferTimings timings() const override { return connection_ ? connection_->connection.timings() : ended_; }

    void close() noexcept override {
        if (!connection_) return;
        ended_ = connection_->connection.body_done() ? connection_->connection.timings() : rest::TransferTimings{};
        if (owner_->detached()) {
            // Nothing runs the transport any more; its connection has dropped its socket.
            owner_->give_back(pool_key_, std::move(connection_), opened_);
            slot_.release();
            return;
        }
        // On the transport's executor: at once from its thread, else when that thread runs.
        try {
            net::dispatch(owner_->executor(),
                          [owner = owner_, connection = std::move(connection_), key = pool_key_, slot = std::move(slot_),
                           opened = opened_]() mutable {
                              if (!connection->connection.body_done()) connection->connection.close();
                              owner->give_back(key, std::move(connection), opened);
                              slot.release();
                          });
        } catch (...) {
            // Allocating the handler failed: the connection was destroyed with it (here).
        }
    }

private:
    net::awaitable<std::size_t> read_here(Bytes& out, std::size_t max) {
        if (!connection_) co_return 0;
        std::size_t got = 0;
        try {
            got = co_await connection_->connection.read_some(out, max, body_limits_of(settings_));
        } catch (...) {
            close();
            throw;
        }
        if (got == 0) close();
        co_return got;
    }

    bool opened_;
    std::shared_ptr<AsyncBeastPool> owner_;
    std::unique_ptr<AsyncConnection> connection_;
    TransferSettings settings_;
    std::string pool_key_;
    AsyncConnectionLimiter::Slot slot_;
    rest::TransferTimings ended_;  // of a body read to its end, kept after the connection went back
};

/// async_send on the transport's executor: one try on a pooled or new connection.
net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_here(std::shared_ptr<AsyncBeastPool> pool,
                                                                   std::shared_ptr<rest::HttpRequest> request,
                                                                   TransferSettings settings, std::optional<ProxyRoute> proxy) {
    const ResponseReading reading = settings.reading;
    const ExchangeLimits limits = limits_of(settings);
    const std::string host_header = host_header_of(settings.host_key);
    const std::string tls_key = TlsContexts::key_of(settings);
    const std::string pool_key = AsyncBeastPool::pool_key(settings.host_key, tls_key, proxy ? *settings.proxy : std::string());
    // Through an http proxy a plain request names the whole URL (absolute form); https tunnels.
    const std::string target = proxy && tls_key.empty() ? settings.host_key + settings.target : settings.target;
    AsyncConnectionLimiter::Slot slot = co_await pool->limiter().acquire(settings.host_key);
    bool reused = false;
    std::unique_ptr<AsyncConnection> connection =
        pool->take(pool_key, reused, [&] { return pool->make(); });
    connection->connection.start_try(reused);
    std::exception_ptr failure;
    try {
        if (!reused) {
            try {
                std::shared_ptr<boost::asio::ssl::context> tls = tls_key.empty() ? nullptr : pool->tls().get(settings);
                co_await connection->connection.connect(settings.host, settings.port, limits, std::move(tls), proxy);
            } catch (...) {
                pool->not_opened(pool_key);
                connection.reset();
                throw;
            }
        }
        ReceivedHead head = co_await connection->connection.exchange(*request, target, host_header, limits);
        auto body = std::make_unique<AsyncBeastBodyReader>(pool, std::move(connection), std::move(settings), pool_key,
                                                           std::move(slot), !reused);
        co_return co_await make_async_response(request, std::move(head), std::move(body), reading);
    } catch (...) {
        failure = std::current_exception();
    }
    const bool opened = connection && !reused;
    if (connection) connection->connection.close();
    pool->give_back(pool_key, std::move(connection), opened);
    std::rethrow_exception(failure);
}

}  // namespace
}  // namespace detail

/// The transport's state is an AsyncBeastPool, which its responses share.
class AsyncBeastTransport::Impl final : public detail::AsyncBeastPool {
public:
    using detail::AsyncBeastPool::AsyncBeastPool;
};

AsyncBeastTransport::AsyncBeastTransport(net::any_io_executor executor, ConnectionConfiguration config)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(config))) {}

AsyncBeastTransport::~AsyncBeastTransport() = default;

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> AsyncBeastTransport::async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                                           const options::Kwargs& options) {
    detail::TransferSettings settings = detail::resolve_settings(impl_->config(), options, *request);
    std::optional<detail::ProxyRoute> proxy = detail::proxy_route(settings, "AsyncBeastTransport");
    impl_->check_attached();
    std::shared_ptr<detail::AsyncBeastPool> pool = impl_;
    co_return co_await azcore::detail::run_on(impl_->executor(), detail::send_here(std::move(pool), std::move(request), std::move(settings), std::move(proxy)));
}

std::span<const std::string_view> AsyncBeastTransport::option_names() const { return standard_transport_options(); }

void AsyncBeastTransport::close() {
    if (impl_->detached()) {
        impl_->clear();
        return;
    }
    net::dispatch(impl_->executor(), [pool = impl_] { pool->clear(); });
}

ConnectionPoolStats AsyncBeastTransport::connection_pool() const { return impl_->stats(); }

const net::any_io_executor& AsyncBeastTransport::get_executor() const { return impl_->executor(); }

const ConnectionConfiguration& AsyncBeastTransport::config() const { return impl_->config(); }

}  // namespace azcore::transport
