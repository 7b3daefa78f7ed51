// Base64 and base64url on Beast's codec, with the strict checks Python's b64decode(validate=True) makes.
#include <azcore/serialization.hpp>

#include <boost/beast/core/detail/base64.hpp>

#include <string>

namespace azcore::serialization {
namespace {

namespace codec = boost::beast::detail::base64;

[[noreturn]] void refuse(std::string_view kind, const std::string& why) {
    throw exceptions::DeserializationError("Cannot deserialize " + std::string(kind) + ": " + why);
}

bool in_standard_alphabet(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/// The standard-alphabet text decoded; `kind` names the format in errors.
Bytes decode_standard(std::string_view text, std::string_view kind) {
    if (text.size() % 4 != 0)
        refuse(kind, "length " + std::to_string(text.size()) + " is not a multiple of 4");
    std::size_t data_end = text.size();
    while (data_end > 0 && text[data_end - 1] == '=') --data_end;
    if (text.size() - data_end > 2)
        refuse(kind, "more than two '=' of padding at position " + std::to_string(data_end));
    for (std::size_t i = 0; i < data_end; ++i) {
        const char c = text[i];
        if (in_standard_alphabet(c)) continue;
        if (c == '=') refuse(kind, "'=' before the end at position " + std::to_string(i));
        refuse(kind, "character " + std::to_string(static_cast<unsigned char>(c)) + " at position " + std::to_string(i) +
                         " is not in the alphabet");
    }
    Bytes out(codec::decoded_size(text.size()));
    const auto [written, read] = codec::decode(out.data(), text.data(), data_end);
    (void)read;
    out.resize(written);
    return out;
}

}  // namespace

std::string encode_base64(BytesView data) {
    std::string out(codec::encoded_size(data.size()), '\0');
    out.resize(codec::encode(out.data(), data.data(), data.size()));
    return out;
}

Bytes decode_base64(std::string_view text) { return decode_standard(text, "base64"); }

std::string encode_base64url(BytesView data) {
    std::string out = encode_base64(data);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
    }
    return out;
}

Bytes decode_base64url(std::string_view text) {
    std::string standard(text);
    for (std::size_t i = 0; i < standard.size(); ++i) {
        char& c = standard[i];
        if (c == '+' || c == '/')
            refuse("base64url", "character " + std::to_string(static_cast<unsigned char>(c)) + " at position " +
                                    std::to_string(i) + " is not in the alphabet");
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
    }
    const bool padded = standard.size() % 4 == 0 || standard.find('=') != std::string::npos;
    if (!padded) {
        if (standard.size() % 4 == 1) refuse("base64url", "length " + std::to_string(text.size()) + " cannot be base64url");
        standard.append(4 - standard.size() % 4, '=');
    }
    return decode_standard(standard, "base64url");
}

}  // namespace azcore::serialization
