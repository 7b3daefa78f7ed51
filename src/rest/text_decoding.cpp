#include "rest/text_decoding.hpp"

#include "rest/charset_converter.hpp"

#include <azcore/utils/string_utils.hpp>

#include <stdexcept>

namespace azcore::rest::detail {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

enum class Codec { Utf8, Ascii, Latin1 };

std::optional<Codec> codec_of(std::string_view encoding) {
    std::string name = utils::to_lower(encoding);
    if (name == "utf-8" || name == "utf8" || name == "utf-8-sig" || name == "utf_8") return Codec::Utf8;
    if (name == "ascii" || name == "us-ascii") return Codec::Ascii;
    if (name == "latin-1" || name == "latin1" || name == "iso-8859-1" || name == "iso8859-1") return Codec::Latin1;
    return std::nullopt;
}

void append_code_point(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The UTF-8 sequence at i (non-ASCII lead), by Unicode's table of well-formed sequences (no
// overlong forms, surrogates or code points above U+10FFFF): its length when well-formed, else the
// length of its maximal ill-formed subpart (at least 1), which one U+FFFD replaces, as in Python's
// "replace" decoder.
struct Sequence {
    std::size_t length;
    bool valid;
};

Sequence scan_sequence(BytesView s, std::size_t i) {
    const std::uint8_t b = s[i];
    std::size_t n = 0;
    std::uint8_t low = 0x80, high = 0xBF;  // the second byte's range
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) low = 0xA0;
        if (b == 0xED) high = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) low = 0x90;
        if (b == 0xF4) high = 0x8F;
    } else {
        return {1, false};
    }
    std::size_t k = 1;
    if (i + k < s.size() && s[i + k] >= low && s[i + k] <= high) {
        ++k;
        while (k < n && i + k < s.size() && (s[i + k] & 0xC0) == 0x80) ++k;
    }
    return {k, k == n};
}

std::string utf8_replacing(BytesView body) {
    std::string out;
    out.reserve(body.size());
    const auto* bytes = reinterpret_cast<const char*>(body.data());
    std::size_t valid_from = 0;  // start of the valid run not copied yet
    for (std::size_t i = 0; i < body.size();) {
        if (body[i] < 0x80) {
            ++i;
            continue;
        }
        const auto [length, valid] = scan_sequence(body, i);
        i += length;
        if (valid) continue;
        out.append(bytes + valid_from, i - length - valid_from);
        append_code_point(out, 0xFFFD);
        valid_from = i;
    }
    out.append(bytes + valid_from, body.size() - valid_from);
    return out;
}

}  // namespace

std::optional<std::string> content_type_param(std::string_view content_type, std::string_view wanted) {
    std::size_t pos = 0;
    while ((pos = content_type.find(';', pos)) != std::string_view::npos) {
        ++pos;
        std::size_t end = content_type.find(';', pos);
        std::string_view param = content_type.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        std::size_t eq = param.find('=');
        if (eq == std::string_view::npos) continue;
        if (!utils::iequals(trim(param.substr(0, eq)), wanted)) continue;
        std::string_view value = trim(param.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        return std::string(value);
    }
    return std::nullopt;
}

std::string media_type_of(std::string_view content_type) {
    return utils::to_lower(trim(content_type.substr(0, content_type.find(';'))));
}

std::optional<std::string> charset_of(std::string_view content_type) {
    auto charset = content_type_param(content_type, "charset");
    if (charset) return utils::to_lower(*charset);
    return std::nullopt;
}

bool is_valid_utf8(std::string_view text) {
    const BytesView bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    for (std::size_t i = 0; i < bytes.size();) {
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        const auto [length, valid] = scan_sequence(bytes, i);
        if (!valid) return false;
        i += length;
    }
    return true;
}

bool is_known_encoding(std::string_view encoding) {
    return codec_of(encoding).has_value() || iconv_name_of(encoding).has_value();
}

bool keeps_valid_utf8(const std::optional<std::string>& encoding) {
    return !encoding || codec_of(*encoding) == Codec::Utf8;
}

std::string decode_text(BytesView body, const std::optional<std::string>& encoding) {
    if (!encoding) {
        if (body.size() >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) body = body.subspan(3);
        return utf8_replacing(body);
    }
    if (body.empty()) return {};  // Python's decode_to_text, before it looks the encoding up
    const auto codec = codec_of(*encoding);
    if (!codec) {
        const auto iconv_name = iconv_name_of(*encoding);
        if (!iconv_name) throw std::invalid_argument("encoding: unknown text encoding '" + *encoding + "'");
        return iconv_to_utf8(body, *iconv_name, *encoding);
    }
    switch (*codec) {
        case Codec::Latin1: {
            std::string out;
            out.reserve(body.size());
            for (std::uint8_t b : body) append_code_point(out, b);
            return out;
        }
        case Codec::Ascii:
            for (std::size_t i = 0; i < body.size(); ++i)
                if (body[i] >= 0x80) throw TextDecodeError(*encoding, body, i, "ordinal not in range(128)");
            return std::string(reinterpret_cast<const char*>(body.data()), body.size());
        case Codec::Utf8:
            if (body.size() >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF) body = body.subspan(3);
            for (std::size_t i = 0; i < body.size();) {
                if (body[i] < 0x80) {
                    ++i;
                    continue;
                }
                const auto [length, valid] = scan_sequence(body, i);
                if (!valid) {
                    // A valid lead whose sequence runs into the end of the body was cut short.
                    const bool truncated = i + length == body.size() && body[i] >= 0xC2 && body[i] <= 0xF4;
                    throw TextDecodeError(*encoding, body, i, truncated ? "unexpected end of data" : "invalid byte sequence");
                }
                i += length;
            }
            return std::string(reinterpret_cast<const char*>(body.data()), body.size());
    }
    return {};
}

}  // namespace azcore::rest::detail
