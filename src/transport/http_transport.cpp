#include <azcore/transport/http_transport.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>

#include "utils/cancellation.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace azcore::transport {

namespace {
constexpr std::array<std::string_view, 8> standard_options = {
    options::connection_cert.name(), options::connection_timeout.name(), options::connection_verify.name(),
    options::deadline.name(),        options::max_decoded_size.name(),   options::proxies.name(),
    options::read_timeout.name(),    options::stream.name()};

// A server's Retry-After reaches here (LRO polling): past about 292 years the conversion to
// nanoseconds overflows, so waits are capped at 100 years.
std::chrono::steady_clock::duration to_duration(double seconds) {
    if (!(seconds > 0)) return {};
    seconds = std::min(seconds, 100.0 * 365 * 24 * 3600);
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
}
}  // namespace

std::span<const std::string_view> standard_transport_options() { return standard_options; }

std::shared_ptr<rest::HttpResponse> HttpTransport::send(const std::shared_ptr<rest::HttpRequest>&, const options::Kwargs&) {
    throw std::logic_error("this transport has no sync face: use async_run / AsyncPipelineClient");
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> HttpTransport::async_send(std::shared_ptr<rest::HttpRequest>,
                                                                                  const options::Kwargs&) {
    throw std::logic_error("this transport has no async face: use run / PipelineClient");
    co_return nullptr;
}

void HttpTransport::sleep(double seconds) { std::this_thread::sleep_for(to_duration(seconds)); }

net::awaitable<void> HttpTransport::async_sleep(double seconds) {
    co_await azcore::detail::accept_every_cancellation();
    net::steady_timer timer(co_await net::this_coro::executor, to_duration(seconds));
    co_await timer.async_wait(net::use_awaitable);
}

std::span<const std::string_view> HttpTransport::option_names() const { return standard_options; }

}  // namespace azcore::transport
