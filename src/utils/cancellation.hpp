#pragma once
// Which cancellation types azcore's coroutines accept.
#include <azcore/net.hpp>

namespace azcore::detail {

/// Lets every cancellation type (terminal, partial, total) reach the operations of the calling
/// coroutine; Asio's default lets only terminal through. Throws operation_aborted when a
/// cancellation was already requested. The coroutine keeps the wider filter afterwards.
net::awaitable<void> accept_every_cancellation();

}  // namespace azcore::detail
