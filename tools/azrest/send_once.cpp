#include "arguments.hpp"
#include "command_steps.hpp"
#include "error_report.hpp"
#include "exit_codes.hpp"
#include "output_file.hpp"
#include "response_output.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_response.hpp>

#include <fmt/core.h>

namespace azrest {

int send_once(const azcore::PipelineClient& client, azcore::rest::HttpRequest request, const azcore::options::Kwargs& kwargs,
              const Arguments& arguments, const OutputStyle& style) {
    auto response = client.send_request(std::move(request), {.stream = true, .kwargs = kwargs});
    if (arguments.http2 && response->http_version() != "2") {
        fmt::print(stderr, "azrest: --http2: the server answered with HTTP/{}\n", response->http_version());
    }
    if (arguments.include) write_response_head(*response);
    if (response->status_code() >= 400) {
        response->read();
        if (arguments.include) write_response_body(*response, style);
        try {
            response->raise_for_status();
        } catch (const azcore::exceptions::HttpResponseError& error) {
            return report_http_error(error);
        }
    }
    if (arguments.output) {
        const std::size_t saved = save_body(client, response, {.stream = true, .kwargs = kwargs}, *arguments.output);
        fmt::print(stderr, "azrest: saved {} bytes to {}\n", saved, *arguments.output);
        return exit_ok;
    }
    write_response_body(*response, style);
    return exit_ok;
}

}  // namespace azrest
