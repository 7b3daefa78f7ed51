#pragma once
// HttpTransport: the end of every pipeline, with a sync and an async face.
#include <azcore/net.hpp>
#include <azcore/options/kwargs.hpp>

#include <memory>
#include <span>
#include <string_view>

namespace azcore::rest {
class HttpRequest;
class HttpResponse;
class AsyncHttpResponse;
}  // namespace azcore::rest

namespace azcore::transport {

struct ConnectionConfiguration;

/// Sends requests. A transport that lacks one face throws std::logic_error from it.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    /// Sends the request and returns once the response headers arrived; unless the `stream`
    /// option is true, the body has been read too. Reads (never pops) its options.
    virtual std::shared_ptr<rest::HttpResponse> send(const std::shared_ptr<rest::HttpRequest>& request,
                                                     const options::Kwargs& options);
    /// The async face of send().
    virtual net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> async_send(
        std::shared_ptr<rest::HttpRequest> request, const options::Kwargs& options);
    /// Waits; the retry and polling policies wait through here so that tests can record instead.
    virtual void sleep(double seconds);
    /// Waits on a timer of the calling coroutine's executor; cancellable.
    virtual net::awaitable<void> async_sleep(double seconds);
    /// Names of the per-call options this transport takes.
    virtual std::span<const std::string_view> option_names() const;
    /// Releases pooled connections; idempotent.
    virtual void close() {}
    /// The transport's connection settings, when it has them (the retry policy reads the
    /// connection timeout to keep it within the operation's timeout).
    virtual const ConnectionConfiguration* connection_config() const { return nullptr; }
    /// True when send and async_send refuse, before sending anything, every request that the
    /// request check (docs/SECURITY.md) refuses, with its messages: the pipeline then leaves the
    /// check to the transport instead of running it twice. Default false: the pipeline checks.
    virtual bool checks_requests() const { return false; }
};

/// The per-call option names every transport of azcore understands.
std::span<const std::string_view> standard_transport_options();

}  // namespace azcore::transport
