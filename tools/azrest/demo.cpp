// `azrest demo`: starts the test service in-process and tours azcore, checking every step.
#include "commands.hpp"
#include "demo_tour.hpp"

#include <azcore/testserver/test_server.hpp>

#include <fmt/core.h>

#include <exception>
#include <string>
#include <vector>

namespace azrest {

int run_demo() {
    azcore::testserver::TestServer server;
    fmt::print("azcore {} demo: the test service listens on {}\n", AZCORE_DEMO_VERSION, server.base_url());
    demo::Tour tour(server);
    std::vector<std::string> failed;
    int number = 0;
    for (const demo::Step& step : demo::steps()) {
        ++number;
        fmt::print("\n[{}] {}\n", number, step.title);
        tour.clear_failures();
        try {
            step.run(tour);
        } catch (const std::exception& error) {
            tour.check(false, fmt::format("it threw: {}", error.what()));
        }
        if (tour.failures().empty()) fmt::print("    => step {} ok\n", number);
        for (const std::string& failure : tour.failures()) fmt::print("    => step {} FAILED: {}\n", number, failure);
        if (!tour.failures().empty()) failed.push_back(fmt::format("{} ({})", number, step.name));
    }
    fmt::print("\nthe service accepted {} connection(s) for {} requests\n", server.connections_accepted(),
               server.requests().size());
    if (failed.empty()) {
        fmt::print("demo finished: all {} steps behaved as described\n", number);
        return 0;
    }
    std::string list;
    for (const std::string& step : failed) list += (list.empty() ? "" : ", ") + step;
    fmt::print("demo FAILED: step{} {} did not behave as described\n", failed.size() == 1 ? "" : "s", list);
    return 1;
}

}  // namespace azrest
