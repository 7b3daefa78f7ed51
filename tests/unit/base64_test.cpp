// Base64 and base64url: the RFC 4648 vectors (each expected string is Python's b64encode /
// urlsafe_b64encode output, padding stripped for base64url), round trips, and every refusal
// with its message.
#include <azcore/serialization.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace azcore::serialization {
namespace {

struct Row {
    Bytes data;
    const char* base64;
    const char* base64url;
};

std::vector<Row> rows() {
    return {
        {to_bytes(""), "", ""},
        {to_bytes("f"), "Zg==", "Zg"},
        {to_bytes("fo"), "Zm8=", "Zm8"},
        {to_bytes("foo"), "Zm9v", "Zm9v"},
        {to_bytes("foob"), "Zm9vYg==", "Zm9vYg"},
        {to_bytes("fooba"), "Zm9vYmE=", "Zm9vYmE"},
        {to_bytes("foobar"), "Zm9vYmFy", "Zm9vYmFy"},
        {Bytes{0xfb, 0xff}, "+/8=", "-_8"},
        {Bytes{0xfb, 0xef, 0xbe}, "++++", "----"},
        {Bytes{0, 1, 2, 3, 4, 5, 6}, "AAECAwQFBg==", "AAECAwQFBg"},
    };
}

TEST(Base64Test, EncodesAsPythonDoes) {
    for (const Row& row : rows()) {
        EXPECT_EQ(encode_base64(row.data), row.base64);
        EXPECT_EQ(encode_base64url(row.data), row.base64url);
    }
}

TEST(Base64Test, DecodesWhatItEncodes) {
    for (const Row& row : rows()) {
        EXPECT_EQ(decode_base64(row.base64), row.data) << row.base64;
        EXPECT_EQ(decode_base64url(row.base64url), row.data) << row.base64url;
        // base64url read with its padding too (some services send it).
        EXPECT_EQ(decode_base64url(encode_base64url(row.data) + std::string((4 - std::string(row.base64url).size() % 4) % 4, '=')),
                  row.data);
    }
    Bytes all(256);
    for (int i = 0; i < 256; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    EXPECT_EQ(decode_base64(encode_base64(all)), all);
    EXPECT_EQ(decode_base64url(encode_base64url(all)), all);
}

std::string refusal(Bytes (*decode)(std::string_view), std::string_view text) {
    try {
        decode(text);
    } catch (const exceptions::DeserializationError& error) {
        return error.what();
    }
    return "accepted";
}

TEST(Base64Test, RefusesWhatIsNotBase64WithTheReason) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"Zg=", "Cannot deserialize base64: length 3 is not a multiple of 4"},
        {"Zm9", "Cannot deserialize base64: length 3 is not a multiple of 4"},
        {"Z===", "Cannot deserialize base64: more than two '=' of padding at position 1"},
        {"Zg==Zg==", "Cannot deserialize base64: '=' before the end at position 2"},
        {"Zm9v-_8=", "Cannot deserialize base64: character 45 at position 4 is not in the alphabet"},
        {"Zm 9vA==", "Cannot deserialize base64: character 32 at position 2 is not in the alphabet"},
        {std::string("Zm9v\0AAA", 8), "Cannot deserialize base64: character 0 at position 4 is not in the alphabet"},
    };
    for (const auto& [text, message] : cases) EXPECT_EQ(refusal(decode_base64, text), message) << text;
}

TEST(Base64Test, RefusesWhatIsNotBase64UrlWithTheReason) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"+/8", "Cannot deserialize base64url: character 43 at position 0 is not in the alphabet"},
        {"-_/8", "Cannot deserialize base64url: character 47 at position 2 is not in the alphabet"},
        {"Zm9vY", "Cannot deserialize base64url: length 5 cannot be base64url"},
        {"Zg=", "Cannot deserialize base64url: length 3 is not a multiple of 4"},
        {"Zm9v.A", "Cannot deserialize base64url: character 46 at position 4 is not in the alphabet"},
    };
    for (const auto& [text, message] : cases) EXPECT_EQ(refusal(decode_base64url, text), message) << text;
}

TEST(Base64Test, ErrorsAreDeserializationErrorsThatHoldNoInput) {
    const std::string secret = "c2VjcmV0LWtleQ=!";
    const std::string message = refusal(decode_base64, secret);
    EXPECT_EQ(message.find("c2Vj"), std::string::npos) << message;
    EXPECT_THROW(decode_base64("!!!!"), std::invalid_argument);
}

}  // namespace
}  // namespace azcore::serialization
