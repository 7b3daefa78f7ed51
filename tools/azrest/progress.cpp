#include "progress.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>

namespace azrest {
namespace {
constexpr std::chrono::milliseconds redraw_interval{100};
constexpr std::size_t bar_width = 30;
constexpr std::size_t unknown_length_step = std::size_t(16) << 20;

std::string eta_text(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}
}  // namespace

Progress::Progress(std::FILE* out, bool terminal, std::optional<std::size_t> total)
    : out_(out), terminal_(terminal), total_(total) {}

std::string Progress::human_bytes(double bytes) {
    static constexpr std::array units{"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) return fmt::format("{} B", static_cast<long long>(bytes));
    std::size_t unit = 0;
    bytes /= 1024;
    while (bytes >= 1024 && unit + 1 < units.size()) bytes /= 1024, ++unit;
    return fmt::format("{:.1f} {}", bytes, units[unit]);
}

void Progress::update(std::size_t bytes) {
    if (!terminal_) return print_steps(bytes);
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < redraw_interval) return;
    last_draw_ = now;
    draw(bytes, false);
}

void Progress::print_steps(std::size_t bytes) {
    if (total_) {
        if (*total_ == 0) return;
        while (next_step_ <= 10 && bytes >= *total_ * next_step_ / 10) {
            fmt::print(out_, "azrest: {}% ({} of {} bytes)\n", next_step_ * 10, *total_ * next_step_ / 10, *total_);
            ++next_step_;
        }
    } else {
        while (bytes >= next_step_ * unknown_length_step) {
            fmt::print(out_, "azrest: {} bytes\n", next_step_ * unknown_length_step);
            ++next_step_;
        }
    }
    std::fflush(out_);
}

void Progress::draw(std::size_t bytes, bool final) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(bytes) / elapsed : 0;
    std::string line;
    if (total_ && *total_ > 0) {
        const double done = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(*total_));
        const auto filled = static_cast<std::size_t>(done * bar_width);
        const std::string eta = final ? "done" : rate > 0 ? "ETA " + eta_text(static_cast<double>(*total_ - std::min(bytes, *total_)) / rate) : "ETA --:--";
        line = fmt::format("[{}{}] {:3}% {} / {}  {}/s  {}", std::string(filled, '#'), std::string(bar_width - filled, '-'),
                           static_cast<int>(done * 100), human_bytes(static_cast<double>(bytes)),
                           human_bytes(static_cast<double>(*total_)), human_bytes(rate), eta);
    } else {
        line = fmt::format("{}  {}/s{}", human_bytes(static_cast<double>(bytes)), human_bytes(rate), final ? "  done" : "");
    }
    // Carriage return, the line, then erase what a longer earlier line left to its right.
    fmt::print(out_, "\r{}\x1b[K", line);
    std::fflush(out_);
    drawn_ = true;
}

void Progress::resumed(std::size_t at, int n, int max) {
    if (terminal_) draw(at, false);  // the bar where the connection was lost, then the notice below it
    abandon();
    fmt::print(out_, "azrest: connection lost at byte {}, resuming ({} of {})\n", at, n, max);
    std::fflush(out_);
}

void Progress::finish(std::size_t bytes) {
    if (terminal_) {
        draw(bytes, true);
        abandon();
    } else {
        print_steps(bytes);
    }
}

void Progress::abandon() {
    if (!drawn_) return;
    fmt::print(out_, "\n");
    std::fflush(out_);
    drawn_ = false;
}

}  // namespace azrest
