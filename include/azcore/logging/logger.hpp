#pragma once
// Logger: named loggers in a dotted hierarchy with levels and handlers (Python's `logging.Logger`).
#include <azcore/logging/handler.hpp>
#include <azcore/logging/log_record.hpp>

#include <fmt/format.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::logging {

/// A named logger. Loggers form a hierarchy by their dotted names, as in Python: the parent of
/// "azure.core.pipeline" is the nearest existing one of "azure.core", "azure", then the root logger.
/// A logger whose level is NOTSET takes its effective level from its ancestors; a record goes to
/// the logger's handlers and, while `propagate()` is true, to those of its ancestors.
///
/// Get loggers with get_logger(); they live for the whole program. Every member is thread-safe.
/// When a level is not enabled nothing is formatted: `is_enabled_for` is one atomic load, and
/// `log`/`debug`/... check it before any fmt work. The AZCORE_LOG macro also skips evaluating
/// its arguments.
class Logger {
public:
    /// Not copyable: a logger lives for the whole program and is shared by reference.
    ///@{
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;
    ///@}

    /// The dotted name; "root" for the root logger.
    const std::string& name() const noexcept { return name_; }

    /// Sets this logger's own level; NOTSET makes it inherit from its ancestors again.
    void set_level(int level);
    /// The level set on this logger (NOTSET when it inherits).
    int level() const noexcept { return level_.load(std::memory_order_relaxed); }
    /// The level that decides what is logged: this logger's own, else its nearest ancestor's.
    /// For the "azure" logger, settings.log_level (when set in code or by AZURE_LOG_LEVEL) comes
    /// right after its own level.
    int get_effective_level() const noexcept { return effective_level_.load(std::memory_order_relaxed); }
    /// level >= get_effective_level(): one atomic load.
    bool is_enabled_for(int level) const noexcept { return level >= get_effective_level(); }

    /// Adds a handler of this logger's records.
    void add_handler(std::shared_ptr<Handler> handler);
    /// Removes handler; nothing when it is not there.
    void remove_handler(const std::shared_ptr<Handler>& handler);
    /// This logger's own handlers (not its ancestors').
    std::vector<std::shared_ptr<Handler>> handlers() const;
    /// Whether records also go to the ancestors' handlers (true by default).
    bool propagate() const noexcept { return propagate_.load(std::memory_order_relaxed); }
    /// Sets whether records also go to the ancestors' handlers.
    void set_propagate(bool propagate) noexcept { propagate_.store(propagate, std::memory_order_relaxed); }
    /// The nearest existing ancestor; nullptr for the root logger.
    Logger* parent() const noexcept { return parent_.load(std::memory_order_acquire); }

    /// Formats the message with fmt and hands it to the handlers, if level is enabled.
    template <class... Args>
    void log(int level, fmt::format_string<Args...> format, Args&&... args) const {
        if (!is_enabled_for(level)) return;
        dispatch(level, fmt::vformat(format, fmt::make_format_args(args...)));
    }
    /// log() at DEBUG, INFO, WARNING, ERROR and CRITICAL.
    ///@{
    template <class... Args>
    void debug(fmt::format_string<Args...> format, Args&&... args) const {
        log(DEBUG, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void info(fmt::format_string<Args...> format, Args&&... args) const {
        log(INFO, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void warning(fmt::format_string<Args...> format, Args&&... args) const {
        log(WARNING, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void error(fmt::format_string<Args...> format, Args&&... args) const {
        log(ERROR, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void critical(fmt::format_string<Args...> format, Args&&... args) const {
        log(CRITICAL, format, std::forward<Args>(args)...);
    }
    ///@}

private:
    /// Owns every logger and keeps their parents and effective levels (src/logging/logger.cpp).
    class Registry;
    friend Logger& get_logger(std::string_view name);
    friend void apply_settings();
    explicit Logger(std::string name, int level);
    /// Builds the record and hands it to this logger's handlers and its ancestors'.
    void dispatch(int level, std::string message) const;

    std::string name_;
    std::atomic<int> level_;
    std::atomic<int> effective_level_{WARNING};
    std::atomic<bool> propagate_{true};
    std::atomic<Logger*> parent_{nullptr};
    mutable std::mutex handlers_mutex_;
    std::vector<std::shared_ptr<Handler>> handlers_;
};

/// The logger of that name, created on first use (Python's `logging.getLogger`). An empty name or
/// "root" gives the root logger, whose level is WARNING until set.
Logger& get_logger(std::string_view name = {});

/// Applies settings.log_level to the "azure" logger: the value set in code, else AZURE_LOG_LEVEL,
/// else nothing (the logger inherits from the root logger; the setting's INFO default is not
/// applied, so nothing below WARNING is logged unless asked for). Runs on first use of the loggers and
/// whenever settings.log_level is set or unset; call it after changing AZURE_LOG_LEVEL at run time.
/// An AZURE_LOG_LEVEL that does not convert is ignored here (settings.log_level() reports it).
void apply_settings();

}  // namespace azcore::logging

/// Logs through logger at level only if it is enabled; otherwise the format arguments are not even
/// evaluated. AZCORE_LOG(get_logger("azure.mine"), azcore::logging::DEBUG, "sent {} bytes", count());
#define AZCORE_LOG(logger, level, ...)                                                           \
    do {                                                                                         \
        const ::azcore::logging::Logger& azcore_log_logger_ = (logger);                          \
        const int azcore_log_level_ = (level);                                                   \
        if (azcore_log_logger_.is_enabled_for(azcore_log_level_))                                \
            azcore_log_logger_.log(azcore_log_level_, __VA_ARGS__);                              \
    } while (false)
