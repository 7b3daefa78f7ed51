// paging_lro: ContosoClient and AsyncContosoClient against the service at ENDPOINT (Spector's
// azure/core/page and azure/core/lro/rpc scenarios): a paged list, page by page, and a
// long-running operation to its end, in both faces. Exits 1 when a face did not page across more
// than one page or the operation did not succeed.
//   paging_lro ENDPOINT [POLLING_INTERVAL_SECONDS]
#include "contoso_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

namespace {

namespace net = azcore::net;

const contoso::ListUsersOptions list_options{.select = "name", .include_pending = true};

/// What one face did: pages seen, and whether the operation succeeded.
struct Outcome {
    int pages = 0;
    bool succeeded = false;
};

Outcome run_sync(const std::string& endpoint, double polling_interval) {
    contoso::ContosoClient client(endpoint, {.polling_interval = polling_interval});
    Outcome outcome;
    for (const std::vector<contoso::User>& page : client.list_users(list_options).by_page()) {
        ++outcome.pages;
        for (const contoso::User& user : page)
            std::cout << "sync  list_users: page " << outcome.pages << ": " << user.id << " " << user.name << "\n";
    }
    auto poller = client.begin_generate("text");
    const contoso::GenerationResult result = poller.result();  // polls on the poller's thread
    std::cout << "sync  begin_generate: " << poller.status() << ", result \"" << result.data << "\"\n";
    outcome.succeeded = poller.status() == "Succeeded";
    return outcome;
}

net::awaitable<Outcome> run_async(const contoso::AsyncContosoClient& client) {
    Outcome outcome;
    auto pages = client.list_users(list_options).by_page();
    while (auto page = co_await pages.next()) {
        ++outcome.pages;
        for (const contoso::User& user : *page)
            std::cout << "async list_users: page " << outcome.pages << ": " << user.id << " " << user.name << "\n";
    }
    auto poller = co_await client.begin_generate("text");
    const contoso::GenerationResult result = co_await poller.result();
    std::cout << "async begin_generate: " << poller.status() << ", result \"" << result.data << "\"\n";
    outcome.succeeded = poller.status() == "Succeeded";
    co_return outcome;
}

bool shown(const char* face, const Outcome& outcome) {
    if (outcome.pages >= 2 && outcome.succeeded) return true;
    std::cerr << "paging_lro: the " << face << " face saw " << outcome.pages << " page(s) and the operation "
              << (outcome.succeeded ? "succeeded" : "did not succeed") << "\n";
    return false;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: paging_lro ENDPOINT [POLLING_INTERVAL_SECONDS]\n";
        return 2;
    }
    const std::string endpoint = argv[1];
    double polling_interval = 1.0;
    if (argc == 3) {
        char* end = nullptr;
        polling_interval = std::strtod(argv[2], &end);
        if (end == argv[2] || *end != '\0' || !(polling_interval >= 0)) {
            std::cerr << "paging_lro: POLLING_INTERVAL_SECONDS must be a number of seconds, 0 or more: " << argv[2] << "\n";
            return 2;
        }
    }

    const Outcome sync_outcome = run_sync(endpoint, polling_interval);

    net::io_context io;
    contoso::AsyncContosoClient client(endpoint, io.get_executor(), {.polling_interval = polling_interval});
    auto async_outcome = net::co_spawn(io, run_async(client), net::use_future);
    io.run();
    const bool sync_shown = shown("sync", sync_outcome);  // both reported, whatever the first says
    const bool async_shown = shown("async", async_outcome.get());
    return sync_shown && async_shown ? 0 : 1;
} catch (const std::exception& error) {
    std::cerr << "paging_lro: " << error.what() << "\n";
    return 1;
}
