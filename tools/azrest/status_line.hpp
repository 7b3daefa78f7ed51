#pragma once
// StatusLine: one line of stderr rewritten in place while azrest waits (a terminal only).
#include <string>

namespace azrest {

/// On a terminal, show() redraws the line ("\r", erase line, text) and clear() erases it, leaving
/// the cursor at the start of an empty line; when stderr is not a terminal both do nothing.
class StatusLine {
public:
    /// Enabled when stderr is a terminal.
    StatusLine();
    ~StatusLine();
    StatusLine(const StatusLine&) = delete;
    StatusLine& operator=(const StatusLine&) = delete;
    bool enabled() const { return enabled_; }
    void show(const std::string& text);
    void clear();

private:
    bool enabled_;
    bool shown_ = false;
};

}  // namespace azrest
