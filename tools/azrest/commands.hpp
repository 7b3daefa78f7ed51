#pragma once
// The azrest sub-commands.
#include <map>
#include <string>
#include <vector>

namespace azrest {

/// `azrest demo`: a tour of azcore against the embedded test service. Returns the exit code.
int run_demo();

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
    std::string output;               // --output FILE: the body streamed to FILE
};

/// `azrest request`: sends one request through the default pipeline and prints the response.
int run_request(const RequestArguments& arguments);

}  // namespace azrest
