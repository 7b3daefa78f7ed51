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
};

/// `azrest request`: sends one request through the default pipeline and prints the response.
int run_request(const RequestArguments& arguments);

}  // namespace azrest
