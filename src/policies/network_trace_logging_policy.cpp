#include <azcore/policies/network_trace_logging_policy.hpp>

#include <azcore/logging/logger.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/utils/string_utils.hpp>

#include "policies/log_redaction.hpp"

#include <array>
#include <exception>
#include <string>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 1> trace_options{options::logging_enable.name()};
// Context data: whether this call logs, for every try.
constexpr std::string_view context_key = options::logging_enable.name();

const logging::Logger& trace_logger() {
    static const logging::Logger& logger = logging::get_logger(NetworkTraceLoggingPolicy::LOGGER_NAME);
    return logger;
}

bool is_word_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

// Python: re.match(r'attachment; ?filename=["\w.]+', header, re.IGNORECASE)
bool is_attachment(std::string_view header) {
    constexpr std::string_view attachment = "attachment;";
    if (header.size() < attachment.size() || !utils::iequals(header.substr(0, attachment.size()), attachment)) return false;
    header.remove_prefix(attachment.size());
    if (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    constexpr std::string_view filename = "filename=";
    if (header.size() <= filename.size() || !utils::iequals(header.substr(0, filename.size()), filename)) return false;
    const char first = header[filename.size()];
    return first == '"' || first == '.' || is_word_char(first);
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

NetworkTraceLoggingPolicy::NetworkTraceLoggingPolicy(NetworkTraceLoggingPolicyOptions options)
    : enable_http_logger(options.logging_enable),
      allowed_header_names(detail::default_allowed_header_names()),
      allowed_query_params(detail::default_allowed_query_params()) {}

std::span<const std::string_view> NetworkTraceLoggingPolicy::option_names() const { return trace_options; }

void NetworkTraceLoggingPolicy::on_request(pipeline::PipelineRequest& request) const {
    pipeline::PipelineContext& context = *request.context;
    bool logging_enable = enable_http_logger;
    if (auto passed = options::logging_enable.pop(context.options)) {
        logging_enable = *passed;
    } else if (const bool* stored = context.get<bool>(context_key)) {
        logging_enable = *stored;  // a retry of a call that passed logging_enable
    }
    context.set(std::string(context_key), logging_enable);
    if (!logging_enable) return;
    const logging::Logger& logger = trace_logger();
    if (!logger.is_enabled_for(logging::DEBUG)) return;
    try {
        const rest::HttpRequest& http_request = *request.http_request;
        std::string text = detail::request_head(http_request, allowed_query_params, allowed_header_names);
        text.append("\nRequest body:");
        if (std::holds_alternative<std::shared_ptr<rest::BodyStream>>(http_request.content)) {
            text.append("\nFile upload");
        } else if (const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&http_request.content);
                   bytes && *bytes && !(*bytes)->empty()) {
            text.append("\n").append(as_string_view(**bytes));
        } else {
            text.append("\nThis request has no body");
        }
        logger.debug("{}", text);
    } catch (const std::exception& error) {
        logger.debug("Failed to log request: {}", error.what());
    }
}

void NetworkTraceLoggingPolicy::on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const {
    const bool* logging_enable = response.context->get<bool>(context_key);
    if (logging_enable == nullptr || !*logging_enable) return;
    const logging::Logger& logger = trace_logger();
    if (!logger.is_enabled_for(logging::DEBUG)) return;
    (void)request;
    try {
        const rest::HttpResponseBase& http_response = *response.http_response;
        std::string text = "Response status: '" + std::to_string(http_response.status_code()) + "'";
        text.append("\nResponse headers:");
        detail::append_headers(text, http_response.headers(), allowed_header_names);
        text.append("\nResponse content:");
        const std::string content_type = http_response.headers().get("content-type").value_or("");
        const std::string* disposition = http_response.headers().find("content-disposition");
        if (disposition != nullptr && is_attachment(*disposition)) {
            text.append("\nFile attachments: ").append(disposition->substr(disposition->find('=') + 1));
        } else if (ends_with(content_type, "octet-stream")) {
            text.append("\nBody contains binary data.");
        } else if (content_type.starts_with("image")) {
            text.append("\nBody contains image data.");
        } else if (options::stream.get(response.context->options)) {
            text.append("\nBody is streamable.");
        } else {
            text.append("\n").append(http_response.text());
        }
        logger.debug("{}", text);
    } catch (const std::exception& error) {
        logger.debug("Failed to log response: {}", error.what());
    }
}

}  // namespace azcore::policies
