#pragma once
// The tour of `azrest demo`: its steps, and what each step uses to show and to check what it shows.
#include <azcore/net.hpp>
#include <azcore/testserver/test_server.hpp>

#include <fmt/core.h>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azrest::demo {

namespace net = azcore::net;

/// What a step works with: the embedded service, and the checks it makes on what it shows.
class Tour {
public:
    explicit Tour(azcore::testserver::TestServer& server) : server_(server) {}

    azcore::testserver::TestServer& server() const { return server_; }
    std::string base_url() const { return server_.base_url(); }

    /// Prints one indented line of the step.
    template <class... Args>
    void say(fmt::format_string<Args...> format, Args&&... args) const {
        fmt::print("    {}\n", fmt::format(format, std::forward<Args>(args)...));
    }
    /// Records that the step did not behave as described when !held; what: what was expected.
    void check(bool held, std::string_view what);
    /// What the current step got wrong so far (empty: nothing).
    const std::vector<std::string>& failures() const { return failures_; }
    void clear_failures() { failures_.clear(); }

private:
    azcore::testserver::TestServer& server_;
    std::vector<std::string> failures_;
};

/// Runs the coroutine body(executor) on a new io_context on this thread to its end, and rethrows
/// what it threw: one async face of a step.
void run_async(const std::function<net::awaitable<void>(net::any_io_executor)>& body);

/// One step of the tour.
struct Step {
    /// What the step's heading says it shows.
    std::string_view title;
    /// Its short name, for the final line when it fails.
    std::string_view name;
    void (*run)(Tour&) = nullptr;
};

// One file each.
void requests_step(Tour& tour);
void streaming_step(Tour& tour);
void errors_step(Tour& tour);
void retries_step(Tour& tour);
void paging_step(Tour& tour);
void lro_step(Tour& tour);
void challenge_step(Tour& tour);
void concurrency_step(Tour& tour);
void span_tree_step(Tour& tour);

/// The steps in their order.
const std::vector<Step>& steps();

}  // namespace azrest::demo
