#pragma once
// Sync and Async: the two faces as types, for a service client written once for both. A client
// is a class template over the face (`template <class Face> class WidgetClient`) whose operations
// return `typename Face::template Result<T>`: T in the sync face, net::awaitable<T> in the async
// one. Operations that only send and check a status are then written once; the others are
// specialised per face over shared request builders and response handlers.
#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/credentials.hpp>
#include <azcore/credentials_async.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>

#include <type_traits>

namespace azcore {

/// The sync face: PipelineClient, results as they are.
struct Sync {
    /// The face's client.
    using PipelineClient = azcore::PipelineClient;
    /// The face's response.
    using Response = rest::HttpResponse;
    /// The credential the face's bearer policy takes.
    using TokenCredential = credentials::SupportsTokenInfo;
    /// What an operation returning T returns: T itself.
    template <class T>
    using Result = T;
    /// The face's paged collection of T.
    template <class T>
    using ItemPaged = paging::ItemPaged<T>;
    /// The face's poller of an operation whose result is a T.
    template <class T>
    using LROPoller = polling::LROPoller<T>;
};

/// The async face: AsyncPipelineClient, results as awaitables.
struct Async {
    /// The face's client.
    using PipelineClient = AsyncPipelineClient;
    /// The face's response.
    using Response = rest::AsyncHttpResponse;
    /// The credential the face's bearer policy takes.
    using TokenCredential = credentials::AsyncSupportsTokenInfo;
    /// What an operation returning T returns: an awaitable of T.
    template <class T>
    using Result = net::awaitable<T>;
    /// The face's paged collection of T.
    template <class T>
    using ItemPaged = paging::AsyncItemPaged<T>;
    /// The face's poller of an operation whose result is a T.
    template <class T>
    using LROPoller = polling::AsyncLROPoller<T>;
};

/// The trailing constructor arguments of a face's client: none (Sync) or an executor (Async).
template <class... Executor>
concept FaceExecutor = sizeof...(Executor) <= 1 && (std::is_convertible_v<Executor, net::any_io_executor> && ...);

}  // namespace azcore
