#pragma once
// A generated client whose operations return a value read from the response (a model, bytes), in
// both faces: send_for(request, expected, read) returns read(response) (Sync) or an awaitable of it
// (Async).
#include "generated_client.hpp"

#include <azcore/rest/http_response.hpp>

#include <utility>
#include <vector>

namespace azcore::spector {

template <class Face>
class ModelClient;

template <>
class ModelClient<Sync> : public GeneratedClient<Sync> {
public:
    using GeneratedClient<Sync>::GeneratedClient;

protected:
    template <class Read>
    auto send_for(rest::HttpRequest request, std::vector<int> expected, Read read) const {
        return read(static_cast<const rest::HttpResponseBase&>(*this->send(std::move(request), std::move(expected))));
    }
};

template <>
class ModelClient<Async> : public GeneratedClient<Async> {
public:
    using GeneratedClient<Async>::GeneratedClient;

protected:
    template <class Read>
    auto send_for(rest::HttpRequest request, std::vector<int> expected, Read read) const
        -> net::awaitable<decltype(read(std::declval<const rest::HttpResponseBase&>()))> {
        auto response = co_await this->send(std::move(request), std::move(expected));
        co_return read(static_cast<const rest::HttpResponseBase&>(*response));
    }
};

}  // namespace azcore::spector
