#pragma once
// Runs the azrest binary built next to the tests, as a person would from a shell (not a terminal).
#include "support/filter_process.hpp"

#include <string>
#include <vector>

namespace azrest::test {

/// Runs `azrest args...` with `input` on its stdin and waits for it: exit code, stdout, stderr.
inline azcore::test::FilterResult run_azrest(const std::vector<std::string>& args, const std::string& input = {}) {
    std::vector<std::string> argv{std::string(AZREST_BINARY)};
    argv.reserve(args.size() + 1);
    for (const auto& arg : args) argv.push_back(arg);
    return azcore::test::run_filter(argv, input);
}

}  // namespace azrest::test
