#pragma once
// Handlers: where log records go (Python's logging.Handler, StreamHandler, FileHandler), plus a callback.
#include <azcore/logging/log_record.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <string>

namespace azcore::logging {

/// Turns a record into one line of text.
using Formatter = std::function<std::string(const LogRecord&)>;

/// "LEVELNAME:logger.name:message", Python's `logging.BASIC_FORMAT`.
std::string basic_format(const LogRecord& record);

/// A sink the application installs on a logger (Python's `logging.Handler`). A handler has its own
/// level (records below it are dropped) and a formatter. Records reach emit() one at a time: the
/// handler's (recursive) lock is held around it, so emit() needs no locking of its own.
class Handler {
public:
    /// A handler that takes records at level and above (NOTSET: all).
    explicit Handler(int level = NOTSET) : level_(level) {}
    virtual ~Handler() = default;
    /// Not copyable: loggers share handlers through std::shared_ptr.
    ///@{
    Handler(const Handler&) = delete;
    Handler& operator=(const Handler&) = delete;
    ///@}

    /// Sets the lowest level handled.
    void set_level(int level) noexcept { level_.store(level, std::memory_order_relaxed); }
    /// The lowest level handled.
    int level() const noexcept { return level_.load(std::memory_order_relaxed); }
    /// Replaces the formatter (basic_format by default); nullptr restores the default.
    void set_formatter(Formatter formatter);
    /// The record formatted with this handler's formatter.
    std::string format(const LogRecord& record) const;
    /// Emits the record when its level is at least the handler's level. Called by loggers.
    void handle(const LogRecord& record);

protected:
    /// Writes the record. Called with the handler's lock held.
    virtual void emit(const LogRecord& record) = 0;
    /// format(), for use inside emit() (where the handler's lock is already held).
    std::string format_locked(const LogRecord& record) const;

private:
    std::atomic<int> level_;
    // Recursive, as Python's handler lock: a callback that logs again does not deadlock.
    mutable std::recursive_mutex mutex_;
    Formatter formatter_;
};

/// Writes format(record) and a newline to a stream, flushing each record (Python's `StreamHandler`).
class StreamHandler : public Handler {
public:
    /// Writes to standard error, as Python's default.
    StreamHandler();
    /// Writes to stream, which must outlive the handler.
    explicit StreamHandler(std::ostream& stream);

protected:
    void emit(const LogRecord& record) override;

private:
    std::ostream* stream_;
};

/// Writes format(record) and a newline to a file (Python's `FileHandler`).
class FileHandler : public Handler {
public:
    /// Opens filename now; mode "a" appends (Python's default), "w" truncates. std::invalid_argument
    /// naming the mode, or std::runtime_error naming the file when it can't be opened.
    explicit FileHandler(std::filesystem::path filename, std::string_view mode = "a");
    /// The file written to.
    const std::filesystem::path& filename() const noexcept { return filename_; }

protected:
    void emit(const LogRecord& record) override;

private:
    std::filesystem::path filename_;
    std::ofstream file_;
};

/// Hands every record to a function of the application (for tests, or to forward records to the
/// application's own logging). The function is called with the handler's lock held, one record at a time.
class CallbackHandler : public Handler {
public:
    /// The function given each record.
    using Callback = std::function<void(const LogRecord&)>;
    /// std::invalid_argument when callback is empty.
    explicit CallbackHandler(Callback callback, int level = NOTSET);

protected:
    void emit(const LogRecord& record) override;

private:
    Callback callback_;
};

}  // namespace azcore::logging
