#include "utils/cancellation.hpp"

#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

namespace azcore::detail {

net::awaitable<void> accept_every_cancellation() {
    // A new state forgets what the old one saw: a cancellation already requested ends the call here.
    net::cancellation_state state = co_await net::this_coro::cancellation_state;
    if (state.cancelled() != net::cancellation_type::none) throw boost::system::system_error(net::error::operation_aborted);
    co_await net::this_coro::reset_cancellation_state(net::enable_total_cancellation());
}

}  // namespace azcore::detail
