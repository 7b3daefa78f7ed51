#include "arguments.hpp"
#include "command_steps.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "response_output.hpp"
#include "status_line.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/polling/exceptions.hpp>
#include <azcore/polling/lro_base_polling.hpp>
#include <azcore/polling/lro_poller.hpp>
#include <azcore/rest/http_response.hpp>

#include <fmt/core.h>

#include <array>
#include <chrono>
#include <thread>

namespace azrest {

namespace {

using Resource = std::shared_ptr<azcore::rest::HttpResponse>;

// What a polling error was caused by.
enum class Cause { OperationFailed, BadResponse, Other };

Cause cause_of(const azcore::exceptions::HttpResponseError& error, std::string& detail) {
    if (!error.inner_exception()) return Cause::Other;
    try {
        std::rethrow_exception(error.inner_exception());
    } catch (const azcore::polling::OperationFailed&) {
        return Cause::OperationFailed;
    } catch (const azcore::polling::BadResponse& bad) {
        detail = bad.what();
        return Cause::BadResponse;
    } catch (...) {
        return Cause::Other;
    }
}

// Polls until done, redrawing the status line (a terminal only) every tenth of a second.
void watch(azcore::polling::LROPoller<Resource>& poller) {
    StatusLine line;
    if (!line.enabled()) return;
    static constexpr std::array<const char*, 4> spinner{"|", "/", "-", "\\"};
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t tick = 0; !poller.done(); ++tick) {
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start).count();
        line.show(fmt::format("{} waiting for the operation: {} ({} s)", spinner[tick % spinner.size()], poller.status(), seconds));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    line.clear();
}

}  // namespace

int wait_for_operation(const azcore::PipelineClient& client, azcore::rest::HttpRequest request,
                       const azcore::options::Kwargs& kwargs, const Arguments& arguments, const OutputStyle& style) {
    using namespace azcore;
    auto initial = client.send_request(std::move(request), {.kwargs = kwargs});
    if (initial->status_code() >= 400) {
        try {
            initial->raise_for_status();
        } catch (const exceptions::HttpResponseError& error) {
            return report_http_error(error);
        }
    }
    auto method = std::make_shared<polling::LROBasePolling>(
        polling::LROBasePollingOptions{.timeout = arguments.polling_interval, .operation_config = kwargs});
    polling::DeserializationCallback<Resource> as_response = [](const pipeline::PipelineResponse& response) {
        return std::dynamic_pointer_cast<rest::HttpResponse>(response.http_response);
    };
    try {
        polling::LROPoller<Resource> poller(client, initial, as_response, method);
        watch(poller);
        Resource resource = poller.result();
        if (resource) {
            if (arguments.include) write_response_head(*resource);
            write_response_body(*resource, style);
        }
        return exit_ok;
    } catch (const exceptions::HttpResponseError& error) {
        std::string detail;
        Cause cause = cause_of(error, detail);
        if (cause == Cause::BadResponse) {
            fmt::print(stderr, "azrest: --wait: {}\n", detail);
            return exit_bad_response;
        }
        if (cause != Cause::OperationFailed) throw;
        std::string line = "the operation ended " + method->status();
        if (const auto& odata = error.error()) {
            if (odata->code()) line += ": " + *odata->code();
            if (odata->message()) line += ": " + *odata->message();
        }
        fmt::print(stderr, "azrest: {}\n", line);
        return exit_operation_failed;
    }
}

}  // namespace azrest
