#include "error_report.hpp"

#include "exit_codes.hpp"
#include "usage_error.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <fmt/core.h>

#include <string>

namespace azrest {

namespace {

std::string first_line(std::string text) {
    auto newline = text.find('\n');
    if (newline != std::string::npos) text.erase(newline);
    return text;
}

void print_line(const std::string& text) { fmt::print(stderr, "azrest: {}\n", first_line(text)); }

// "x-ms-request-id: <id>" from the response, else the client request id that was sent.
std::string request_id(const azcore::rest::HttpResponseBase& response) {
    for (const char* name : {"x-ms-request-id", "x-ms-client-request-id"}) {
        if (const std::string* id = response.headers().find(name)) return fmt::format("{}: {}", name, *id);
    }
    if (const std::string* id = response.request().headers.find("x-ms-client-request-id")) {
        return fmt::format("x-ms-client-request-id: {}", *id);
    }
    return {};
}

}  // namespace

int report_http_error(const azcore::exceptions::HttpResponseError& error) {
    int status = error.status_code().value_or(0);
    std::string line = fmt::format("HTTP {} {}", status, error.reason().value_or(""));
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (const auto& odata = error.error()) {
        if (odata->code()) line += ": " + *odata->code();
        if (odata->message()) line += ": " + first_line(*odata->message());
    }
    if (error.response()) {
        std::string id = request_id(*error.response());
        if (!id.empty()) line += " (" + id + ")";
    }
    print_line(line);
    return status == 401 || status == 403 ? exit_authentication : exit_http_error;
}

int report_error(std::exception_ptr error) {
    using namespace azcore::exceptions;
    try {
        std::rethrow_exception(error);
    } catch (const UsageError& usage) {
        print_line(usage.what());
        fmt::print(stderr, "Run 'azrest --help' for the options.\n");
        return exit_usage;
    } catch (const IncompleteReadError& cut) {
        print_line("the response body was cut: " + cut.message());
        return exit_connection;
    } catch (const DecodeError& decode) {
        print_line("cannot read the response body: " + decode.message());
        return exit_bad_response;
    } catch (const ResourceModifiedError& modified) {
        // --output: what changed says more than the status of the resume request.
        print_line(modified.message());
        return exit_http_error;
    } catch (const HttpResponseError& http) {
        if (http.status_code()) return report_http_error(http);
        print_line(http.message());
        return exit_bad_response;
    } catch (const ServiceRequestError& request) {
        print_line("cannot send the request: " + request.message());
        return exit_connection;
    } catch (const ServiceResponseError& response) {
        print_line("no complete response: " + response.message());
        return exit_connection;
    } catch (const AzureError& azure) {
        print_line(azure.message());
        return exit_bad_response;
    } catch (const std::invalid_argument& invalid) {
        print_line(invalid.what());
        return exit_usage;
    } catch (const std::exception& other) {
        print_line(other.what());
        return exit_bad_response;
    }
}

}  // namespace azrest
