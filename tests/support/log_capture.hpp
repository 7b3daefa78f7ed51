#pragma once
// LogCapture: collects the records a logger (and its descendants) emits while a test runs;
// ScopedEnv: sets or unsets an environment variable and restores it afterwards.
#include <azcore/logging/logger.hpp>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::test {

/// Sets logger_name's level to level and captures every record that reaches it; the destructor
/// restores the level and removes the handler.
class LogCapture {
public:
    explicit LogCapture(std::string_view logger_name = "azure", int level = logging::DEBUG)
        : logger_(logging::get_logger(logger_name)), old_level_(logger_.level()) {
        handler_ = std::make_shared<logging::CallbackHandler>([this](const logging::LogRecord& record) {
            std::lock_guard lock(mutex_);
            records_.push_back(record);
        });
        logger_.add_handler(handler_);
        logger_.set_level(level);
    }
    ~LogCapture() {
        logger_.remove_handler(handler_);
        logger_.set_level(old_level_);
    }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    std::vector<logging::LogRecord> records() const {
        std::lock_guard lock(mutex_);
        return records_;
    }
    std::vector<std::string> messages() const {
        std::vector<std::string> result;
        for (const auto& record : records()) result.push_back(record.message);
        return result;
    }
    /// Messages of the records of one logger.
    std::vector<std::string> messages_of(std::string_view name) const {
        std::vector<std::string> result;
        for (const auto& record : records())
            if (record.name == name) result.push_back(record.message);
        return result;
    }
    void clear() {
        std::lock_guard lock(mutex_);
        records_.clear();
    }

private:
    logging::Logger& logger_;
    int old_level_;
    std::shared_ptr<logging::CallbackHandler> handler_;
    mutable std::mutex mutex_;
    std::vector<logging::LogRecord> records_;
};

/// Sets (value) or unsets (nullopt) an environment variable for the scope of a test.
class ScopedEnv {
public:
    ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) old_ = old;
        if (value) ::setenv(name_.c_str(), value->c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
        else ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

}  // namespace azcore::test
