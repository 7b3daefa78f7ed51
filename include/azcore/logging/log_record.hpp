#pragma once
// Log levels (Python's `logging` numbers) and LogRecord, what a handler receives.
#include <chrono>
#include <string>
#include <string_view>

namespace azcore::logging {

/// Python's level numbers: a logger is enabled for a level when level >= its effective level.
///@{
inline constexpr int NOTSET = 0;
inline constexpr int DEBUG = 10;
inline constexpr int INFO = 20;
inline constexpr int WARNING = 30;
inline constexpr int ERROR = 40;
inline constexpr int CRITICAL = 50;
///@}

/// "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTSET", or "Level <n>" for any other
/// number (Python's `logging.getLevelName`).
std::string get_level_name(int level);

/// One logged message, as handed to every handler that takes it (Python's `LogRecord`).
struct LogRecord {
    /// The name of the logger that logged it, e.g. "azure.core.pipeline.policies.http_logging_policy".
    std::string name{};
    /// The level number (DEBUG, INFO, ...).
    int levelno = NOTSET;
    /// get_level_name(levelno).
    std::string levelname{};
    /// The formatted message.
    std::string message{};
    /// When it was logged.
    std::chrono::system_clock::time_point created{};
};

}  // namespace azcore::logging
