#include <azcore/settings.hpp>

#include <azcore/logging/log_record.hpp>
#include <azcore/logging/logger.hpp>
#include <azcore/utils/string_utils.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace azcore {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 5> levels{{
    {"CRITICAL", logging::CRITICAL},
    {"ERROR", logging::ERROR},
    {"WARNING", logging::WARNING},
    {"INFO", logging::INFO},
    {"DEBUG", logging::DEBUG},
}};

constexpr std::array<AzureClouds, 3> clouds{AzureClouds::AZURE_PUBLIC_CLOUD, AzureClouds::AZURE_CHINA_CLOUD,
                                            AzureClouds::AZURE_US_GOVERNMENT};

[[noreturn]] void throw_setting_error(const char* name, const char* source, const char* what) {
    throw std::invalid_argument(std::string("settings.") + name + " (from " + source + "): " + what);
}

}  // namespace

bool convert_bool(std::string_view value) {
    for (std::string_view yes : {"yes", "1", "on", "true"})
        if (utils::iequals(value, yes)) return true;
    for (std::string_view no : {"no", "0", "off", "false"})
        if (utils::iequals(value, no)) return false;
    throw std::invalid_argument("Cannot convert " + std::string(value) + " to boolean value");
}

int convert_logging(std::string_view value) {
    if (utils::iequals(value, "VERBOSE")) return logging::DEBUG;
    for (const auto& [name, level] : levels)
        if (utils::iequals(value, name)) return level;
    throw std::invalid_argument("Cannot convert " + std::string(value) +
                                " to log level, valid values are: CRITICAL, ERROR, WARNING, INFO, DEBUG");
}

int convert_logging(int value) {
    for (const auto& entry : levels)
        if (entry.second == value) return value;
    throw std::invalid_argument("Cannot convert " + std::to_string(value) +
                                " to log level, valid values are: CRITICAL, ERROR, WARNING, INFO, DEBUG");
}

std::optional<std::string> convert_tracing_impl(std::string_view value) {
    std::string lower = utils::to_lower(value);
    const bool valid = !lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!valid)
        throw std::invalid_argument("Cannot convert " + lower +
                                    " to a tracing implementation name: letters, digits, '.', '_' and '-' expected "
                                    "(opentelemetry, or a name given to tracing::register_tracer_provider)");
    return lower;
}

AzureClouds convert_azure_cloud(std::string_view value) {
    for (AzureClouds cloud : clouds)
        if (to_string(cloud) == value) return cloud;
    throw std::invalid_argument("Cannot convert " + std::string(value) +
                                " to Azure Cloud, valid values are: AZURE_PUBLIC_CLOUD, AZURE_CHINA_CLOUD, AZURE_US_GOVERNMENT");
}

template <class T>
std::optional<T> PrioritizedSetting<T>::from_environment(const char* variable, const std::string& text) const {
    try {
        return convert_text(text, variable);
    } catch (const std::invalid_argument& error) {
        logging::get_logger("azure.core.settings").warning("{}; the default is used instead", error.what());
        return std::nullopt;
    }
}

template <class T>
std::optional<std::pair<const char*, std::string>> PrioritizedSetting<T>::env_entry() const {
    for (const char* variable : {env_var_, fallback_env_var_}) {
        if (variable == nullptr) continue;
        if (const char* text = std::getenv(variable)) return std::pair<const char*, std::string>(variable, text);
    }
    return std::nullopt;
}

template <class T>
std::optional<std::string> PrioritizedSetting<T>::env_value() const {
    if (auto entry = env_entry()) return std::move(entry->second);
    return std::nullopt;
}

template <class T>
T PrioritizedSetting<T>::convert_text(std::string_view text, const char* source) const {
    try {
        return convert_(text);
    } catch (const std::invalid_argument& error) {
        throw_setting_error(name_, source, error.what());
    }
}

template <class T>
T PrioritizedSetting<T>::checked(const T& value, const char* source) const {
    if (check_ == nullptr) return value;
    try {
        return check_(value);
    } catch (const std::invalid_argument& error) {
        throw_setting_error(name_, source, error.what());
    }
}

template class PrioritizedSetting<int>;
template class PrioritizedSetting<bool>;
template class PrioritizedSetting<std::optional<std::string>>;
template class PrioritizedSetting<AzureClouds>;

int Settings::check_logging(int value) { return convert_logging(value); }

void Settings::on_log_level_changed() { logging::apply_settings(); }

SettingsConfig Settings::defaults() const {
    return SettingsConfig{.log_level = log_level.default_value(),
                          .tracing_enabled = tracing_enabled.default_value(),
                          .tracing_implementation = tracing_implementation.default_value(),
                          .azure_cloud = azure_cloud.default_value()};
}

SettingsConfig Settings::current() const { return defaults_only() ? defaults() : config(); }

SettingsConfig Settings::config(SettingsConfigOptions overrides) const {
    SettingsConfig result{.log_level = overrides.log_level ? convert_logging(*overrides.log_level) : log_level(),
                          .tracing_enabled = overrides.tracing_enabled ? *overrides.tracing_enabled : is_tracing_enabled(),
                          .tracing_implementation = overrides.tracing_implementation
                                                        ? convert_tracing_impl(*overrides.tracing_implementation)
                                                        : tracing_implementation(),
                          .azure_cloud = overrides.azure_cloud ? *overrides.azure_cloud : azure_cloud()};
    return result;
}

bool Settings::is_tracing_enabled() const {
    if (auto enabled = tracing_enabled.given()) return *enabled;
    return tracing_implementation().has_value();
}

constinit Settings settings;

}  // namespace azcore
