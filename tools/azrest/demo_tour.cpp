#include "demo_tour.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>

namespace azrest::demo {

void Tour::check(bool held, std::string_view what) {
    if (!held) failures_.emplace_back(what);
}

void run_async(const std::function<net::awaitable<void>(net::any_io_executor)>& body) {
    boost::asio::io_context context;
    std::exception_ptr failure;
    boost::asio::co_spawn(context, body(context.get_executor()), [&](std::exception_ptr error) { failure = error; });
    context.run();
    if (failure) std::rethrow_exception(failure);
}

const std::vector<Step>& steps() {
    static const std::vector<Step> all{
        {"Requests through the pipeline, sync and async: query, headers, a JSON body", "requests", requests_step},
        {"Streaming and content decoding: 64 MiB in constant memory; gzip, br and zstd bodies", "streaming",
         streaming_step},
        {"Errors: a status stays a response until mapped; transport failures are exceptions", "errors", errors_step},
        {"Retries: RetryPolicy retries 503 with backoff, sync and async", "retries", retries_step},
        {"A paged list: ItemPaged and AsyncItemPaged follow nextLink", "paging", paging_step},
        {"A long-running operation: LROPoller and AsyncLROPoller with LROBasePolling", "long-running operation",
         lro_step},
        {"A bearer challenge with claims: BearerTokenCredentialPolicy answers a CAE challenge, sync and async",
         "bearer challenge", challenge_step},
        {"Concurrency on one thread: 500 requests in flight at once (each held 200 ms by the service)", "concurrency",
         concurrency_step},
        {"The span tree: azcore's tracing SDK around a paged list", "span tree", span_tree_step},
    };
    return all;
}

}  // namespace azrest::demo
