#include <azcore/transport/async_beast_transport.hpp>

#include <azcore/rest/async_http_response.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/async_connection_limiter.hpp"
#include "transport/beast/beast_pool.hpp"
#include "transport/beast/http1_connection.hpp"
#include "transport/beast/http2_connection.hpp"
#include "transport/beast/tls_contexts.hpp"
#include "transport/transfer_settings.hpp"
#include "utils/context_shutdown.hpp"
#include "utils/run_on.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
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

/// What keeps an HTTP/2 connection's socket: the connection that negotiated it and the
/// connection slot it holds while open.
struct SharedCarrier {
    std::unique_ptr<AsyncConnection> connection;
    AsyncConnectionLimiter::Slot slot;
};

/// The async transport's state: its executor and its pool.
class AsyncBeastPool : public BeastPool<AsyncConnection>,
                       public azcore::detail::ContextMember,
                       public std::enable_shared_from_this<AsyncBeastPool> {
public:
    AsyncBeastPool(net::any_io_executor executor, ConnectionConfiguration config)
        : BeastPool(std::move(config)),
          executor_(std::move(executor)),
          limiter_(std::make_shared<AsyncConnectionLimiter>(executor_, this->config().max_connections_per_host,
                                                            this->config().max_connections)) {
        members_ = azcore::detail::join_context(executor_, this);
        // Only connections in use count against the limits (as aiohttp's): an HTTP/2 connection
        // keeps its slot while open, so an idle one is closed for a request that must wait.
        limiter_->set_reclaim([this](const std::string& host, bool any_host) { close_one_idle_shared(host, any_host); });
    }
    ~AsyncBeastPool() {
        members_->remove(this);
        limiter_->set_reclaim(nullptr);  // slots may keep the limiter after the pool
        // The HTTP/2 connections' readers keep them alive until their sockets close.
        if (!detached() && !shared_.empty())
            net::dispatch(executor_, [shared = std::move(shared_)] {
                for (const auto& [key, connection] : shared) connection->close();
            });
    }
    AsyncBeastPool(const AsyncBeastPool&) = delete;
    AsyncBeastPool& operator=(const AsyncBeastPool&) = delete;

    void on_context_shutdown() noexcept override {
        detached_.store(true, std::memory_order_release);
        registry_->drop_all();
        limiter_->drop();
        probes_.clear();
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
    /// The HTTP/2 connection requests to key go on, when there is one that takes them.
    std::shared_ptr<Http2Connection> shared(const std::string& key) {
        const auto found = shared_.find(key);
        if (found == shared_.end()) return nullptr;
        std::shared_ptr<Http2Connection> connection = found->second;
        if (connection->idle_and_closed_by_server()) connection->close();  // ends it: shared_ended
        return connection->accepts_streams() ? connection : nullptr;
    }
    /// Whether a request is opening a connection to key that may speak HTTP/2 (the others wait to
    /// learn which, as curl's CURLOPT_PIPEWAIT).
    bool probing(const std::string& key) const { return probes_.contains(key); }
    /// Whether a connection to key took HTTP/1.1 when offered HTTP/2.
    bool speaks_http1(const std::string& key) const { return http1_.contains(key); }
    void start_probe(const std::string& key) { probes_[key]; }
    /// The probe of key ended; http1: the server chose HTTP/1.1.
    void end_probe(const std::string& key, bool http1) {
        if (http1) http1_.insert(key);
        const auto found = probes_.find(key);
        if (found == probes_.end()) return;
        for (boost::asio::steady_timer* waiter : found->second) waiter->cancel();
        probes_.erase(found);
    }
    /// Waits until the probe of key ends.
    net::awaitable<void> await_probe(const std::string& key) {
        struct Counted {  // queued in the pool's counts meanwhile
            AsyncBeastPool& pool;
            const std::string& key;
            ~Counted() { pool.probe_waiting(key, -1); }
        };
        probe_waiting(key, 1);
        const Counted counted{*this, key};
        boost::asio::steady_timer timer(executor_, boost::asio::steady_timer::time_point::max());
        probes_[key].push_back(&timer);
        co_await timer.async_wait(net::as_tuple(net::use_awaitable));
        if ((co_await net::this_coro::cancellation_state).cancelled() != net::cancellation_type::none) {
            if (const auto found = probes_.find(key); found != probes_.end()) std::erase(found->second, &timer);
            throw boost::system::system_error(net::error::operation_aborted);
        }
    }
    /// Makes connection, which negotiated HTTP/2, the shared connection of key; it keeps slot.
    std::shared_ptr<Http2Connection> adopt(const std::string& key, std::unique_ptr<AsyncConnection> connection,
                                           AsyncConnectionLimiter::Slot slot) {
        auto carrier = std::make_shared<SharedCarrier>(SharedCarrier{std::move(connection), std::move(slot)});
        Http1Connection& link = carrier->connection->connection;
        auto made = std::make_shared<Http2Connection>(
            link, carrier,
            [weak = weak_from_this(), key](Http2Connection* ended) {
                if (auto pool = weak.lock()) pool->shared_ended(key, ended);
            },
            [weak = weak_from_this(), key](std::ptrdiff_t delta) {
                if (auto pool = weak.lock()) pool->shared_waiting(key, delta);
            });
        became_shared(key);
        shared_[key] = made;
        made->start();
        end_probe(key, false);
        return made;
    }
    /// Closes an HTTP/2 connection no request is on: host's (its host_key) if there is one, else,
    /// when any_host, another host's.
    void close_one_idle_shared(const std::string& host, bool any_host) {
        std::shared_ptr<Http2Connection> chosen;
        for (const auto& [key, connection] : shared_) {
            if (connection->streams() != 0) continue;
            if (host_key_of(key) == host) {
                chosen = connection;
                break;
            }
            if (any_host && !chosen) chosen = connection;
        }
        if (chosen) chosen->close();  // ends it: shared_ended, and its carrier releases the slot
    }
    /// Closes the HTTP/2 connections no request is on (close()).
    void close_idle_shared() {
        std::vector<std::shared_ptr<Http2Connection>> idle;
        for (const auto& [key, connection] : shared_)
            if (connection->streams() == 0) idle.push_back(connection);
        for (const auto& connection : idle) connection->close();  // each ends: shared_ended
    }

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
    // On the executor only:
    std::map<std::string, std::shared_ptr<Http2Connection>> shared_;
    std::map<std::string, std::vector<boost::asio::steady_timer*>> probes_;
    std::set<std::string> http1_;

    void shared_ended(const std::string& key, Http2Connection* ended) {
        const auto found = shared_.find(key);
        if (found == shared_.end() || found->second.get() != ended) return;
        shared_.erase(found);
        shared_closed(key);
    }
};

namespace {

/// What the async bodies share: a read runs on the transport's executor (at once when its bytes
/// have arrived), and a failed read closes the body. Derived gives open(), ready() (the bytes
/// already received, nullopt when a read must wait) and wait_some() (a read that waits), and
/// close().
template <class Derived>
class AsyncPooledBodyReader : public rest::AsyncResponseBodyReader {
public:
    net::awaitable<std::size_t> async_read_some(Bytes& out, std::size_t max) override {
        owner_->check_attached();
        // Bytes already received, or the end, on the transport's executor: at once.
        if (const std::optional<std::size_t> got = read_ready(out, max, co_await net::this_coro::executor)) co_return *got;
        co_return co_await azcore::detail::run_on(owner_->executor(), read_here(out, max));
    }

    std::optional<std::size_t> read_ready(Bytes& out, std::size_t max, const net::any_io_executor& caller) override {
        if (!self().open()) return 0;
        if (caller != owner_->executor()) return std::nullopt;  // the connection belongs to the transport's thread
        std::optional<std::size_t> got;
        try {
            got = self().ready(out, max);
        } catch (...) {
            close();
            throw;
        }
        if (got && *got == 0) close();
        return got;
    }

protected:
    AsyncPooledBodyReader(std::shared_ptr<AsyncBeastPool> owner, ExchangeLimits limits, std::string pool_key, bool opened)
        : opened_(opened), owner_(std::move(owner)), limits_(limits), pool_key_(std::move(pool_key)) {}

    bool opened_;
    std::shared_ptr<AsyncBeastPool> owner_;
    ExchangeLimits limits_;  // the body's (body_limits_of)
    std::string pool_key_;
    rest::TransferTimings ended_;  // of a body read to its end, kept after the connection went

private:
    Derived& self() { return static_cast<Derived&>(*this); }

    net::awaitable<std::size_t> read_here(Bytes& out, std::size_t max) {
        if (!self().open()) co_return 0;
        std::size_t got = 0;
        try {
            got = co_await self().wait_some(out, max);
        } catch (...) {
            close();
            throw;
        }
        if (got == 0) close();
        co_return got;
    }
};

/// The body of an HTTP/1.1 response: the connection goes back to the pool when the body was read
/// to its end, and is closed otherwise.
class AsyncBeastBodyReader final : public AsyncPooledBodyReader<AsyncBeastBodyReader> {
public:
    AsyncBeastBodyReader(std::shared_ptr<AsyncBeastPool> owner, std::unique_ptr<AsyncConnection> connection, ExchangeLimits limits,
                         std::string pool_key, AsyncConnectionLimiter::Slot slot, bool opened)
        : AsyncPooledBodyReader(std::move(owner), limits, std::move(pool_key), opened),
          connection_(std::move(connection)),
          slot_(std::move(slot)) {}
    ~AsyncBeastBodyReader() override { close(); }

    bool open() const { return connection_ != nullptr; }
    std::optional<std::size_t> ready(Bytes& out, std::size_t max) {
        return connection_->connection.read_ready(out, max, limits_);
    }
    net::awaitable<std::size_t> wait_some(Bytes& out, std::size_t max) {
        return connection_->connection.read_some(out, max, limits_);
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
    std::unique_ptr<AsyncConnection> connection_;
    AsyncConnectionLimiter::Slot slot_;
};

/// The body of a response on an HTTP/2 connection: its stream is let go (reset unless it ended)
/// when closed.
class AsyncHttp2BodyReader final : public AsyncPooledBodyReader<AsyncHttp2BodyReader> {
public:
    AsyncHttp2BodyReader(std::shared_ptr<AsyncBeastPool> owner, std::shared_ptr<Http2Connection> connection, std::int32_t id,
                         ExchangeLimits limits, std::string pool_key, bool opened)
        : AsyncPooledBodyReader(std::move(owner), limits, std::move(pool_key), opened),
          id_(id),
          connection_(std::move(connection)) {}
    ~AsyncHttp2BodyReader() override { close(); }

    bool open() const { return connection_ != nullptr; }
    std::optional<std::size_t> ready(Bytes& out, std::size_t max) { return connection_->read_ready(id_, out, max); }
    net::awaitable<std::size_t> wait_some(Bytes& out, std::size_t max) {
        return connection_->read_some(id_, out, max, limits_);
    }

    rest::TransferTimings timings() const override { return connection_ ? connection_->timings(id_) : ended_; }

    void close() noexcept override {
        if (!connection_) return;
        ended_ = connection_->body_done(id_) ? connection_->timings(id_) : rest::TransferTimings{};
        if (owner_->detached()) {
            connection_.reset();
            owner_->shared_request_ended(pool_key_, opened_);
            return;
        }
        try {
            net::dispatch(owner_->executor(), [owner = owner_, connection = std::move(connection_), id = id_, key = pool_key_,
                                               opened = opened_] {
                connection->release(id);
                owner->shared_request_ended(key, opened);
            });
        } catch (...) {
            // Allocating the handler failed: the stream is let go when its connection goes.
        }
        connection_.reset();
    }

private:
    std::int32_t id_;
    std::shared_ptr<Http2Connection> connection_;
};

/// A try on an HTTP/2 connection. One allocation that send_here's frame holds a pointer to: its
/// frame keeps every temporary of a co_await, and an async request in flight is mostly frames
/// (P5 grew 1.6 KiB per request when these went by value).
struct SharedTry {
    std::shared_ptr<Http2Connection> connection;
    std::shared_ptr<rest::HttpRequest> request;
    TransferSettings settings;
    std::string pool_key;
    bool opened = false;  // the request opened the connection: start and connecting are its try's
    std::chrono::steady_clock::time_point start{};
    rest::TransferTimings connecting{};
};

/// A try on connection, which this request did not open.
std::unique_ptr<SharedTry> reusing(std::shared_ptr<Http2Connection> connection, std::shared_ptr<rest::HttpRequest> request,
                                   const TransferSettings& settings, const std::string& pool_key) {
    return std::make_unique<SharedTry>(SharedTry{.connection = std::move(connection),
                                                 .request = std::move(request),
                                                 .settings = settings,
                                                 .pool_key = pool_key,
                                                 .start = std::chrono::steady_clock::now()});
}

/// One try on an HTTP/2 connection.
net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_shared(std::shared_ptr<AsyncBeastPool> pool, std::unique_ptr<SharedTry> t) {
    std::shared_ptr<Http2Connection> connection = std::move(t->connection);
    std::shared_ptr<rest::HttpRequest> request = std::move(t->request);
    TransferSettings settings = std::move(t->settings);
    const std::string pool_key = std::move(t->pool_key);
    const bool opened = t->opened;
    const std::chrono::steady_clock::time_point start = t->start;
    const rest::TransferTimings connecting = t->connecting;
    t.reset();
    if (!opened) pool->shared_request(pool_key);
    const ResponseReading reading = settings.reading;
    const std::string_view authority = host_header_of(settings.host_key);
    std::int32_t id = 0;
    bool handed = false;  // the body reader accounts for the request from then on
    std::exception_ptr failure;
    try {
        ReceivedHead head =
            co_await connection->exchange(request, authority, settings.target, limits_of(settings), &id, start, !opened, connecting);
        auto body = std::make_unique<AsyncHttp2BodyReader>(pool, connection, id, body_limits_of(settings), pool_key, opened);
        handed = true;
        co_return co_await make_async_response(request, std::move(head), std::move(body), reading);
    } catch (...) {
        failure = std::current_exception();
    }
    if (!handed) {
        if (id != 0) connection->release(id);
        pool->shared_request_ended(pool_key, opened);
    }
    std::rethrow_exception(failure);
}

/// async_send on the transport's executor: one try on a pooled or new connection. settings and
/// proxy are async_send's, whose frame outlives this one: held by reference, they keep this
/// frame, which every request in flight has, under the size malloc serves from its per-thread
/// cache (measured in docs/PERFORMANCE.md, "Issue 14, thirteenth session").
net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_here(std::shared_ptr<AsyncBeastPool> pool,
                                                                   std::shared_ptr<rest::HttpRequest> request,
                                                                   const TransferSettings& settings,
                                                                   const std::optional<ProxyRoute>& proxy) {
    const ExchangeLimits limits = limits_of(settings);
    const bool tls = TlsContexts::uses_tls(settings);
    const std::string pool_key =
        AsyncBeastPool::pool_key(settings.host_key, TlsContexts::key_of(settings), proxy ? *settings.proxy : std::string());
    // Through an http proxy a plain request names the whole URL (absolute form); https tunnels.
    const std::string absolute_target = proxy && !tls ? settings.host_key + settings.target : std::string();
    // With HTTP/2 offered (send_offering_h2 came first): a new connection may take it.
    const bool probe = pool->config().http2 && tls && !pool->speaks_http1(pool_key);
    if (probe) pool->start_probe(pool_key);
    AsyncConnectionLimiter::Slot slot;
    try {
        slot = co_await pool->limiter().acquire(settings.host_key);
    } catch (...) {
        if (probe) pool->end_probe(pool_key, false);
        throw;
    }
    bool reused = false;
    std::unique_ptr<AsyncConnection> connection =
        pool->take(pool_key, reused, [&] { return pool->make(); });
    connection->connection.start_try(reused);
    std::exception_ptr failure;
    std::unique_ptr<SharedTry> shared;  // the connection took HTTP/2
    try {
        if (!reused) {
            try {
                std::shared_ptr<boost::asio::ssl::context> context = tls ? pool->tls().get(settings) : nullptr;
                co_await connection->connection.connect(settings.host, settings.port, limits, std::move(context), proxy, probe);
            } catch (...) {
                if (probe) pool->end_probe(pool_key, false);
                pool->not_opened(pool_key);
                connection.reset();
                throw;
            }
        }
        if (probe && connection->connection.negotiated_h2()) {
            shared = std::make_unique<SharedTry>();
            shared->opened = true;
            shared->start = connection->connection.try_start();
            shared->connecting = connection->connection.connect_timings();
            shared->connection = pool->adopt(pool_key, std::move(connection), std::move(slot));
        }
    } catch (...) {
        failure = std::current_exception();
    }
    // On HTTP/2 the request is the shared connection's (which accounts for it), also when it fails.
    if (shared) {
        shared->request = std::move(request);
        shared->settings = settings;
        shared->pool_key = pool_key;
        co_return co_await send_shared(pool, std::move(shared));
    }
    if (!failure) {
        if (probe) pool->end_probe(pool_key, true);  // the server chose HTTP/1.1
        try {
            const std::string_view target = absolute_target.empty() ? std::string_view(settings.target) : absolute_target;
            ReceivedHead head = co_await connection->connection.exchange(*request, target, host_header_of(settings.host_key), limits);
            auto body = std::make_unique<AsyncBeastBodyReader>(pool, std::move(connection), body_limits_of(settings), pool_key,
                                                               std::move(slot), !reused);
            co_return co_await make_async_response(request, std::move(head), std::move(body), settings.reading);
        } catch (...) {
            failure = std::current_exception();
        }
    }
    const bool opened = connection && !reused;
    if (connection) connection->connection.close();
    pool->give_back(pool_key, std::move(connection), opened);
    std::rethrow_exception(failure);
}

/// async_send with HTTP/2 offered: the host's HTTP/2 connection when there is one, and while a
/// request opens one that may become it, wait for it rather than open another; else send_here.
/// (A coroutine of its own: what it holds across its co_awaits would enlarge every HTTP/1.1
/// request's frame.)
net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> send_offering_h2(std::shared_ptr<AsyncBeastPool> pool,
                                                                          std::shared_ptr<rest::HttpRequest> request,
                                                                          const TransferSettings& settings,
                                                                          const std::optional<ProxyRoute>& proxy) {
    const std::string pool_key =
        AsyncBeastPool::pool_key(settings.host_key, TlsContexts::key_of(settings), proxy ? *settings.proxy : std::string());
    while (!pool->speaks_http1(pool_key) && pool->probing(pool_key)) co_await pool->await_probe(pool_key);
    if (std::shared_ptr<Http2Connection> shared = pool->shared(pool_key)) {
        std::unique_ptr<SharedTry> t = reusing(std::move(shared), std::move(request), settings, pool_key);
        co_return co_await send_shared(pool, std::move(t));
    }
    co_return co_await send_here(std::move(pool), std::move(request), settings, proxy);
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
    // HTTP/2 is offered on https only (TLS ALPN).
    const bool offer_h2 = impl_->config().http2 && detail::TlsContexts::uses_tls(settings);
    // Made in a statement of its own: the arguments' temporaries end here, not in this frame.
    // settings and proxy stay here, in this frame, which outlives work's.
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> work =
        offer_h2 ? detail::send_offering_h2(std::move(pool), std::move(request), settings, proxy)
                 : detail::send_here(std::move(pool), std::move(request), settings, proxy);
    co_return co_await azcore::detail::run_on(impl_->executor(), std::move(work));
}

std::span<const std::string_view> AsyncBeastTransport::option_names() const { return standard_transport_options(); }

void AsyncBeastTransport::close() {
    if (impl_->detached()) {
        impl_->clear();
        return;
    }
    net::dispatch(impl_->executor(), [pool = impl_] {
        pool->clear();
        pool->close_idle_shared();
    });
}

ConnectionPoolStats AsyncBeastTransport::connection_pool() const { return impl_->stats(); }

const net::any_io_executor& AsyncBeastTransport::get_executor() const { return impl_->executor(); }

const ConnectionConfiguration& AsyncBeastTransport::config() const { return impl_->config(); }

}  // namespace azcore::transport
