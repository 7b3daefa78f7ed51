#pragma once
// The azrest sub-commands.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace azrest {

/// `azrest demo`: a tour of azcore against the embedded test service. Returns the exit code.
int run_demo();
/// `azrest demo --serve`: the demo's test service on 127.0.0.1:port (0: a free port) until SIGINT
/// or SIGTERM. Returns the exit code.
int serve_demo(std::uint16_t port);

struct RequestArguments {
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers;  // "Name: value"
    std::vector<std::string> params;   // "name=value"
    std::string body;
    bool insecure = false;
    bool include_headers = false;
    std::string token;                // a bearer token (StaticTokenCredential)
    std::string token_env;            // or the environment variable holding it
    std::vector<std::string> scopes;  // default: "<scheme>://<host>/.default" of the URL
    bool allow_http = false;          // send the token over http (enforce_https = false)
};

/// `azrest request`: sends one request through the default pipeline and prints the response.
int run_request(const RequestArguments& arguments);

}  // namespace azrest
