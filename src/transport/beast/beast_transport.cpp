#include <azcore/transport/beast_transport.hpp>

#include <azcore/rest/http_response.hpp>
#include <azcore/rest/response_body_reader.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/beast_pool.hpp"
#include "transport/beast/blocking_connection.hpp"
#include "transport/beast/tls_contexts.hpp"
#include "transport/connection_limiter.hpp"
#include "transport/transfer_settings.hpp"

#include <boost/asio/io_context.hpp>

#include <optional>

namespace azcore::transport {
namespace detail {
namespace {

/// A connection of the sync transport. The io_context only registers its socket (it is never
/// run); it is shared by the transport's connections and outlives each of them.
struct SyncConnection {
    explicit SyncConnection(std::shared_ptr<net::io_context> owner) : context(std::move(owner)), connection(*context) {}
    std::shared_ptr<net::io_context> context;
    BlockingConnection connection;
};

}  // namespace

/// The sync transport's state: its pool and its connection caps.
class SyncBeastPool : public BeastPool<SyncConnection> {
public:
    explicit SyncBeastPool(ConnectionConfiguration config)
        : BeastPool(std::move(config)), limiter_(this->config().max_connections_per_host, this->config().max_connections) {}
    ConnectionLimiter& limiter() { return limiter_; }
    ConnectionPoolStats stats() const {
        return snapshot([this](const std::string& host) { return limiter_.waiting(host); });
    }
    std::unique_ptr<SyncConnection> make() const { return std::make_unique<SyncConnection>(context_); }
    TlsContexts& tls() { return tls_; }

private:
    TlsContexts tls_;
    ConnectionLimiter limiter_;
    std::shared_ptr<net::io_context> context_ = std::make_shared<net::io_context>(1);
};

namespace {

/// The body of a sync response: read from its connection on this thread; the connection goes
/// back to the pool when the body was read to its end, and is closed otherwise.
class BeastBodyReader final : public rest::ResponseBodyReader {
public:
    BeastBodyReader(std::shared_ptr<SyncBeastPool> owner, std::unique_ptr<SyncConnection> connection, ExchangeLimits limits,
                    std::string pool_key, ConnectionLimiter::Slot slot, bool opened)
        : opened_(opened),
          owner_(std::move(owner)),
          connection_(std::move(connection)),
          limits_(limits),
          pool_key_(std::move(pool_key)),
          slot_(std::move(slot)) {}
    ~BeastBodyReader() override { close(); }

    std::size_t read_some(Bytes& out, std::size_t max) override {
        if (!connection_) return 0;
        std::size_t got = 0;
        try {
            got = connection_->connection.read_some(out, max, limits_);
        } catch (...) {
            close();
            throw;
        }
        if (got == 0) close();
        return got;
    }

    /// None once closed.
    rest::TransferTimings timings() const override { return connection_ ? connection_->connection.timings() : ended_; }

    void close() noexcept override {
        if (!connection_) return;
        ended_ = connection_->connection.body_done() ? connection_->connection.timings() : rest::TransferTimings{};
        if (!connection_->connection.body_done()) connection_->connection.close();
        owner_->give_back(pool_key_, std::move(connection_), opened_);
        slot_.release();
    }

private:
    bool opened_;
    std::shared_ptr<SyncBeastPool> owner_;
    std::unique_ptr<SyncConnection> connection_;
    ExchangeLimits limits_;  // the body's (body_limits_of)
    std::string pool_key_;
    ConnectionLimiter::Slot slot_;
    rest::TransferTimings ended_;  // of a body read to its end, kept after the connection went back
};

}  // namespace
}  // namespace detail

/// The transport's state is a SyncBeastPool, which its responses share.
class BeastTransport::Impl final : public detail::SyncBeastPool {
public:
    using detail::SyncBeastPool::SyncBeastPool;
};

BeastTransport::BeastTransport(ConnectionConfiguration config) : impl_(std::make_shared<Impl>(std::move(config))) {}

BeastTransport::~BeastTransport() = default;

std::shared_ptr<rest::HttpResponse> BeastTransport::send(const std::shared_ptr<rest::HttpRequest>& request,
                                                         const options::Kwargs& options) {
    detail::TransferSettings settings = detail::resolve_settings(impl_->config(), options, *request);
    const std::optional<detail::ProxyRoute> proxy = detail::proxy_route(settings, "BeastTransport");
    const ResponseReading reading = settings.reading;
    const detail::ExchangeLimits limits = detail::limits_of(settings);
    const std::string_view host_header = detail::host_header_of(settings.host_key);
    const std::string tls_key = detail::TlsContexts::key_of(settings);
    const std::string pool_key = Impl::pool_key(settings.host_key, tls_key, proxy ? *settings.proxy : std::string());
    // Through an http proxy a plain request names the whole URL (absolute form); https tunnels.
    const std::string target = proxy && tls_key.empty() ? settings.host_key + settings.target : settings.target;
    detail::ConnectionLimiter::Slot slot = impl_->limiter().acquire(settings.host_key);
    bool reused = false;
    std::unique_ptr<detail::SyncConnection> connection = impl_->take(pool_key, reused, [this] { return impl_->make(); });
    connection->connection.start_try(reused);
    try {
        if (!reused) {
            try {
                connection->connection.connect(settings.host, settings.port, limits,
                                               tls_key.empty() ? nullptr : impl_->tls().get(settings), proxy,
                                               impl_->config().http2 && !tls_key.empty());
            } catch (...) {
                impl_->not_opened(pool_key);
                connection.reset();
                throw;
            }
        }
        ReceivedHead head = connection->connection.exchange(request, target, host_header, limits);
        auto body = std::make_unique<detail::BeastBodyReader>(impl_, std::move(connection), detail::body_limits_of(settings), pool_key,
                                                              std::move(slot), !reused);
        return make_response(request, std::move(head), std::move(body), reading);
    } catch (...) {
        const bool opened = connection && !reused;
        if (connection && !connection->connection.only_the_stream_failed()) connection->connection.close();
        impl_->give_back(pool_key, std::move(connection), opened);
        throw;
    }
}

std::span<const std::string_view> BeastTransport::option_names() const { return standard_transport_options(); }

void BeastTransport::close() { impl_->clear(); }

const ConnectionConfiguration& BeastTransport::config() const { return impl_->config(); }

ConnectionPoolStats BeastTransport::connection_pool() const { return impl_->stats(); }

}  // namespace azcore::transport
