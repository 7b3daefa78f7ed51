#pragma once
// What async-only tests check about how a coroutine ended: cancelled with operation_aborted
// (never an AzureError), or a readable description of whatever else happened.
#include <boost/asio/cancellation_type.hpp>

#include <cstddef>
#include <exception>
#include <string>

namespace azcore::test {

/// The outcome of a request that is expected to be cancelled.
struct Cancelled {
    bool done = false;
    std::exception_ptr error{};
    /// A co_spawn completion handler (for a coroutine returning T, or void) that fills this.
    template <class... T>
    auto handler() {
        return [this](std::exception_ptr failure, T...) {
            error = failure;
            done = true;
        };
    }
};

/// "no exception", or the exception's type and message.
std::string what_of(const std::exception_ptr& error);

/// Fails the test unless error is boost::system::system_error(operation_aborted).
void expect_operation_aborted(const std::exception_ptr& error);

/// The three cancellation types a slot can emit, for parameterised tests.
inline constexpr boost::asio::cancellation_type cancellation_types[] = {
    boost::asio::cancellation_type::terminal, boost::asio::cancellation_type::partial, boost::asio::cancellation_type::total};

/// "terminal", "partial" or "total" (a gtest parameter name).
std::string cancellation_type_name(boost::asio::cancellation_type type);

}  // namespace azcore::test
