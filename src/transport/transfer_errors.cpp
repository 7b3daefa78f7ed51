#include "transport/transfer_errors.hpp"

#include <azcore/exceptions.hpp>

#include <fmt/format.h>

namespace azcore::transport::detail {

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

}  // namespace azcore::transport::detail
