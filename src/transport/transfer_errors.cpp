#include "transport/transfer_errors.hpp"

#include <azcore/exceptions.hpp>

#include <fmt/format.h>

namespace azcore::transport::detail {

std::string tunnel_target(std::string_view host, std::string_view port) {
    return host.find(':') == std::string_view::npos ? fmt::format("{}:{}", host, port) : fmt::format("[{}]:{}", host, port);
}

std::string_view phase_text(TransferPhase phase) {
    switch (phase) {
        case TransferPhase::Connecting:
            return "connecting";
        case TransferPhase::AwaitingHeaders:
            return "waiting for the response headers";
        case TransferPhase::ReadingBody:
            break;
    }
    return "receiving the response body";
}

std::exception_ptr timeout_error(std::string message, TransferPhase phase, std::error_code code) {
    using namespace azcore::exceptions;
    AzureErrorOptions options{.error_code = code};
    if (phase == TransferPhase::Connecting) return std::make_exception_ptr(ServiceRequestTimeoutError(std::move(message), options));
    return std::make_exception_ptr(ServiceResponseTimeoutError(std::move(message), options));
}

std::exception_ptr read_timeout_error(double read_timeout, TransferPhase phase, std::error_code code) {
    return timeout_error(fmt::format("No data received for {} seconds (read_timeout) while {}", read_timeout, phase_text(phase)),
                         phase, code);
}

std::exception_ptr deadline_error(TransferPhase phase, std::error_code code) {
    return timeout_error(fmt::format("The operation's timeout ran out while {}", phase_text(phase)), phase, code);
}

std::exception_ptr no_response_error() {
    return std::make_exception_ptr(
        exceptions::ServiceResponseError("The transfer ended without a response (no HTTP header block was received)"));
}

namespace {

std::string with_detail(std::string_view sentence, std::string_view detail) {
    if (detail.empty()) return std::string(sentence);
    return fmt::format("{} ({})", sentence, detail);
}

}  // namespace

std::exception_ptr connect_timeout_error(std::string_view host, std::string_view port, double seconds, std::error_code code,
                                         std::string_view detail) {
    return timeout_error(
        with_detail(fmt::format("No connection to {} port {} within {} seconds (connection_timeout)", host, port, seconds), detail),
        TransferPhase::Connecting, code);
}

std::exception_ptr tls_handshake_error(std::string_view host, std::string_view port, std::error_code code, std::string_view detail) {
    return std::make_exception_ptr(exceptions::ServiceRequestError(
        with_detail(fmt::format("The TLS handshake with {} port {} failed", host, port), detail), {.error_code = code}));
}

std::exception_ptr proxy_refused_error(std::string_view target, std::error_code code, std::string_view detail) {
    return std::make_exception_ptr(
        exceptions::ServiceRequestError(with_detail(fmt::format("The proxy refused CONNECT {}", target), detail), {.error_code = code}));
}

std::exception_ptr closed_after_reuse_error(std::error_code code) {
    return std::make_exception_ptr(exceptions::ServiceResponseError(
        "The connection closed before a response arrived (the request may have been received)", {.error_code = code}));
}

std::exception_ptr closed_before_response_error(std::error_code code, std::string_view detail) {
    return std::make_exception_ptr(exceptions::ServiceResponseError(
        with_detail("The server closed the connection before the response", detail), {.error_code = code}));
}

std::exception_ptr malformed_head_error(std::error_code code, std::string_view detail) {
    return std::make_exception_ptr(exceptions::ServiceResponseError(
        with_detail("The response's status line or headers are not valid HTTP/1.1", detail), {.error_code = code}));
}

std::exception_ptr headers_too_large_error(std::error_code code) {
    return std::make_exception_ptr(exceptions::ServiceResponseError(
        fmt::format("The response headers are too large (the limits: {} KiB for a header line, {} KiB in all)",
                    max_head_line_bytes / 1024, max_head_bytes / 1024),
        {.error_code = code}));
}

std::exception_ptr conflicting_lengths_error(std::string_view listed, std::error_code code) {
    return std::make_exception_ptr(
        exceptions::ServiceResponseError(fmt::format("The response has conflicting Content-Length headers: {}", listed), {.error_code = code}));
}

std::exception_ptr incomplete_body_error(std::string message, std::error_code code) {
    return std::make_exception_ptr(exceptions::IncompleteReadError(
        std::move(message), nullptr,
        exceptions::HttpResponseErrorOptions{.error = std::make_exception_ptr(std::system_error(code)), .error_code = code}));
}

std::exception_ptr body_cut_short_error(std::uint64_t missing, std::uint64_t declared, std::error_code code, std::string_view detail) {
    return incomplete_body_error(
        with_detail(fmt::format("The connection closed with {} bytes remaining of the response body's {} (Content-Length)", missing,
                                declared),
                    detail),
        code);
}

std::exception_ptr chunked_body_cut_error(std::error_code code, std::string_view detail) {
    return incomplete_body_error(with_detail("The connection closed before the chunked response body ended", detail), code);
}

std::exception_ptr malformed_chunk_error(std::error_code code, std::string_view detail) {
    return incomplete_body_error(with_detail("The response body's chunked encoding is malformed", detail), code);
}

}  // namespace azcore::transport::detail
