// `azrest [METHOD] URL [options]`: the command as a whole.
#include "arguments.hpp"
#include "client_factory.hpp"
#include "command_steps.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "error_report.hpp"
#include "json_printer.hpp"
#include "request_builder.hpp"
#include "response_output.hpp"

#include <azcore/tracing/decorator.hpp>

#include <optional>
#include <unistd.h>

namespace azrest {

int run_request(const Arguments& arguments) {
    std::optional<TraceSession> trace;
    int code = 0;
    try {
        validate(arguments);
        if (arguments.debug) enable_http_log();
        if (arguments.trace) trace.emplace();
        CommandClient made = make_client(arguments);
        azcore::rest::HttpRequest request = make_request(arguments);
        OutputStyle style{.colour = use_colour(STDOUT_FILENO)};
        azcore::tracing::DistributedTraceOptions span{.name_of_span = "azrest " + arguments.method()};
        code = azcore::tracing::distributed_trace(span, made.call_options, [&](azcore::options::Kwargs& kwargs) {
            if (arguments.paged) return list_pages(*made.client, std::move(request), kwargs, arguments);
            if (arguments.wait) return wait_for_operation(*made.client, std::move(request), kwargs, arguments, style);
            return send_once(*made.client, std::move(request), kwargs, arguments, style);
        });
    } catch (...) {
        code = report_error(std::current_exception());
    }
    if (trace) trace->print_span_tree();
    return code;
}

}  // namespace azrest
