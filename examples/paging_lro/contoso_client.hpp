#pragma once
// ContosoClient and AsyncContosoClient: a service client in the shape of a generated Azure SDK
// client (Python's `ContosoClient` and `aio.ContosoClient`), one class per face over the requests
// and response handlers they share (operations.hpp). A paged operation returns ItemPaged /
// AsyncItemPaged; a long-running one returns LROPoller / AsyncLROPoller polling with
// LROBasePolling. Pagers and pollers use their client, which must outlive them.
#include "operations.hpp"

#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/async_lro_poller.hpp>
#include <azcore/polling/lro_poller.hpp>

#include <string>

namespace contoso {

/// What both clients take (a generated client's keyword arguments).
struct ContosoClientOptions {
    /// Seconds between status requests of a long-running operation without Retry-After.
    double polling_interval = 30;
};

class ContosoClient {
public:
    explicit ContosoClient(std::string endpoint, ContosoClientOptions options = {});

    /// The users, page after page as the loop advances (GET, then the next links).
    azcore::paging::ItemPaged<User> list_users(ListUsersOptions options = {}) const;
    /// Starts a generation; the poller's result() waits for it to finish.
    azcore::polling::LROPoller<GenerationResult> begin_generate(const std::string& prompt) const;

private:
    azcore::PipelineClient client_;
};

class AsyncContosoClient {
public:
    AsyncContosoClient(std::string endpoint, azcore::net::any_io_executor executor, ContosoClientOptions options = {});

    /// The users: `co_await users.next()` until nullopt; pages are fetched as needed.
    azcore::paging::AsyncItemPaged<User> list_users(ListUsersOptions options = {}) const;
    /// Starts a generation; `co_await poller.result()` waits for it to finish.
    azcore::net::awaitable<azcore::polling::AsyncLROPoller<GenerationResult>> begin_generate(std::string prompt) const;

private:
    azcore::AsyncPipelineClient client_;
};

}  // namespace contoso
