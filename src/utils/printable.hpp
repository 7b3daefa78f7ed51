#pragma once
// Text a server or a caller controls, made safe for a log line.
#include <string>
#include <string_view>

namespace azcore::utils::detail {

/// Appends text with each control byte written as \r, \n, \t or \xHH (upper-case hex), so that
/// the text cannot start or forge a log line; other bytes are kept as they are.
void append_printable(std::string& out, std::string_view text);

}  // namespace azcore::utils::detail
