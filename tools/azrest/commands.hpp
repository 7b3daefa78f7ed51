#pragma once
// The azrest commands.

namespace azrest {

struct Arguments;

/// `azrest demo`: a tour of azcore against the embedded test service. Returns the exit code.
int run_demo();

/// `azrest [METHOD] URL ...`: sends the request (following pages or a long-running operation when
/// asked), prints the result and returns the exit code (exit_codes.hpp).
int run_request(const Arguments& arguments);

}  // namespace azrest
