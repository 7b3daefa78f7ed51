#include "support/process_stats.hpp"

#include <filesystem>

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace azcore::test {
namespace {

// A "Name:   123 kB" line of /proc/self/status, in bytes.
std::int64_t status_bytes(std::string_view name) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(name) && line.size() > name.size() && line[name.size()] == ':')
            return std::stoll(line.substr(name.size() + 1)) * 1024;
    }
    throw std::runtime_error("no " + std::string(name) + " in /proc/self/status");
}

}  // namespace

std::size_t open_fds() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
    return count;
}

std::int64_t rss_bytes() { return status_bytes("VmRSS"); }

PeakRss::PeakRss() {
    // "5" resets VmHWM to the current RSS (proc(5), Linux 4.0).
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    if (!clear) throw std::runtime_error("PeakRss: cannot reset the peak RSS through /proc/self/clear_refs");
    start_ = status_bytes("VmRSS");
}

std::int64_t PeakRss::growth() const { return status_bytes("VmHWM") - start_; }

}  // namespace azcore::test
