#include <azcore/exceptions.hpp>

#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>
#include <sstream>
#include <string_view>

namespace azcore::exceptions {

namespace {

// ---- Python's json.dumps and str() for the pieces of an OData error ----------------------------

void append_python_float(std::string& out, double value) {
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
    const std::string_view scientific(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
    // scientific: [-]d[.ddd]e±XX
    const auto e_at = scientific.find('e');
    std::string_view mantissa = scientific.substr(0, e_at);
    const int exponent = std::stoi(std::string(scientific.substr(e_at + 1)));
    const bool negative = !mantissa.empty() && mantissa.front() == '-';
    if (negative) {
        mantissa.remove_prefix(1);
        out.push_back('-');
    }
    std::string digits;
    for (char c : mantissa) {
        if (c != '.') {
            digits.push_back(c);
        }
    }
    if (exponent < -4 || exponent >= 16) {  // repr switches to exponent notation there
        out.push_back(digits[0]);
        if (digits.size() > 1) {
            out.push_back('.');
            out.append(digits, 1);
        }
        const int magnitude = exponent < 0 ? -exponent : exponent;
        out.append(exponent < 0 ? "e-" : "e+");
        if (magnitude < 10) {
            out.push_back('0');
        }
        out.append(std::to_string(magnitude));
    } else if (exponent >= 0) {
        const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
        if (digits.size() <= integer_digits) {
            out.append(digits).append(integer_digits - digits.size(), '0').append(".0");
        } else {
            out.append(digits, 0, integer_digits).append(".").append(digits, integer_digits);
        }
    } else {
        out.append("0.").append(static_cast<std::size_t>(-exponent - 1), '0').append(digits);
    }
}

// json.dumps's string form with ensure_ascii: everything outside ' '..'~' escaped.
void append_python_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto append_u = [&](unsigned unit) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.push_back(hex[(unit >> shift) & 0x0f]);
        }
    };
    out.push_back('"');
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            switch (byte) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (byte < 0x20 || byte == 0x7f) {
                        append_u(byte);
                    } else {
                        out.push_back(static_cast<char>(byte));
                    }
            }
            ++i;
            continue;
        }
        // Decode one UTF-8 sequence; a malformed byte becomes U+FFFD.
        unsigned code_point = 0xfffd;
        std::size_t length = 1;
        const auto continuation = [&](std::size_t k) {
            return i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        };
        if ((byte & 0xe0) == 0xc0 && continuation(1)) {
            code_point = ((byte & 0x1fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3fu);
            length = 2;
        } else if ((byte & 0xf0) == 0xe0 && continuation(1) && continuation(2)) {
            code_point = ((byte & 0x0fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3fu) << 6) |
                         (static_cast<unsigned char>(text[i + 2]) & 0x3fu);
            length = 3;
        } else if ((byte & 0xf8) == 0xf0 && continuation(1) && continuation(2) && continuation(3)) {
            code_point = ((byte & 0x07u) << 18) | ((static_cast<unsigned char>(text[i + 1]) & 0x3fu) << 12) |
                         ((static_cast<unsigned char>(text[i + 2]) & 0x3fu) << 6) |
                         (static_cast<unsigned char>(text[i + 3]) & 0x3fu);
            length = 4;
        }
        if (code_point > 0xffff) {
            const unsigned reduced = code_point - 0x10000;
            append_u(0xd800 + (reduced >> 10));
            append_u(0xdc00 + (reduced & 0x3ff));
        } else {
            append_u(code_point);
        }
        i += length;
    }
    out.push_back('"');
}

