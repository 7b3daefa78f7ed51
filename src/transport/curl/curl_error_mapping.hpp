#pragma once
// The error table of DESIGN.md: a failed curl transfer → the azcore exception users catch.
#include "transport/transfer_errors.hpp"

#include <curl/curl.h>

#include <cstdint>
#include <exception>
#include <string_view>
#include <system_error>

namespace azcore::transport::detail {

/// std::error_code category of CURLcode values.
const std::error_category& curl_category();

/// What the transfer knew when it failed, for the messages that state it.
struct CurlFailureFacts {
    std::string_view host{};
    std::string_view port{};
    double connection_timeout = 0;
    std::int64_t declared = -1;  // the response's Content-Length; -1 when it has none
    std::int64_t received = 0;   // body bytes received
};

/// The exception for a failed transfer: ServiceRequestError (and …TimeoutError) before the
/// connection exists, ServiceResponseError (and …TimeoutError) after, IncompleteReadError
/// inside the body. detail is curl's error buffer (may be empty). The failures both transports
/// can meet are said in transfer_errors' words, with curl's code and text in parentheses.
std::exception_ptr map_curl_error(CURLcode code, TransferPhase phase, std::string_view detail, const CurlFailureFacts& facts = {});

/// curl's timeout code, which the transport-independent timeout errors carry for curl.
std::error_code curl_timeout_code();

}  // namespace azcore::transport::detail
