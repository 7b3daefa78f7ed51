#pragma once

#include <boost/asio/ssl/context.hpp>

#include "azcore/testserver/test_server.hpp"

namespace azcore::testserver::detail {

/// Server context (TLS 1.2+) from PEM files; requires client certificates when client_ca_file is set.
/// Selects ALPN "http/1.1" when the client offers it.
boost::asio::ssl::context make_tls_context(const TlsFiles& files);

}  // namespace azcore::testserver::detail
