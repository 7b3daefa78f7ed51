#pragma once
// The error table of DESIGN.md: a failed curl transfer → the azcore exception users catch.
#include "transport/transfer_errors.hpp"

#include <curl/curl.h>

#include <exception>
#include <string_view>
#include <system_error>

namespace azcore::transport::detail {

/// std::error_code category of CURLcode values.
const std::error_category& curl_category();

/// The exception for a failed transfer: ServiceRequestError (and …TimeoutError) before the
/// connection exists, ServiceResponseError (and …TimeoutError) after, IncompleteReadError
/// inside the body. detail is curl's error buffer (may be empty).
std::exception_ptr map_curl_error(CURLcode code, TransferPhase phase, std::string_view detail);

/// curl's timeout code, which the transport-independent timeout errors carry for curl.
std::error_code curl_timeout_code();

}  // namespace azcore::transport::detail
