// `azrest demo --serve`: the demo's test service, kept up for trying azrest by hand.
#include "commands.hpp"

#include <azcore/testserver/stop_signals.hpp>
#include <azcore/testserver/test_server.hpp>

#include <fmt/core.h>

#include <csignal>
#include <exception>
#include <string>

namespace azrest {

int serve_demo(std::uint16_t port) {
    azcore::testserver::StopSignals stop;  // before the service: its threads inherit the mask
    try {
        azcore::testserver::TestServer server({.port = port, .record_requests = false});
        const std::string url = server.base_url();
        fmt::print("azcore test service: {}\n", url);
        fmt::print("Serving until Ctrl-C (SIGINT) or SIGTERM. Try, in another terminal:\n");
        fmt::print("  azrest GET \"{}/echo?greeting=hello\"\n", url);
        fmt::print("  azrest POST {}/echo --body '{{\"name\": \"azcore\"}}'\n", url);
        fmt::print("  azrest GET \"{}/flaky?key=mine&fail=2\" --debug\n", url);
        fmt::print("  azrest GET \"{}/paged/items?count=10&page_size=4\" --paged\n", url);
        fmt::print("  azrest PUT {}/lro/resources/mine --wait\n", url);
        fmt::print("  azrest GET {}/status/404\n", url);
        fmt::print("Its routes: testserver/include/azcore/testserver/test_server.hpp in the azcore sources.\n");
        std::fflush(stdout);
        const int signal = stop.wait();
        fmt::print("azcore test service stopped ({})\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
        return 0;
    } catch (const std::exception& error) {
        fmt::print(stderr, "azrest demo --serve: {}\n", error.what());
        return 1;
    }
}

}  // namespace azrest
