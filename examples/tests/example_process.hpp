#pragma once
// Runs an example program built next to the tests, as a person would from a shell.
#include "support/filter_process.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace azcore::examples::test {

/// Runs `binary args...` and waits for it: exit code, stdout, stderr.
inline azcore::test::FilterResult run_example(const std::string& binary, const std::vector<std::string>& args) {
    std::vector<std::string> argv{binary};
    argv.insert(argv.end(), args.begin(), args.end());
    return azcore::test::run_filter(argv, "");
}

/// The lines of text, without their line ends.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace azcore::examples::test
