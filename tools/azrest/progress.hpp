#pragma once
// Download progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>

namespace azrest {

/// Shows how far a download got. On a terminal: one line redrawn in place (at most every 100 ms)
/// with a bar, the bytes, the rate and the ETA (bar and ETA only when the length is known), ended
/// with a newline by finish() or abandon(). Not on a terminal: a plain line at every 10% of a known
/// length, or every 16 MiB of an unknown one, with no control codes.
class Progress {
public:
    Progress(std::FILE* out, bool terminal, std::optional<std::size_t> total);
    /// bytes: how many were written so far.
    void update(std::size_t bytes);
    /// The connection was lost at byte `at`; reading goes on (resume n of max).
    void resumed(std::size_t at, int n, int max);
    /// The download ended with bytes written: the bar is drawn complete and ended.
    void finish(std::size_t bytes);
    /// The download failed: ends the bar's line so that an error can follow.
    void abandon();

    /// "1.5 MiB", "512 B": binary units, one decimal above bytes.
    static std::string human_bytes(double bytes);

private:
    void draw(std::size_t bytes, bool final);
    void print_steps(std::size_t bytes);

    std::FILE* out_;
    bool terminal_;
    std::optional<std::size_t> total_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_draw_{};
    bool drawn_ = false;   // a bar line is on the screen and not ended
    std::size_t next_step_ = 1;  // the next 10% step (or 16 MiB step) to print when piped
};

}  // namespace azrest
