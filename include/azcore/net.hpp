#pragma once
// The Asio namespace alias used across azcore's async API.
#include <boost/asio/awaitable.hpp>

namespace azcore {
namespace net = boost::asio;
}
