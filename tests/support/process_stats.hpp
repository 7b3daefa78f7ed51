#pragma once
// Figures of this process from /proc/self, for tests that check for leaks and memory bounds.

#include <cstddef>
#include <cstdint>

namespace azcore::test {

/// Open file descriptors.
std::size_t open_fds();
/// Resident set size (VmRSS) in bytes.
std::int64_t rss_bytes();

/// False in an AddressSanitizer build: its quarantine keeps freed memory resident, so RSS bounds
/// measure the sanitizer rather than the code (the bounds are checked in the other builds).
constexpr bool rss_bounds_apply() {
#if defined(__SANITIZE_ADDRESS__)
    return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return false;
#else
    return true;
#endif
#else
    return true;
#endif
}

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
