#include <azcore/logging/log_record.hpp>

namespace azcore::logging {

std::string get_level_name(int level) {
    switch (level) {
        case NOTSET: return "NOTSET";
        case DEBUG: return "DEBUG";
        case INFO: return "INFO";
        case WARNING: return "WARNING";
        case ERROR: return "ERROR";
        case CRITICAL: return "CRITICAL";
        default: return "Level " + std::to_string(level);
    }
}

}  // namespace azcore::logging
