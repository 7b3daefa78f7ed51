#include "tracing/sdk/otlp_partial_success.hpp"

#include "utils/printable.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

namespace azcore::tracing::sdk::detail {
namespace {

/// rejectedSpans as digits: a JSON integer, or a string holding one (protobuf's int64 mapping).
std::optional<std::string> rejected_count(const boost::json::value* rejected) {
    if (rejected == nullptr) return std::nullopt;
    if (rejected->is_int64()) return std::to_string(rejected->as_int64());
    if (rejected->is_uint64()) return std::to_string(rejected->as_uint64());
    if (!rejected->is_string()) return std::nullopt;
    const std::string_view text = rejected->as_string();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return std::to_string(value);
}

/// message without control characters (escaped), at most partial_success_message_limit bytes of
/// it (cut before a UTF-8 continuation byte, so the text stays valid UTF-8).
std::string quoted_message(std::string_view message) {
    bool cut = false;
    if (message.size() > partial_success_message_limit) {
        std::size_t end = partial_success_message_limit;
        while (end > 0 && (static_cast<unsigned char>(message[end]) & 0xC0) == 0x80) --end;
        message = message.substr(0, end);
        cut = true;
    }
    std::string out;
    out.reserve(message.size());
    utils::detail::append_printable(out, message);
    if (cut) out += "\u2026";
    return out;
}

}  // namespace

std::optional<std::string> partial_success_warning(std::string_view body, std::size_t exported) {
    boost::system::error_code error;
    const boost::json::value parsed = boost::json::parse(body, error);
    if (error || !parsed.is_object()) return std::nullopt;
    const boost::json::value* partial = parsed.as_object().if_contains("partialSuccess");
    if (partial == nullptr || !partial->is_object()) return std::nullopt;
    const std::string rejected = rejected_count(partial->as_object().if_contains("rejectedSpans")).value_or("0");
    const boost::json::value* message = partial->as_object().if_contains("errorMessage");
    const std::string_view text = message != nullptr && message->is_string() ? std::string_view(message->as_string()) : "";
    if (rejected == "0" && text.empty()) return std::nullopt;
    return fmt::format("the OTLP receiver rejected {} of {} spans: {}", rejected, exported, quoted_message(text));
}

}  // namespace azcore::tracing::sdk::detail
