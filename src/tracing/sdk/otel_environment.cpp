#include "tracing/sdk/otel_environment.hpp"

#include <azcore/logging/logger.hpp>

#include <boost/url/pct_string_view.hpp>

#include <charconv>
#include <cstdlib>

namespace azcore::tracing::sdk::detail {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::optional<std::string> env_text(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

std::optional<std::string> env_text_first(const char* first, const char* second) {
    if (auto value = env_text(first)) return value;
    return env_text(second);
}

std::optional<std::uint64_t> env_unsigned(const char* name) {
    const std::optional<std::string> text = env_text(name);
    if (!text) return std::nullopt;
    const std::string_view trimmed = trim(*text);
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (trimmed.empty() || error != std::errc() || end != trimmed.data() + trimmed.size()) {
        logging::get_logger(sdk_logger_name)
            .warning("{}={:?} is not a whole non-negative number; the default is used instead", name, *text);
        return std::nullopt;
    }
    return value;
}

std::vector<std::pair<std::string, std::string>> parse_key_value_list(std::string_view text, std::string_view variable) {
    std::vector<std::pair<std::string, std::string>> entries;
    std::size_t position = 0;
    while (!text.empty()) {
        ++position;
        const std::size_t comma = text.find(',');
        const std::string_view entry = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        if (trim(entry).empty()) continue;
        const std::size_t equals = entry.find('=');
        const std::string_view key = trim(entry.substr(0, equals));
        if (equals == std::string_view::npos || key.empty()) {
            logging::get_logger(sdk_logger_name)
                .warning("{}: entry {} is not key=value; it is skipped", variable, position);
            continue;
        }
        const auto value = boost::urls::make_pct_string_view(trim(entry.substr(equals + 1)));
        if (!value) {
            logging::get_logger(sdk_logger_name)
                .warning("{}: the value of entry {} ({}) has a bad percent escape; it is skipped", variable, position, key);
            continue;
        }
        entries.emplace_back(std::string(key), value->decode());
    }
    return entries;
}

}  // namespace azcore::tracing::sdk::detail
