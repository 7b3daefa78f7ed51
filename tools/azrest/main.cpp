// azrest: a command line client on azcore (like `az rest`), and `azrest demo`.
#include "arguments.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdint>
#include <cstdlib>

int main(int argc, char** argv) {
    CLI::App app{"azrest: REST requests through the azcore pipeline.\n"
                 "  azrest [METHOD] URL [options]   send a request (GET, or POST with --body)\n"
                 "  azrest demo                     tour azcore against an embedded test service\n"
                 "Exit codes: 0 ok, 1 HTTP error status, 2 usage error, 3 connection error,\n"
                 "4 authentication error, 5 operation failed, 6 unexpected response."};

    bool serve = false;
    std::uint16_t port = 0;
    CLI::App* demo = app.add_subcommand("demo", "Tour azcore against an embedded test service");
    CLI::Option* serve_flag = demo->add_flag("--serve", serve, "Keep the test service up for trying azrest by hand");
    demo->add_option("--port", port, "With --serve: the port on 127.0.0.1 (default: a free one)")->needs(serve_flag);
    demo->callback([&] { std::exit(serve ? azrest::serve_demo(port) : azrest::run_demo()); });

    azrest::Arguments arguments;
    azrest::add_request_options(app, arguments);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        fmt::print(stderr, "azrest: {}\nRun 'azrest --help' for the options.\n", error.what());
        return azrest::exit_usage;
    }
    return azrest::run_request(arguments);
}
