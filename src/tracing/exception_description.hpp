#pragma once
// What tracing records of an exception: its type and message.
#include <exception>
#include <string>

namespace azcore::tracing::detail {

struct ExceptionDescription {
    /// The thrown object's C++ type, qualified ("azcore::exceptions::ServiceRequestError");
    /// "unknown" for an object that is not a std::exception.
    std::string type;
    /// what(); empty for an object that is not a std::exception.
    std::string message;
    /// The type without its namespaces ("ServiceRequestError").
    std::string short_type() const;
};

ExceptionDescription describe(std::exception_ptr error);

}  // namespace azcore::tracing::detail
