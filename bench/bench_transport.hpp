#pragma once
// The transport a bench program measures: `--transport beast` (the default, as PipelineClient's
// and AsyncPipelineClient's), `--transport beast-h2` (the same with http2 on: HTTP/2 where the
// server takes it) or `--transport curl` (to compare), with its connection_pool() kept for the
// RESULT line.
#include <azcore/transport/async_beast_transport.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/beast_transport.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace azcore::bench {

struct BenchTransport {
    std::shared_ptr<transport::HttpTransport> transport;
    std::function<transport::ConnectionPoolStats()> connection_pool;
};

namespace detail {
template <class T>
BenchTransport kept(std::shared_ptr<T> made) {
    return {made, [made] { return made->connection_pool(); }};
}
inline void check_name(const std::string& name, transport::ConnectionConfiguration& config) {
    if (name != "beast" && name != "beast-h2" && name != "curl")
        throw std::invalid_argument("--transport: beast, beast-h2 or curl, not '" + name + "'");
    config.http2 = name == "beast-h2";
}
}  // namespace detail

/// The sync transport named name ("beast", "beast-h2" or "curl").
inline BenchTransport make_sync_transport(const std::string& name, transport::ConnectionConfiguration config) {
    detail::check_name(name, config);
    if (name == "curl") return detail::kept(std::make_shared<transport::CurlTransport>(std::move(config)));
    return detail::kept(std::make_shared<transport::BeastTransport>(std::move(config)));
}

/// The async transport named name ("beast", "beast-h2" or "curl") on executor.
inline BenchTransport make_async_transport(const std::string& name, const boost::asio::any_io_executor& executor,
                                           transport::ConnectionConfiguration config) {
    detail::check_name(name, config);
    if (name == "curl") return detail::kept(std::make_shared<transport::AsyncCurlTransport>(executor, std::move(config)));
    return detail::kept(std::make_shared<transport::AsyncBeastTransport>(executor, std::move(config)));
}

}  // namespace azcore::bench
