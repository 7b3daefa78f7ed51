#include "rest/charset_converter.hpp"

#include <azcore/utils/string_utils.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <type_traits>

#include <iconv.h>

namespace azcore::rest::detail {
namespace {

struct IconvCloser {
    void operator()(iconv_t cd) const noexcept { iconv_close(cd); }
};
using Iconv = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

Iconv open_to_utf8(const std::string& name) {
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
    return Iconv(cd);
}

bool is_plain_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.' || c == ':';
    });
}

std::string without(std::string_view text, std::string_view drop) {
    std::string out;
    for (char c : text)
        if (drop.find(c) == std::string_view::npos) out.push_back(c);
    return out;
}

}  // namespace

TextDecodeError::TextDecodeError(std::string_view encoding, BytesView body, std::size_t position, std::string_view reason)
    : std::runtime_error([&] {
          char byte[8] = {};
          std::snprintf(byte, sizeof byte, "0x%02x", position < body.size() ? body[position] : 0u);
          return "'" + std::string(encoding) + "' codec can't decode byte " + byte + " in position " +
                 std::to_string(position) + ": " + std::string(reason);
      }()) {}

std::optional<std::string> iconv_name_of(std::string_view encoding) {
    if (!is_plain_name(encoding)) return std::nullopt;
    std::string dashed(encoding);
    std::replace(dashed.begin(), dashed.end(), '_', '-');
    for (const std::string& name : {std::string(encoding), dashed, without(encoding, "-_")}) {
        if (!name.empty() && open_to_utf8(name)) return name;
    }
    return std::nullopt;
}

std::string iconv_to_utf8(BytesView body, const std::string& iconv_name, std::string_view encoding) {
    // Python's utf-16 / utf-32 read a BOM and are little-endian without one; iconv's are big-endian.
    std::string name = iconv_name;
    const std::string plain = utils::to_lower(without(iconv_name, "-_"));
    if (plain == "utf16" || plain == "utf32") {
        const bool wide = plain == "utf32";
        const auto starts = [&](std::initializer_list<std::uint8_t> bom) {
            return body.size() >= bom.size() && std::equal(bom.begin(), bom.end(), body.begin());
        };
        const bool le = wide ? starts({0xFF, 0xFE, 0x00, 0x00}) : starts({0xFF, 0xFE});
        const bool be = wide ? starts({0x00, 0x00, 0xFE, 0xFF}) : starts({0xFE, 0xFF});
        if (le || be) body = body.subspan(wide ? 4 : 2);
        name = std::string(wide ? "UTF-32" : "UTF-16") + (be ? "BE" : "LE");
    }
    Iconv cd = open_to_utf8(name);
    if (!cd) throw std::invalid_argument("encoding: unknown text encoding '" + std::string(encoding) + "'");
    std::string out(body.size() * 2 + 16, '\0');
    // iconv's input is char* though it does not write to it.
    char* in = const_cast<char*>(reinterpret_cast<const char*>(body.data()));
    std::size_t in_left = body.size();
    std::size_t written = 0;
    while (in_left > 0) {
        char* out_at = out.data() + written;
        std::size_t out_left = out.size() - written;
        const std::size_t result = iconv(cd.get(), &in, &in_left, &out_at, &out_left);
        written = static_cast<std::size_t>(out_at - out.data());
        if (result != static_cast<std::size_t>(-1)) break;
        const int error = errno;
        if (error == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        const auto position = body.size() - in_left;
        throw TextDecodeError(encoding, body, position,
                              error == EINVAL ? "incomplete multibyte sequence" : "illegal multibyte sequence");
    }
    // Flush a stateful encoding's final shift sequence.
    for (;;) {
        char* out_at = out.data() + written;
        std::size_t out_left = out.size() - written;
        const std::size_t result = iconv(cd.get(), nullptr, nullptr, &out_at, &out_left);
        written = static_cast<std::size_t>(out_at - out.data());
        if (result != static_cast<std::size_t>(-1)) break;
        if (errno != E2BIG) break;
        out.resize(out.size() * 2 + 16);
    }
    out.resize(written);
    return out;
}

}  // namespace azcore::rest::detail
