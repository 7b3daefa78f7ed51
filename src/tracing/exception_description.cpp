#include "tracing/exception_description.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <typeinfo>

namespace azcore::tracing::detail {

std::string ExceptionDescription::short_type() const {
    // The last component outside template arguments.
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < type.size(); ++i) {
        if (type[i] == '<') ++depth;
        else if (type[i] == '>') --depth;
        else if (depth == 0 && type[i] == ':') start = i + 1;
    }
    return type.substr(start);
}

ExceptionDescription describe(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& caught) {
        int status = 0;
        char* name = abi::__cxa_demangle(typeid(caught).name(), nullptr, nullptr, &status);
        ExceptionDescription out{status == 0 && name != nullptr ? name : typeid(caught).name(), caught.what()};
        std::free(name);
        return out;
    } catch (...) {
        return {"unknown", ""};
    }
}

}  // namespace azcore::tracing::detail
