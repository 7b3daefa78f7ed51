#pragma once
// The transport-independent rows of DESIGN.md's error table: timeouts, a missing or malformed
// response, a body cut short, named by how far the transfer got. Each transport maps its own
// failures with them, so both say the same facts in the same words; detail is the transport's
// own account (curl's code and error buffer, or the socket's or parser's error), appended in
// parentheses.
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <system_error>

namespace azcore::transport::detail {

/// How far a transfer got before it failed.
enum class TransferPhase {
    Connecting,       // no connection (or TLS/proxy tunnel) established yet
    AwaitingHeaders,  // connected, request being written or response headers not complete
    ReadingBody,      // headers complete, body incomplete
};

/// The target of a tunnel to host:port: "host:port", "[address]:port" for IPv6.
std::string tunnel_target(std::string_view host, std::string_view port);

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

/// ServiceRequestTimeoutError: no connection to host:port within connection_timeout seconds.
std::exception_ptr connect_timeout_error(std::string_view host, std::string_view port, double seconds, std::error_code code,
                                         std::string_view detail);
/// ServiceRequestError: the TLS handshake with host:port failed (the certificate not trusted, not
/// the host's, or the server refused).
std::exception_ptr tls_handshake_error(std::string_view host, std::string_view port, std::error_code code, std::string_view detail);
/// ServiceRequestError: the proxy answered CONNECT target (host:port) with an error status.
std::exception_ptr proxy_refused_error(std::string_view target, std::error_code code, std::string_view detail);
/// ServiceResponseError: a kept-alive connection closed before the response; the request is not
/// sent again (the retry policy decides, by the method).
std::exception_ptr closed_after_reuse_error(std::error_code code);
/// ServiceResponseError: the connection ended (FIN or RST) before any byte of a response.
std::exception_ptr closed_before_response_error(std::error_code code, std::string_view detail);
/// ServiceResponseError: the status line or a header line does not parse as HTTP/1.x.
std::exception_ptr malformed_head_error(std::error_code code, std::string_view detail);
/// ServiceResponseError: the head is over 300 KiB (curl's limit), or a line of it over 64 KiB
/// (Beast's for a field; curl's is 100 KiB): both transports keep both.
std::exception_ptr headers_too_large_error(std::error_code code);
/// ServiceResponseError: Content-Length given twice with different values; listed is them all,
/// in order ("5, 10").
std::exception_ptr conflicting_lengths_error(std::string_view listed, std::error_code code);
/// IncompleteReadError: the connection closed missing bytes of the declared bytes.
std::exception_ptr body_cut_short_error(std::uint64_t missing, std::uint64_t declared, std::error_code code, std::string_view detail);
/// IncompleteReadError: the connection closed before the chunked body's last chunk.
std::exception_ptr chunked_body_cut_error(std::error_code code, std::string_view detail);
/// IncompleteReadError: a chunk's size line (or its framing) does not parse.
std::exception_ptr malformed_chunk_error(std::error_code code, std::string_view detail);
/// IncompleteReadError carrying code, for any other failure inside the body.
std::exception_ptr incomplete_body_error(std::string message, std::error_code code);

/// The largest response head both transports accept, in all and for one line.
inline constexpr std::uint32_t max_head_bytes = 300 * 1024;
inline constexpr std::uint32_t max_head_line_bytes = 64 * 1024;  // with its CR LF

}  // namespace azcore::transport::detail
