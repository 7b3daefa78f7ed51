#include <azcore/policies/http_logging_policy.hpp>

#include <azcore/logging/logger.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "options/given.hpp"
#include "policies/log_redaction.hpp"

#include <array>
#include <cstdlib>
#include <exception>
#include <string>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 2> logging_options{options::logger.name(), options::http_logging_level.name()};

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

// Python: request.context.setdefault(name, options.pop(name, fallback)): the option is taken off
// the call and what the first try chose (kept in the context under the option's name) holds for
// every try.
template <class T>
T kept_for_every_try(pipeline::PipelineContext& context, std::string_view name, std::optional<T> passed, T fallback) {
    if (const T* stored = context.get<T>(name)) return *stored;
    const T chosen = passed.value_or(fallback);
    context.set(std::string(name), chosen);
    return chosen;
}

// The call's logger and level.
struct CallLogging {
    const logging::Logger& logger;
    int level;
};

CallLogging call_logging(pipeline::PipelineContext& context, const HttpLoggingPolicy& policy) {
    std::optional<logging::Logger*> logger;
    std::optional<int> level;
    if (options::detail::any_given(context.options, logging_options)) {
        logger = options::logger.pop(context.options);
        if (logger && *logger == nullptr) logger.reset();  // a null logger is none
        level = options::http_logging_level.pop(context.options);
    }
    return CallLogging{*kept_for_every_try(context, options::logger.name(), logger, policy.logger),
                       kept_for_every_try(context, options::http_logging_level.name(), level, policy.http_logging_level)};
}

// One record with every line, or (AZURE_SDK_LOGGING_MULTIRECORD) one record per line.
void emit(const CallLogging& call, const std::string& text) {
    if (!multi_record()) {
        call.logger.log(call.level, "{}", text);
        return;
    }
    std::string_view rest = text;
    for (;;) {
        const auto newline = rest.find('\n');
        call.logger.log(call.level, "{}", rest.substr(0, newline));
        if (newline == std::string_view::npos) break;
        rest.remove_prefix(newline + 1);
    }
}

}  // namespace

HttpLoggingPolicy::HttpLoggingPolicy(HttpLoggingPolicyOptions options)
    : logger(options.logger ? options.logger : &logging::get_logger(LOGGER_NAME)),
      http_logging_level(options.http_logging_level),
      allowed_header_names(detail::default_allowed_header_names()),
      allowed_query_params(detail::default_allowed_query_params()) {
    allowed_query_params.insert(options.additional_allowed_query_params.begin(),
                                options.additional_allowed_query_params.end());
}

std::span<const std::string_view> HttpLoggingPolicy::option_names() const { return logging_options; }

void HttpLoggingPolicy::on_request(pipeline::PipelineRequest& request) const {
    const CallLogging call = call_logging(*request.context, *this);
    if (!call.logger.is_enabled_for(call.level)) return;
    try {
        const rest::HttpRequest& http_request = *request.http_request;
        std::string text = detail::request_head(http_request, allowed_query_params, allowed_header_names);
        text.append("\n").append(body_line(http_request));
        emit(call, text);
    } catch (const std::exception& error) {
        call.logger.warning("Failed to log request: {}", error.what());
    }
}

void HttpLoggingPolicy::on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const {
    const CallLogging call = call_logging(*request.context, *this);
    if (!call.logger.is_enabled_for(call.level)) return;
    try {
        const rest::HttpResponseBase& http_response = *response.http_response;
        std::string text = "Response status: " + std::to_string(http_response.status_code());
        text.append("\nResponse headers:");
        detail::append_headers(text, http_response.headers(), allowed_header_names);
        emit(call, text);
    } catch (const std::exception& error) {
        call.logger.warning("Failed to log response: {}", error.what());
    }
}

}  // namespace azcore::policies
