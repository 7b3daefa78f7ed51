#pragma once
// The two faces the Blob client is written once for: Sync returns results, Async returns
// awaitables; each face knows its pipeline client, response, token credential and pager.
#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/credentials.hpp>
#include <azcore/credentials_async.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>

#include <type_traits>

namespace blob {

struct Sync {
    using PipelineClient = azcore::PipelineClient;
    using Response = azcore::rest::HttpResponse;
    using TokenCredential = azcore::credentials::SupportsTokenInfo;
    template <class T>
    using Result = T;
    template <class T>
    using Paged = azcore::paging::ItemPaged<T>;
};

struct Async {
    using PipelineClient = azcore::AsyncPipelineClient;
    using Response = azcore::rest::AsyncHttpResponse;
    using TokenCredential = azcore::credentials::AsyncSupportsTokenInfo;
    template <class T>
    using Result = azcore::net::awaitable<T>;
    template <class T>
    using Paged = azcore::paging::AsyncItemPaged<T>;
};

/// The trailing constructor arguments of a face: none (Sync) or an executor (Async).
template <class... Executor>
concept FaceExecutor = sizeof...(Executor) <= 1 && (std::is_convertible_v<Executor, azcore::net::any_io_executor> && ...);

}  // namespace blob
