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

/// The exception for read_timeout seconds without a byte; the message names the phase.
std::exception_ptr read_timeout_error(double read_timeout, TransferPhase phase);

/// The exception for a per-call deadline that ran out in phase: ServiceRequestTimeoutError
/// before the connection exists, ServiceResponseTimeoutError after.
std::exception_ptr deadline_error(TransferPhase phase);

/// The exception for a transfer that ended without a response header block.
std::exception_ptr no_response_error();

}  // namespace azcore::transport::detail
