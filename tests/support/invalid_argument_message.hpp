#pragma once
// The message of the std::invalid_argument an action throws, for tests that assert it exactly.
#include <functional>
#include <stdexcept>
#include <string>

namespace azcore::test {

/// what() of the std::invalid_argument action throws; "<no std::invalid_argument>" when it throws none.
inline std::string invalid_argument_message(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "<no std::invalid_argument>";
}

}  // namespace azcore::test
