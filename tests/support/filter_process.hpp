#pragma once
// A child process run as a filter: text on its stdin, its stdout and stderr collected, waited for.
// For peers that are not servers (tests/peers/cloudevents).
#include <string>
#include <vector>

namespace azcore::test {

struct FilterResult {
    /// The exit status, or 128 + the signal that ended it.
    int exit_code = 0;
    std::string out{};
    std::string err{};
};

/// Runs argv (argv[0] an executable's path, a `#!` script included) with input on its stdin and
/// waits for it. Throws std::runtime_error when it cannot be started.
FilterResult run_filter(const std::vector<std::string>& argv, const std::string& input);

}  // namespace azcore::test
