#pragma once
// The errors of the polling algorithms (Python's `azure.core.polling.base_polling` exceptions).
//
// As in Python they are not AzureErrors: LROBasePolling wraps each in an
// exceptions::HttpResponseError whose inner_exception() is the original, so callers catch
// HttpResponseError and look inside when they need to tell them apart.
#include <stdexcept>

namespace azcore::polling {

/// A response had a status the polling algorithm does not accept (not 200, 201, 202 or 204).
class BadStatus : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A response could not be understood (no body, no status in the body, no status link).
class BadResponse : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The operation ended as failed or canceled.
class OperationFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace azcore::polling
