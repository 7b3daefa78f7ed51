#pragma once
// A typed test fixture that runs each scenario test in both faces: Sync clients are called as they
// are; Async clients get the fixture's io_context as executor and their operations run to
// completion on it, on the test thread.
#include "generated_client.hpp"

#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

namespace azcore::spector {

template <class T>
inline constexpr bool is_awaitable = false;
template <class T>
inline constexpr bool is_awaitable<net::awaitable<T>> = true;

template <class Face>
class FaceTest : public ::testing::Test {
protected:
    /// Client(args..., executor) in the Async face, Client(args...) in the Sync face.
    template <template <class> class Client, class... Args>
    Client<Face> make(Args&&... args) {
        if constexpr (std::is_same_v<Face, Async>) return Client<Face>(std::forward<Args>(args)..., io_.get_executor());
        else return Client<Face>(std::forward<Args>(args)...);
    }
    /// Calls operation() and returns its result: awaited on io_ in the Async face.
    template <class Operation>
    auto call(Operation&& operation) {
        using R = decltype(operation());
        if constexpr (is_awaitable<R>) return test::run_awaitable(io_, operation());
        else return operation();
    }
    /// Runs a coroutine on io_ (Async face only).
    template <class T>
    T await(net::awaitable<T> awaitable) {
        return test::run_awaitable(io_, std::move(awaitable));
    }

    boost::asio::io_context io_;
};

struct FaceNames {
    template <class Face>
    static std::string GetName(int) {
        return std::is_same_v<Face, Sync> ? "Sync" : "Async";
    }
};

using Faces = ::testing::Types<Sync, Async>;

}  // namespace azcore::spector
