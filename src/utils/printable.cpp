#include "utils/printable.hpp"

namespace azcore::utils::detail {

void append_printable(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7F) {
            out.push_back(c);
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\t') {
            out.append("\\t");
        } else {
            out.append("\\x").push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 0xF]);
        }
    }
}

}  // namespace azcore::utils::detail
