#pragma once
// What curl measured of a transfer, as a rest::TransferTimings.
#include <azcore/rest/transfer_timings.hpp>

#include <curl/curl.h>

namespace azcore::transport::detail {

/// Sets what curl knows of the transfer on easy once the response head arrived: the points up
/// to the first byte (name_lookup, connect and tls_handshake only on a new connection,
/// tls_handshake only when tls) and whether the connection was reused.
void read_head_timings(CURL* easy, bool tls, rest::TransferTimings& timings);
/// Sets what curl knows once the transfer on easy completed: read_head_timings' fields (read
/// again: curl may set the first byte's point after the head) plus the total and the byte counts.
void read_end_timings(CURL* easy, bool tls, rest::TransferTimings& timings);

}  // namespace azcore::transport::detail
