#pragma once
// settings: the process-wide Azure settings of Python's `azure.core.settings`.
#include <azcore/azure_clouds.hpp>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace azcore {

/// Python's converters. Each throws std::invalid_argument with Python's message for a value it
/// does not know.
/// "yes", "1", "on", "true" → true; "no", "0", "off", "false" → false; ignoring case.
bool convert_bool(std::string_view value);
/// "CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG" (ignoring case) → the logging level number;
/// "VERBOSE" (ignoring case) is DEBUG, as Python 1.41 and the other Azure SDKs.
int convert_logging(std::string_view value);
/// One of the five level numbers (logging::DEBUG, ...), returned as is.
int convert_logging(int value);
/// "opentelemetry" or "opencensus" (ignoring case) → the lower-cased name.
std::optional<std::string> convert_tracing_impl(std::string_view value);
/// "AZURE_PUBLIC_CLOUD", "AZURE_CHINA_CLOUD" or "AZURE_US_GOVERNMENT" (exact names, as Python).
AzureClouds convert_azure_cloud(std::string_view value);

/// One setting resolved in Python's order (`PrioritizedSetting`):
///   1. an immediate value passed to the call: `settings.log_level(logging::DEBUG)`;
///   2. a value set in code: `settings.log_level.set_value("debug")`, until `unset_value()`;
///   3. the environment variable (read at each call), else its fallback variable if the setting has
///      one (azure_cloud: AZURE_CLOUD); a value the converter refuses is logged as a warning on the
///      `azure.core.settings` logger and the default applies (Python 1.41);
///   4. the default.
/// Text values (set in code or from the environment) go through the setting's converter;
/// std::invalid_argument (a warning, for the environment) names the setting, where the value came
/// from and the value. A value set in
/// code is converted (and rejected) when it is set, where Python waits until it is read.
/// Thread-safe.
template <class T>
class PrioritizedSetting {
public:
    /// The type of the value.
    using value_type = T;
    /// Reads a text value; std::invalid_argument when it is not one.
    using Converter = T (*)(std::string_view);
    /// Checks (and may normalise) a typed value; std::invalid_argument when it is not allowed.
    using Checker = T (*)(T);
    /// Settings whose values are not text (all but tracing_implementation) also take typed values.
    static constexpr bool takes_typed_values = !std::is_same_v<T, std::optional<std::string>>;

    /// fallback_env_var, if given, is read only while env_var is not set (an older name).
    constexpr PrioritizedSetting(const char* name, const char* env_var, T default_value, Converter convert,
                                 Checker check = nullptr, void (*on_change)() = nullptr,
                                 const char* fallback_env_var = nullptr)
        : name_(name), env_var_(env_var), fallback_env_var_(fallback_env_var), default_(std::move(default_value)),
          convert_(convert), check_(check), on_change_(on_change) {}
    PrioritizedSetting(const PrioritizedSetting&) = delete;
    PrioritizedSetting& operator=(const PrioritizedSetting&) = delete;

    /// The current value: set in code, else from the environment variable, else the default.
    T operator()() const { return given().value_or(default_); }
    /// The value set in code, else from the environment variable; nullopt when the default applies.
    std::optional<T> given() const {
        if (auto value = user_value()) return value;
        if (auto entry = env_entry())
            if (auto converted = from_environment(entry->first, entry->second)) return converted;
        return std::nullopt;
    }
    /// An immediate value wins over everything (Python's `settings.x(value)`).
    ///@{
    T operator()(std::string_view immediate) const { return convert_text(immediate, "the immediate value"); }
    T operator()(const char* immediate) const { return (*this)(std::string_view(immediate)); }
    T operator()(const T& immediate) const
        requires takes_typed_values
    {
        return checked(immediate, "the immediate value");
    }
    ///@}

    /// Sets the value in code (Python's `settings.x = value`).
    ///@{
    void set_value(std::string_view text) { store(convert_text(text, "the value set in code")); }
    void set_value(const char* text) { set_value(std::string_view(text)); }
    void set_value(const T& value)
        requires takes_typed_values
    {
        store(checked(value, "the value set in code"));
    }
    ///@}
    /// Forgets the value set in code: the environment variable or the default applies again.
    void unset_value() {
        {
            std::lock_guard lock(mutex_);
            user_value_.reset();
        }
        if (on_change_) on_change_();
    }

    /// The value set in code, if any.
    std::optional<T> user_value() const {
        std::lock_guard lock(mutex_);
        return user_value_;
    }
    /// The raw text of the environment variable if it is set, else of the fallback variable if that is.
    std::optional<std::string> env_value() const;
    /// The setting's name ("log_level").
    std::string_view name() const noexcept { return name_; }
    /// The environment variable it reads ("AZURE_LOG_LEVEL").
    std::string_view env_var() const noexcept { return env_var_; }
    /// The older variable read while env_var() is not set; empty when the setting has none.
    std::string_view fallback_env_var() const noexcept {
        return fallback_env_var_ ? std::string_view(fallback_env_var_) : std::string_view();
    }
    /// The implicit default (Python's `.default`).
    const T& default_value() const noexcept { return default_; }

private:
    T convert_text(std::string_view text, const char* source) const;
    /// The variable that applies (env_var, else the fallback) and its text, if either is set.
    std::optional<std::pair<const char*, std::string>> env_entry() const;
    /// The text of variable converted; nullopt (and a warning) when the converter refuses it.
    std::optional<T> from_environment(const char* variable, const std::string& text) const;
    T checked(const T& value, const char* source) const;
    void store(T value) {
        {
            std::lock_guard lock(mutex_);
            user_value_ = std::move(value);
        }
        if (on_change_) on_change_();
    }

