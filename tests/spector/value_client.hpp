#pragma once
// A generated client whose operations return a value read from the response (a body property, a
// response header): send_then(request, expected, read) is read(response) in the sync face and an
// awaitable of it in the async face, so each such operation is still written once.
#include "generated_client.hpp"

#include <type_traits>
#include <utility>
#include <vector>

namespace azcore::spector {

template <class Face>
class ValueClient : public GeneratedClient<Face> {
public:
    using GeneratedClient<Face>::GeneratedClient;

protected:
    template <class Read>
    using ValueOf = std::invoke_result_t<Read, const rest::HttpResponseBase&>;

    template <class Read>
    typename Face::template Result<ValueOf<Read>> send_then(rest::HttpRequest request, std::vector<int> expected, Read read) const {
        if constexpr (std::is_same_v<Face, Sync>) return read(*this->send(std::move(request), std::move(expected)));
        else return async_send_then(std::move(request), std::move(expected), std::move(read));
    }

private:
    template <class Read>
    net::awaitable<ValueOf<Read>> async_send_then(rest::HttpRequest request, std::vector<int> expected, Read read) const {
        auto response = co_await this->send(std::move(request), std::move(expected));
        co_return read(*response);
    }
};

}  // namespace azcore::spector
