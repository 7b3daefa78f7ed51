#pragma once
// The transport-independent rows of DESIGN.md's error table: timeouts and a missing response,
// named by how far the transfer got. Each transport maps its own failures with them.
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

/// What the transfer was doing, for messages ("... while <phase_text>").
std::string_view phase_text(TransferPhase phase);
/// ServiceRequestTimeoutError before the connection exists, ServiceResponseTimeoutError after,
/// carrying the transport's error code.
std::exception_ptr timeout_error(std::string message, TransferPhase phase, std::error_code code);
/// The exception for read_timeout seconds without a byte; the message names the phase.
std::exception_ptr read_timeout_error(double read_timeout, TransferPhase phase, std::error_code code = {});
/// The exception for a per-call deadline that ran out in phase.
std::exception_ptr deadline_error(TransferPhase phase, std::error_code code = {});
/// The exception for a transfer that ended without a response header block.
std::exception_ptr no_response_error();

}  // namespace azcore::transport::detail
