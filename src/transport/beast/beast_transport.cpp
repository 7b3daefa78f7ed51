#include <azcore/transport/beast_transport.hpp>

#include <azcore/rest/http_response.hpp>
#include <azcore/rest/response_body_reader.hpp>
#include <azcore/transport/transport_response.hpp>

#include "transport/beast/beast_pool.hpp"
#include "transport/beast/http1_connection.hpp"
#include "transport/connection_limiter.hpp"
#include "transport/transfer_settings.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <optional>

namespace azcore::transport {
namespace detail {
namespace {

/// A connection of the sync transport: its own io_context, which the calling thread runs for
/// the length of each step.
struct SyncConnection {
    net::io_context io{1};
    Http1Connection connection{io.get_executor()};
};

/// Runs op on io on this thread until it completes; returns its value or rethrows.
template <class T>
T run(net::io_context& io, net::awaitable<T> op) {
    std::exception_ptr error;
    std::optional<T> value;
    net::co_spawn(io, std::move(op), [&](std::exception_ptr e, T result) {
        error = e;
        if (!e) value.emplace(std::move(result));
    });
    io.restart();
    io.run();
    if (error) std::rethrow_exception(error);
    return std::move(*value);
}

void run(net::io_context& io, net::awaitable<void> op) {
    std::exception_ptr error;
    net::co_spawn(io, std::move(op), [&](std::exception_ptr e) { error = e; });
    io.restart();
    io.run();
    if (error) std::rethrow_exception(error);
}

}  // namespace

/// The sync transport's state: its pool and its connection caps.
class SyncBeastPool : public BeastPool<SyncConnection> {
public:
    explicit SyncBeastPool(ConnectionConfiguration config)
        : BeastPool(std::move(config)), limiter_(this->config().max_connections_per_host, this->config().max_connections) {}
    ConnectionLimiter& limiter() { return limiter_; }

private:
    ConnectionLimiter limiter_;
};

namespace {

/// The body of a sync response: read from its connection on this thread; the connection goes
/// back to the pool when the body was read to its end, and is closed otherwise.
class BeastBodyReader final : public rest::ResponseBodyReader {
public:
    BeastBodyReader(std::shared_ptr<SyncBeastPool> owner, std::unique_ptr<SyncConnection> connection, TransferSettings settings,
                    ConnectionLimiter::Slot slot)
        : owner_(std::move(owner)), connection_(std::move(connection)), settings_(std::move(settings)), slot_(std::move(slot)) {}
    ~BeastBodyReader() override { close(); }

    std::size_t read_some(Bytes& out, std::size_t max) override {
        if (!connection_) return 0;
        std::size_t got = 0;
        try {
            got = run(connection_->io, connection_->connection.read_some(out, max, limits_of(settings_)));
        } catch (...) {
            close();
            throw;
        }
        if (got == 0) close();
        return got;
    }

    void close() noexcept override {
        if (!connection_) return;
        if (!connection_->connection.body_done()) connection_->connection.close();
        owner_->give_back(settings_.host_key, std::move(connection_));
        slot_.release();
    }

private:
    std::shared_ptr<SyncBeastPool> owner_;
    std::unique_ptr<SyncConnection> connection_;
    TransferSettings settings_;
    ConnectionLimiter::Slot slot_;
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
    using detail::run;
    detail::TransferSettings settings = detail::resolve_settings(impl_->config(), options, *request);
    detail::check_supported(settings, "BeastTransport");
    const ResponseReading reading = settings.reading;
    const detail::ExchangeLimits limits = detail::limits_of(settings);
    const std::string host_header = detail::host_header_of(settings.host_key);
    detail::ConnectionLimiter::Slot slot = impl_->limiter().acquire(settings.host_key);
    // Again on another connection when a kept-alive one turned out closed by the server before
    // it read the request (each such connection is dropped, so this ends on a new one).
    for (;;) {
        bool reused = false;
        std::unique_ptr<detail::SyncConnection> connection =
            impl_->take(settings.host_key, reused, [] { return std::make_unique<detail::SyncConnection>(); });
        try {
            if (!reused) {
                try {
                    run(connection->io, connection->connection.connect(settings.host, settings.port, limits));
                } catch (...) {
                    impl_->not_opened(settings.host_key);
                    connection.reset();
                    throw;
                }
            }
            ReceivedHead head = run(connection->io, connection->connection.exchange(*request, settings.target, host_header, limits));
            if (connection->connection.stale()) {
                impl_->give_back(settings.host_key, std::move(connection));
                continue;
            }
            auto body = std::make_unique<detail::BeastBodyReader>(impl_, std::move(connection), std::move(settings), std::move(slot));
            return make_response(request, std::move(head), std::move(body), reading);
        } catch (...) {
            if (connection) connection->connection.close();
            impl_->give_back(settings.host_key, std::move(connection));
            throw;
        }
    }
}

std::span<const std::string_view> BeastTransport::option_names() const { return standard_transport_options(); }

void BeastTransport::close() { impl_->clear(); }

const ConnectionConfiguration& BeastTransport::config() const { return impl_->config(); }

ConnectionPoolStats BeastTransport::connection_pool() const { return impl_->snapshot(); }

}  // namespace azcore::transport