// Python's json.dumps(value, indent=indent) (indent < 0: no indent, separators ", " and ": ").
void append_python_json(std::string& out, const boost::json::value& value, int indent, int level) {
    const auto newline = [&](int depth) {
        out.push_back('\n');
        out.append(static_cast<std::size_t>(indent * depth), ' ');
    };
    switch (value.kind()) {
        case boost::json::kind::null: out.append("null"); break;
        case boost::json::kind::bool_: out.append(value.get_bool() ? "true" : "false"); break;
        case boost::json::kind::int64: out.append(std::to_string(value.get_int64())); break;
        case boost::json::kind::uint64: out.append(std::to_string(value.get_uint64())); break;
        case boost::json::kind::double_: append_python_float(out, value.get_double()); break;
        case boost::json::kind::string: append_python_json_string(out, value.get_string()); break;
        case boost::json::kind::array: {
            const auto& array = value.get_array();
            if (array.empty()) {
                out.append("[]");
                break;
            }
            out.push_back('[');
            bool first = true;
            for (const auto& item : array) {
                if (!first) {
                    out.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                if (indent >= 0) {
                    newline(level + 1);
                }
                append_python_json(out, item, indent, level + 1);
            }
            if (indent >= 0) {
                newline(level);
            }
            out.push_back(']');
            break;
        }
        case boost::json::kind::object: {
            const auto& object = value.get_object();
            if (object.empty()) {
                out.append("{}");
                break;
            }
            out.push_back('{');
            bool first = true;
            for (const auto& member : object) {
                if (!first) {
                    out.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                if (indent >= 0) {
                    newline(level + 1);
                }
                append_python_json_string(out, member.key());
                out.append(": ");
                append_python_json(out, member.value(), indent, level + 1);
            }
            if (indent >= 0) {
                newline(level);
            }
            out.push_back('}');
            break;
        }
    }
}

std::string python_json_dumps(const boost::json::value& value, int indent = -1) {
    std::string out;
    append_python_json(out, value, indent, 0);
    return out;
}

// Python's truth value of a JSON value.
bool truthy(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null: return false;
        case boost::json::kind::bool_: return value.get_bool();
        case boost::json::kind::int64: return value.get_int64() != 0;
        case boost::json::kind::uint64: return value.get_uint64() != 0;
        case boost::json::kind::double_: return value.get_double() != 0.0;
        case boost::json::kind::string: return !value.get_string().empty();
        case boost::json::kind::array: return !value.get_array().empty();
        case boost::json::kind::object: return !value.get_object().empty();
    }
    return false;
}

// str() of a JSON value as Python would print it inside a format string.
std::string python_str(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::string: return std::string(value.get_string());
        case boost::json::kind::bool_: return value.get_bool() ? "True" : "False";
        case boost::json::kind::null: return "None";
        default: return python_json_dumps(value);
    }
}

std::optional<std::string> optional_str(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    return python_str(*value);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, end - start));
        start = (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? end + 2 : end + 1;
    }
    return lines;
}

// ---- reading a response without letting anything escape -----------------------------------------

std::optional<std::string> body_text(const std::shared_ptr<rest::HttpResponseBase>& response) noexcept {
    if (!response) {
        return std::nullopt;
    }
    try {
        return response->text();
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

ODataV4Format::ODataV4Format(const boost::json::value& json) {
    if (!json.is_object()) {
        throw std::invalid_argument("ODataV4Format: json must be a JSON object");
    }
    const boost::json::object* object = &json.get_object();
    if (const auto* error = object->if_contains("error")) {
        if (!error->is_object()) {
            throw std::invalid_argument("ODataV4Format: json's \"error\" must be a JSON object");
        }
        object = &error->get_object();
    }
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
                    details_.emplace_back(node);
                } catch (const std::invalid_argument&) {
                    // Python skips details that are not errors themselves.
                }
            }
        } else if (!details->is_object() && !details->is_string()) {
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
            const std::string detail_text = detail.str();
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
    std::optional<ODataV4Format> error;
};

HttpResponseError::Parts HttpResponseError::make_parts(std::optional<std::string> message,
                                                       const std::shared_ptr<rest::HttpResponseBase>& response) {
    Parts parts;
    if (response) {
        parts.status_code = response->status_code();
        parts.reason = response->reason();
    }
    const std::optional<std::string> body = body_text(response);
    if (const auto json = parse_json(body)) {
        try {
            parts.error.emplace(*json);
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
    : HttpResponseError(make_parts(std::move(message), response), response, options) {}

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

std::vector<ODataV4Format> ODataV4Error::details() const {
    return error() ? error()->details() : std::vector<ODataV4Format>{};
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
