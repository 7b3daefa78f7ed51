#include <azcore/exceptions.hpp>

#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include "rest/text_decoding.hpp"
#include "utils/python_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <sstream>
#include <string_view>

namespace azcore::exceptions {

using utils::detail::optional_str;
using utils::detail::python_json_dumps;
using utils::detail::python_str;
using utils::detail::split_lines;
using utils::detail::truthy;

namespace {

// ---- reading a response without letting anything escape -----------------------------------------

std::optional<std::string> body_text(const std::shared_ptr<rest::HttpResponseBase>& response) noexcept {
    if (!response) {
        return std::nullopt;
    }
    try {
        // response->text()'s decoding without its DecodeError, which is itself an HttpResponseError
        // built from this body.
        return rest::detail::decode_text(response->content(), response->encoding());
    } catch (...) {
        return std::nullopt;  // not read (streamed), closed, or not decodable
    }
}

std::optional<boost::json::value> parse_json(const std::optional<std::string>& text) noexcept {
    if (!text) {
        return std::nullopt;
    }
    try {
        boost::system::error_code ec;
        auto value = boost::json::parse(*text, ec);
        if (ec) {
            return std::nullopt;
        }
        return value;
    } catch (...) {
        return std::nullopt;
    }
}

// The first max_chars code points of text (Python slices str by characters).
std::string truncate_code_points(std::string text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
            if (chars == max_chars) {
                text.resize(i);
                break;
            }
            ++chars;
        }
    }
    return text;
}

std::string render_request(const rest::HttpResponseBase* response) {
    if (response == nullptr) {
        return "None";
    }
    std::ostringstream out;
    out << response->request();
    return out.str();
}

}  // namespace

// ---- AzureError ---------------------------------------------------------------------------------

AzureError::AzureError(std::string message, AzureErrorOptions options)
    : AzureError(message, message, std::move(options)) {}

AzureError::AzureError(std::string message, const std::string& what, AzureErrorOptions options)
    : std::runtime_error(what),
      message_(std::move(message)),
      inner_exception_(std::move(options.error)),
      continuation_token_(std::move(options.continuation_token)),
      error_code_(options.error_code) {}

// ---- ODataV4Format ------------------------------------------------------------------------------

ODataV4Format::ODataV4Format(const boost::json::value& json) : ODataV4Format(json, error_format<ODataV4Format>()) {}

const boost::json::object& ODataV4Format::error_node(const boost::json::value& json) {
    if (!json.is_object()) {
        throw std::invalid_argument("ODataV4Format: json must be a JSON object");
    }
    if (const auto* error = json.get_object().if_contains("error")) {
        if (!error->is_object()) {
            throw std::invalid_argument("ODataV4Format: json's \"error\" must be a JSON object");
        }
        return error->get_object();
    }
    return json.get_object();
}

ODataV4Format::ODataV4Format(const boost::json::value& json, const ErrorFormat& detail_format) {
    const boost::json::object* object = &error_node(json);
    const auto* code = object->if_contains("code");
    const auto* message = object->if_contains("message");
    if (!((code != nullptr && truthy(*code)) || (message != nullptr && truthy(*message)))) {
        throw std::invalid_argument("Impossible to extract code/message from received JSON:\n" +
                                    python_json_dumps(boost::json::value(*object)));
    }
    code_ = optional_str(*object, "code");
    message_ = optional_str(*object, "message");
    if (const auto* target = object->if_contains("target"); target != nullptr && truthy(*target)) {
        target_ = python_str(*target);
    }
    if (const auto* details = object->if_contains("details")) {
        if (details->is_array()) {
            for (const auto& node : details->get_array()) {
                try {
                    if (auto detail = detail_format(node)) details_.push_back(std::move(detail));
                } catch (const std::exception&) {
                    // Python skips details that are not errors themselves.
                }
            }
        } else if (truthy(*details) && !details->is_object() && !details->is_string()) {
            throw std::invalid_argument("ODataV4Format: json's \"details\" must be a list");
        }
    }
    if (const auto* innererror = object->if_contains("innererror")) {
        innererror_ = *innererror;
    }
}

std::string ODataV4Format::str() const {
    return "(" + code_.value_or("None") + ") " + message_.value_or("None") + "\n" + message_details();
}

std::string ODataV4Format::message_details() const {
    std::string text = "Code: " + code_.value_or("None");
    text += "\nMessage: " + message_.value_or("None");
    if (target_) {
        text += "\nTarget: " + *target_;
    }
    if (!details_.empty()) {
        text += "\nException Details:";
        // As Python: each detail's lines joined by "\n", the details themselves not separated.
        for (const auto& detail : details_) {
            const std::string detail_text = detail->str();
            bool first = true;
            for (const auto line : split_lines(detail_text)) {
                if (!first) {
                    text += "\n";
                }
                first = false;
                text += "\t";
                text += line;
            }
        }
    }
    if (truthy(innererror_)) {
        text += "\nInner error: " + python_json_dumps(innererror_, 4);
    }
    return text;
}

// ---- HttpResponseError --------------------------------------------------------------------------

struct HttpResponseError::Parts {
    std::string message;
    std::string what;
    std::optional<int> status_code;
    std::optional<std::string> reason;
    std::shared_ptr<const ODataV4Format> error;
};

