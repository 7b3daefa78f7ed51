#include <azcore/logging/handler.hpp>

#include <iostream>
#include <stdexcept>

namespace azcore::logging {

std::string basic_format(const LogRecord& record) {
    std::string line;
    line.reserve(record.levelname.size() + record.name.size() + record.message.size() + 2);
    line.append(record.levelname).append(":").append(record.name).append(":").append(record.message);
    return line;
}

void Handler::set_formatter(Formatter formatter) {
    std::lock_guard lock(mutex_);
    formatter_ = std::move(formatter);
}

std::string Handler::format(const LogRecord& record) const {
    Formatter formatter;
    {
        std::lock_guard lock(mutex_);
        formatter = formatter_;
    }
    return formatter ? formatter(record) : basic_format(record);
}

std::string Handler::format_locked(const LogRecord& record) const {
    return formatter_ ? formatter_(record) : basic_format(record);
}

void Handler::handle(const LogRecord& record) {
    if (record.levelno < level()) return;
    std::lock_guard lock(mutex_);
    emit(record);
}

StreamHandler::StreamHandler() : stream_(&std::cerr) {}

StreamHandler::StreamHandler(std::ostream& stream) : stream_(&stream) {}

void StreamHandler::emit(const LogRecord& record) {
    *stream_ << format_locked(record) << '\n';
    stream_->flush();
}

FileHandler::FileHandler(std::filesystem::path filename, std::string_view mode) : filename_(std::move(filename)) {
    std::ios::openmode open_mode = std::ios::out | std::ios::binary;
    if (mode == "a") {
        open_mode |= std::ios::app;
    } else if (mode == "w") {
        open_mode |= std::ios::trunc;
    } else {
        throw std::invalid_argument("mode: FileHandler takes \"a\" (append) or \"w\" (truncate), not \"" +
                                    std::string(mode) + "\"");
    }
    file_.open(filename_, open_mode);
    if (!file_) throw std::runtime_error("FileHandler: cannot open log file '" + filename_.string() + "'");
}

void FileHandler::emit(const LogRecord& record) {
    file_ << format_locked(record) << '\n';
    file_.flush();
}

CallbackHandler::CallbackHandler(Callback callback, int level) : Handler(level), callback_(std::move(callback)) {
    if (!callback_) throw std::invalid_argument("callback: CallbackHandler needs a function");
}

void CallbackHandler::emit(const LogRecord& record) { callback_(record); }

}  // namespace azcore::logging
