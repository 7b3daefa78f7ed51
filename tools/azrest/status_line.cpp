#include "status_line.hpp"

#include <cstdio>
#include <unistd.h>

namespace azrest {

StatusLine::StatusLine() : enabled_(isatty(STDERR_FILENO) != 0) {}

StatusLine::~StatusLine() { clear(); }

void StatusLine::show(const std::string& text) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r\x1b[2K%s", text.c_str());
    std::fflush(stderr);
    shown_ = true;
}

void StatusLine::clear() {
    if (!shown_) return;
    std::fputs("\r\x1b[2K", stderr);
    std::fflush(stderr);
    shown_ = false;
}

}  // namespace azrest
