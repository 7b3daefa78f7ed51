// azrest: a command line client on azcore (like `az rest`), and `azrest demo`.
#include "commands.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"azrest: REST requests through the azcore pipeline"};
    app.require_subcommand(1);

    bool serve = false;
    std::uint16_t port = 0;
    CLI::App* demo = app.add_subcommand("demo", "Tour azcore against an embedded test service");
    CLI::Option* serve_flag = demo->add_flag("--serve", serve, "Keep the test service up for trying azrest by hand");
    demo->add_option("--port", port, "With --serve: the port on 127.0.0.1 (default: a free one)")->needs(serve_flag);
    demo->callback([&] { std::exit(serve ? azrest::serve_demo(port) : azrest::run_demo()); });

    azrest::RequestArguments arguments;
    CLI::App* request = app.add_subcommand("request", "Send one request and print the response");
    request->add_option("--method,-m", arguments.method, "HTTP method")->capture_default_str();
    request->add_option("--url,-u", arguments.url, "Absolute URL")->required();
    request->add_option("--header,-H", arguments.headers, "Header 'Name: value' (repeatable)");
    request->add_option("--param,-p", arguments.params, "Query parameter name=value (repeatable)");
    request->add_option("--body,-d", arguments.body, "Request body (text)");
    request->add_flag("--insecure,-k", arguments.insecure, "Do not verify the server's certificate");
    request->add_flag("--include,-i", arguments.include_headers, "Print the response headers");
    request->add_option("--token", arguments.token, "Bearer token sent through BearerTokenCredentialPolicy");
    request->add_option("--token-env", arguments.token_env, "Environment variable holding the bearer token");
    request->add_option("--scope", arguments.scopes, "Token scope (repeatable; default <scheme>://<host>/.default)");
    request->add_flag("--allow-http", arguments.allow_http, "Allow the bearer token over http (enforce_https=false)");
    request->callback([&] { std::exit(azrest::run_request(arguments)); });

    CLI11_PARSE(app, argc, argv);
    return 0;
}
