#pragma once
// The azrest commands.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace azrest {

struct Arguments;

/// `azrest demo`: a tour of azcore against the embedded test service. Returns the exit code.
int run_demo();
/// `azrest demo --serve`: the demo's test service on 127.0.0.1:port (0: a free port) until SIGINT
/// or SIGTERM. Returns the exit code.
int serve_demo(std::uint16_t port);

/// `azrest [METHOD] URL ...`: sends the request (following pages or a long-running operation when
/// asked), prints the result and returns the exit code (exit_codes.hpp).
int run_request(const Arguments& arguments);

}  // namespace azrest
