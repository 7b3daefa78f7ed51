#include <azcore/policies/http_logging_policy.hpp>

#include <azcore/logging/logger.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "policies/log_redaction.hpp"

#include <array>
#include <cstdlib>
#include <exception>
#include <string>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 1> logging_options{options::logger.name()};
// Context data: the call's logger, for every try.
constexpr std::string_view logger_key = options::logger.name();

bool multi_record() {
    const char* value = std::getenv(std::string(HttpLoggingPolicy::MULTI_RECORD_LOG).c_str());
    return value != nullptr && *value != '\0';
}

std::string_view body_line(const rest::HttpRequest& request) {
    if (std::holds_alternative<std::shared_ptr<rest::BodyStream>>(request.content)) return "File upload";
    if (const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&request.content); bytes && *bytes && !(*bytes)->empty())
        return "A body is sent with the request";
    return "No body was attached to the request";
}

// Python: request.context.setdefault("logger", options.pop("logger", self.logger)).
const logging::Logger& context_logger(pipeline::PipelineContext& context, logging::Logger* fallback) {
    std::optional<logging::Logger*> passed = options::logger.pop(context.options);
    if (auto* stored = context.get<logging::Logger*>(logger_key)) return **stored;
    logging::Logger* chosen = passed && *passed ? *passed : fallback;
    context.set(std::string(logger_key), chosen);
    return *chosen;
}

// One record with every line, or (AZURE_SDK_LOGGING_MULTIRECORD) one record per line.
void emit(const logging::Logger& logger, const std::string& text) {
    if (!multi_record()) {
        logger.info("{}", text);
        return;
    }
    std::string_view rest = text;
    for (;;) {
        const auto newline = rest.find('\n');
        logger.info("{}", rest.substr(0, newline));
        if (newline == std::string_view::npos) break;
        rest.remove_prefix(newline + 1);
    }
}

}  // namespace

HttpLoggingPolicy::HttpLoggingPolicy(HttpLoggingPolicyOptions options)
    : logger(options.logger ? options.logger : &logging::get_logger(LOGGER_NAME)),
      allowed_header_names(detail::default_allowed_header_names()) {}

std::span<const std::string_view> HttpLoggingPolicy::option_names() const { return logging_options; }

void HttpLoggingPolicy::on_request(pipeline::PipelineRequest& request) const {
    const logging::Logger& log = context_logger(*request.context, logger);
    if (!log.is_enabled_for(logging::INFO)) return;
    try {
        const rest::HttpRequest& http_request = *request.http_request;
        std::string text = detail::request_head(http_request, allowed_query_params, allowed_header_names);
        text.append("\n").append(body_line(http_request));
        emit(log, text);
    } catch (const std::exception& error) {
        log.warning("Failed to log request: {}", error.what());
    }
}

void HttpLoggingPolicy::on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const {
    const logging::Logger& log = context_logger(*request.context, logger);
    if (!log.is_enabled_for(logging::INFO)) return;
    try {
        const rest::HttpResponseBase& http_response = *response.http_response;
        std::string text = "Response status: " + std::to_string(http_response.status_code());
        text.append("\nResponse headers:");
        detail::append_headers(text, http_response.headers(), allowed_header_names);
        emit(log, text);
    } catch (const std::exception& error) {
        log.warning("Failed to log response: {}", error.what());
    }
}

}  // namespace azcore::policies
