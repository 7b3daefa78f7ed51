#pragma once
// A typed test fixture for clients written once for both faces (a Face type whose
// `Result<T>` is T, or net::awaitable<T>): make<Client>(args...) adds the fixture's executor as the
// last argument in the async face, and call(op) returns op()'s result, awaited on the fixture's
// io_context (on the test thread) in the async face.
#include "support/run_mode.hpp"

#include <azcore/net.hpp>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

namespace azcore::test {

template <class T>
inline constexpr bool is_awaitable_v = false;
template <class T>
inline constexpr bool is_awaitable_v<net::awaitable<T>> = true;

/// True for a face whose operations return awaitables.
template <class Face>
inline constexpr bool is_async_face = is_awaitable_v<typename Face::template Result<int>>;

template <class Face>
class FaceFixture : public ::testing::Test {
public:
    /// Client<Face>(args..., executor) in the async face, Client<Face>(args...) in the sync face.
    template <template <class> class Client, class... Args>
    Client<Face> make(Args&&... args) {
        if constexpr (is_async_face<Face>) return Client<Face>(std::forward<Args>(args)..., io_.get_executor());
        else return Client<Face>(std::forward<Args>(args)...);
    }
    /// operation()'s result; awaited on io_ when it is an awaitable.
    template <class Operation>
    auto call(Operation&& operation) {
        if constexpr (is_awaitable_v<decltype(operation())>) return run_awaitable(io_, operation());
        else return operation();
    }

    boost::asio::io_context io_;
};

/// gtest names for typed tests over faces: "Sync" and "Async".
struct FaceNames {
    template <class Face>
    static std::string GetName(int) {
        return is_async_face<Face> ? "Async" : "Sync";
    }
};

}  // namespace azcore::test
