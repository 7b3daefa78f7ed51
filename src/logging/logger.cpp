#include <azcore/logging/logger.hpp>

#include <azcore/settings.hpp>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>

namespace azcore::logging {

/// Owns every logger; keeps parents and effective levels up to date. Levels change rarely, so every
/// change recomputes all loggers under one lock, and readers only load atomics.
class Logger::Registry {
public:
    static Registry& instance() {
        // Never destroyed: loggers stay usable from other static destructors.
        static Registry* registry = [] {
            auto* created = new Registry();
            created->apply_settings();
            return created;
        }();
        return *registry;
    }

    Logger& get(std::string_view name) {
        if (name.empty() || name == "root") return *root_;
        std::lock_guard lock(mutex_);
        if (auto it = loggers_.find(name); it != loggers_.end()) return *it->second;
        auto logger = std::unique_ptr<Logger>(new Logger(std::string(name), NOTSET));
        Logger& result = *logger;
        loggers_.emplace(std::string(name), std::move(logger));
        recompute_locked();
        return result;
    }

    void set_level(Logger& logger, int level) {
        std::lock_guard lock(mutex_);
        logger.level_.store(level, std::memory_order_relaxed);
        recompute_locked();
    }

    void apply_settings() {
        std::optional<int> level = settings.log_level.user_value();
        if (!level) {
            if (auto text = settings.log_level.env_value()) {
                try {
                    level = convert_logging(*text);
                } catch (const std::invalid_argument&) {
                    // settings.log_level() warns about it; a logger is never broken by it.
                }
            }
        }
        std::lock_guard lock(mutex_);
        settings_level_ = level;
        recompute_locked();
    }

private:
    // The "azure" logger always exists: settings.log_level applies to it, and so to every Azure
    // logger below it, whichever of them was created first.
    Registry() : root_owner_(new Logger("root", WARNING)), root_(root_owner_.get()) {
        loggers_.emplace("azure", std::unique_ptr<Logger>(new Logger("azure", NOTSET)));
        recompute_locked();
    }

    Logger* nearest_ancestor_locked(std::string_view name) const {
        for (auto dot = name.rfind('.'); dot != std::string_view::npos; dot = name.rfind('.')) {
            name = name.substr(0, dot);
            if (auto it = loggers_.find(name); it != loggers_.end()) return it->second.get();
        }
        return root_;
    }

    int own_level_locked(const Logger& logger) const {
        int level = logger.level_.load(std::memory_order_relaxed);
        if (level == NOTSET && settings_level_ && logger.name_ == "azure") level = *settings_level_;
        return level;
    }

    void recompute_locked() {
        for (auto& [name, logger] : loggers_) logger->parent_.store(nearest_ancestor_locked(name), std::memory_order_release);
        root_->effective_level_.store(root_->level_.load(std::memory_order_relaxed), std::memory_order_relaxed);
        for (auto& [name, logger] : loggers_) {
            int effective = NOTSET;
            for (const Logger* current = logger.get(); current != nullptr; current = current->parent_.load(std::memory_order_relaxed)) {
                effective = own_level_locked(*current);
                if (effective != NOTSET) break;
            }
            logger->effective_level_.store(effective, std::memory_order_relaxed);
        }
    }

    std::mutex mutex_;
    std::unique_ptr<Logger> root_owner_;
    Logger* root_;
    std::map<std::string, std::unique_ptr<Logger>, std::less<>> loggers_;
    std::optional<int> settings_level_;
};

Logger::Logger(std::string name, int level) : name_(std::move(name)), level_(level), effective_level_(level) {}

void Logger::set_level(int level) { Registry::instance().set_level(*this, level); }

void Logger::add_handler(std::shared_ptr<Handler> handler) {
    if (!handler) throw std::invalid_argument("handler: add_handler needs a handler");
    std::lock_guard lock(handlers_mutex_);
    if (std::find(handlers_.begin(), handlers_.end(), handler) == handlers_.end()) handlers_.push_back(std::move(handler));
}

void Logger::remove_handler(const std::shared_ptr<Handler>& handler) {
    std::lock_guard lock(handlers_mutex_);
    handlers_.erase(std::remove(handlers_.begin(), handlers_.end(), handler), handlers_.end());
}

std::vector<std::shared_ptr<Handler>> Logger::handlers() const {
    std::lock_guard lock(handlers_mutex_);
    return handlers_;
}

void Logger::dispatch(int level, std::string message) const {
    LogRecord record{.name = name_,
                     .levelno = level,
                     .levelname = get_level_name(level),
                     .message = std::move(message),
                     .created = std::chrono::system_clock::now()};
    for (const Logger* current = this; current != nullptr; current = current->parent()) {
        for (const auto& handler : current->handlers()) {
            try {
                handler->handle(record);
            } catch (const std::exception& error) {
                // As Python's Handler.handleError: logging never throws into the code that logs.
                std::cerr << "--- Logging error --- " << error.what() << '\n';
            } catch (...) {
                std::cerr << "--- Logging error ---\n";
            }
        }
        if (!current->propagate()) break;
    }
}

Logger& get_logger(std::string_view name) { return Logger::Registry::instance().get(name); }

void apply_settings() { Logger::Registry::instance().apply_settings(); }

}  // namespace azcore::logging
