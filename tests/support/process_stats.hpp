#pragma once
// Figures of this process from /proc/self, for tests that check for leaks and memory bounds.

#include <cstddef>
#include <cstdint>

namespace azcore::test {

/// Open file descriptors.
std::size_t open_fds();
/// Resident set size (VmRSS) in bytes.
std::int64_t rss_bytes();

/// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS when constructed, so growth()
/// is the peak reached since then above the RSS of that moment, whatever earlier tests used.
/// std::runtime_error when /proc cannot be read or the mark cannot be reset.
class PeakRss {
public:
    PeakRss();
    /// Bytes the peak rose above the RSS at construction.
    std::int64_t growth() const;

private:
    std::int64_t start_ = 0;
};

}  // namespace azcore::test
