#pragma once
// The error table of DESIGN.md: a failed curl transfer → the azcore exception users catch.
#include <curl/curl.h>

#include <exception>
#include <string_view>
#include <system_error>

namespace azcore::transport::detail {

/// How far a transfer got before it failed.
enum class TransferPhase {
    Connecting,       // no connection (or TLS/proxy tunnel) established yet
    AwaitingHeaders,  // connected, request being written or response headers not complete
    ReadingBody,      // headers complete, body incomplete
};

/// std::error_code category of CURLcode values.
const std::error_category& curl_category();

/// The exception for a failed transfer: ServiceRequestError (and …TimeoutError) before the
/// connection exists, ServiceResponseError (and …TimeoutError) after, IncompleteReadError
/// inside the body. detail is curl's error buffer (may be empty).
std::exception_ptr map_curl_error(CURLcode code, TransferPhase phase, std::string_view detail);

/// The exception for read_timeout seconds without a byte.
std::exception_ptr read_timeout_error(double read_timeout, TransferPhase phase);

}  // namespace azcore::transport::detail
