#pragma once
// UsageError: a wrong command line, reported as "azrest: <message>" with exit code 2.
#include <stdexcept>
#include <string>

namespace azrest {

/// A bad argument; the message names it (e.g. "--header: 'x' is not NAME:VALUE").
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace azrest
