#include "azcore/testserver/test_server.hpp"

#include <cstdio>

namespace azcore::testserver {

std::string generated_bytes(std::size_t n) {
    std::string out(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<char>((i * 31 + 7) % 256);
    }
    return out;
}

std::string generated_text(std::size_t n) {
    std::string out;
    out.reserve(n + 64);
    char line[64];
    for (std::size_t i = 1; out.size() < n; ++i) {
        int len = std::snprintf(line, sizeof line, "line %06zu azcore test data\n", i);
        out.append(line, static_cast<std::size_t>(len));
    }
    out.resize(n);
    return out;
}

}  // namespace azcore::testserver