    const char* name_;
    const char* env_var_;
    const char* fallback_env_var_;
    T default_;
    Converter convert_;
    Checker check_;
    void (*on_change_)();
    mutable std::mutex mutex_;
    std::optional<T> user_value_;
};

/// A snapshot of every setting (Python's `settings.config()` namedtuple).
struct SettingsConfig {
    /// The logging level number (logging::INFO).
    int log_level = 20;
    /// Whether tracing is on.
    bool tracing_enabled = false;
    /// The tracing implementation named ("opentelemetry"), if any.
    std::optional<std::string> tracing_implementation{};
    /// The cloud the clients address.
    AzureClouds azure_cloud = AzureClouds::AZURE_PUBLIC_CLOUD;
    /// Equal when every setting is.
    friend bool operator==(const SettingsConfig&, const SettingsConfig&) = default;
};

/// Values that replace the current ones in a `settings.config(...)` snapshot.
struct SettingsConfigOptions {
    /// Each set field replaces that setting's current value.
    ///@{
    std::optional<int> log_level{};
    std::optional<bool> tracing_enabled{};
    std::optional<std::string> tracing_implementation{};
    std::optional<AzureClouds> azure_cloud{};
    ///@}
};

/// Python's `azure.core.settings.Settings`; use the one instance, `azcore::settings`.
///
/// | setting | environment variable | default |
/// |---|---|---|
/// | log_level | AZURE_LOG_LEVEL | logging::INFO (20) |
/// | tracing_enabled | AZURE_TRACING_ENABLED | false |
/// | tracing_implementation | AZURE_SDK_TRACING_IMPLEMENTATION | none |
/// | azure_cloud | AZURE_SDK_CLOUD_CONF (else AZURE_CLOUD) | AzureClouds::AZURE_PUBLIC_CLOUD |
///
/// Precedence: immediate value > value set in code > environment variable > default. azure_cloud
/// reads AZURE_CLOUD (its name before Python 1.41) only while AZURE_SDK_CLOUD_CONF is not set.
/// settings.log_level also sets the level of the "azure" logger (see logging::apply_settings).
class Settings {
public:
    constexpr Settings() = default;
    /// Not copyable: there is one instance, `azcore::settings`.
    ///@{
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;
    ///@}

    /// The logging level (AZURE_LOG_LEVEL): a number (logging::DEBUG...) or a level name.
    PrioritizedSetting<int> log_level{"log_level", "AZURE_LOG_LEVEL", 20, &convert_logging_text, &check_logging,
                                      &on_log_level_changed};
    /// Whether tracing is on (AZURE_TRACING_ENABLED).
    PrioritizedSetting<bool> tracing_enabled{"tracing_enabled", "AZURE_TRACING_ENABLED", false, &convert_bool};
    /// The tracing implementation's name (AZURE_SDK_TRACING_IMPLEMENTATION).
    PrioritizedSetting<std::optional<std::string>> tracing_implementation{
        "tracing_implementation", "AZURE_SDK_TRACING_IMPLEMENTATION", std::nullopt, &convert_tracing_impl};
    /// The cloud (AZURE_SDK_CLOUD_CONF, else AZURE_CLOUD).
    PrioritizedSetting<AzureClouds> azure_cloud{"azure_cloud", "AZURE_SDK_CLOUD_CONF", AzureClouds::AZURE_PUBLIC_CLOUD,
                                                &convert_azure_cloud, nullptr, nullptr, "AZURE_CLOUD"};

    /// The defaults, ignoring the environment and values set in code.
    SettingsConfig defaults() const;
    /// The current values (the defaults when defaults_only() is true).
    SettingsConfig current() const;
    /// The current values, with the given ones replacing them.
    SettingsConfig config(SettingsConfigOptions overrides = {}) const;
    /// Whether tracing is on for a call that does not say: tracing_enabled when set in code or in
    /// the environment, else whether a tracing_implementation is named (Python's derived default).
    bool is_tracing_enabled() const;
    /// Whether current() returns only the defaults.
    bool defaults_only() const noexcept { return defaults_only_.load(std::memory_order_relaxed); }
    /// Makes current() return only the defaults (true) or the current values again (false).
    void set_defaults_only(bool value) noexcept { defaults_only_.store(value, std::memory_order_relaxed); }

private:
    static int convert_logging_text(std::string_view value) { return convert_logging(value); }
    /// A typed log level must be one of the five level numbers.
    static int check_logging(int value);
    /// Applies the new log level to the loggers (logging::apply_settings).
    static void on_log_level_changed();
    std::atomic<bool> defaults_only_{false};
};

/// The settings of this process (Python's `azure.core.settings.settings`).
extern Settings settings;

}  // namespace azcore

namespace azcore {
extern template class PrioritizedSetting<int>;
extern template class PrioritizedSetting<bool>;
extern template class PrioritizedSetting<std::optional<std::string>>;
extern template class PrioritizedSetting<AzureClouds>;
}  // namespace azcore