HttpResponseError::Parts HttpResponseError::make_parts(std::optional<std::string> message,
                                                       const std::shared_ptr<rest::HttpResponseBase>& response,
                                                       const ErrorFormat& error_format) {
    Parts parts;
    if (response) {
        parts.status_code = response->status_code();
        parts.reason = response->reason();
    }
    const std::optional<std::string> body = body_text(response);
    if (const auto json = parse_json(body)) {
        try {
            parts.error = error_format ? error_format(*json) : std::make_shared<const ODataV4Format>(*json);
        } catch (const std::exception&) {
            // Not an OData error: the message comes from the caller or the status.
        }
    }
    if (parts.error) {
        parts.message = parts.error->str();
    } else if (message && !message->empty()) {
        parts.message = std::move(*message);
    } else {
        parts.message = "Operation returned an invalid status '" + parts.reason.value_or("None") + "'";
    }
    if (body && !body->empty() && !parts.error) {
        parts.what = truncate_code_points(parts.message + "\nContent: " + *body, 2048);
    } else {
        parts.what = parts.message;
    }
    return parts;
}

HttpResponseError::HttpResponseError(std::optional<std::string> message, std::shared_ptr<rest::HttpResponseBase> response,
                                     HttpResponseErrorOptions options)
    : HttpResponseError(make_parts(std::move(message), response, options.error_format), response, options) {}

HttpResponseError::HttpResponseError(std::shared_ptr<rest::HttpResponseBase> response, HttpResponseErrorOptions options)
    : HttpResponseError(std::nullopt, std::move(response), std::move(options)) {}

HttpResponseError::HttpResponseError(Parts parts, std::shared_ptr<rest::HttpResponseBase> response,
                                     HttpResponseErrorOptions& options)
    : AzureError(std::move(parts.message), parts.what,
                 AzureErrorOptions{.error = std::move(options.error),
                                   .continuation_token = std::move(options.continuation_token),
                                   .error_code = options.error_code}),
      status_code_(parts.status_code),
      reason_(std::move(parts.reason)),
      response_(std::move(response)),
      error_(std::move(parts.error)),
      model_(options.model.has_value() ? std::make_shared<const std::any>(std::move(options.model)) : nullptr) {}

TooManyRedirectsError::TooManyRedirectsError(std::vector<RequestHistory> history,
                                             HttpResponseErrorOptions options)
    : HttpResponseError("Reached maximum redirect attempts.", nullptr, std::move(options)),
      history_(std::move(history)) {}

// ---- ODataV4Error -------------------------------------------------------------------------------

namespace {

std::optional<std::string> odata_message(const std::optional<boost::json::value>& json) {
    if (!json || !json->is_object()) {
        return std::nullopt;
    }
    const auto* error = json->get_object().if_contains("error");
    if (error == nullptr || !error->is_object()) {
        return std::nullopt;
    }
    const auto* message = error->get_object().if_contains("message");
    if (message == nullptr || !truthy(*message)) {
        return std::nullopt;
    }
    return python_str(*message);
}

}  // namespace

ODataV4Error::ODataV4Error(std::shared_ptr<rest::HttpResponseBase> response, HttpResponseErrorOptions options)
    : ODataV4Error(parse_json(body_text(response)), response, std::move(options)) {}

ODataV4Error::ODataV4Error(std::optional<boost::json::value> json, std::shared_ptr<rest::HttpResponseBase> response,
                           HttpResponseErrorOptions options)
    : HttpResponseError(odata_message(json), std::move(response), std::move(options)), odata_json_(std::move(json)) {}

std::optional<std::string> ODataV4Error::code() const { return error() ? error()->code() : std::nullopt; }

std::optional<std::string> ODataV4Error::target() const { return error() ? error()->target() : std::nullopt; }

std::vector<std::shared_ptr<const ODataV4Format>> ODataV4Error::details() const {
    return error() ? error()->details() : std::vector<std::shared_ptr<const ODataV4Format>>{};
}

boost::json::value ODataV4Error::innererror() const {
    return error() ? error()->innererror() : boost::json::value{};
}

// ---- stream errors ------------------------------------------------------------------------------

namespace {

std::string stream_consumed_message(const rest::HttpResponseBase* response) {
    return "You are attempting to read or stream the content from request " + render_request(response) +
           ". You have likely already consumed this stream, so it can not be accessed anymore.";
}

std::string stream_closed_message(const rest::HttpResponseBase* response) {
    return "The content for response from request " + render_request(response) +
           " can no longer be read or streamed, since the response has already been closed.";
}

std::string response_not_read_message(const rest::HttpResponseBase* response) {
    return "You have not read in the bytes for the response from request " + render_request(response) +
           ". Call .read() on the response first.";
}

}  // namespace

StreamConsumedError::StreamConsumedError(std::shared_ptr<rest::HttpResponseBase> response)
    : AzureError(stream_consumed_message(response.get())), response_(std::move(response)) {}

StreamConsumedError::StreamConsumedError(const rest::HttpResponseBase& response)
    : AzureError(stream_consumed_message(&response)) {}

StreamClosedError::StreamClosedError(std::shared_ptr<rest::HttpResponseBase> response)
    : AzureError(stream_closed_message(response.get())), response_(std::move(response)) {}

StreamClosedError::StreamClosedError(const rest::HttpResponseBase& response)
    : AzureError(stream_closed_message(&response)) {}

ResponseNotReadError::ResponseNotReadError(std::shared_ptr<rest::HttpResponseBase> response)
    : AzureError(response_not_read_message(response.get())), response_(std::move(response)) {}

ResponseNotReadError::ResponseNotReadError(const rest::HttpResponseBase& response)
    : AzureError(response_not_read_message(&response)) {}

// ---- error maps ---------------------------------------------------------------------------------

const ErrorFactory* ErrorMap::get(int status_code) const {
    if (const auto it = errors.find(status_code); it != errors.end() && it->second) {
        return &it->second;
    }
    return default_error ? &default_error : nullptr;
}

void map_error(int status_code, const std::shared_ptr<rest::HttpResponseBase>& response, const ErrorMap& error_map) {
    if (const ErrorFactory* factory = error_map.get(status_code)) {
        (*factory)(response);
    }
}

}  // namespace azcore::exceptions
