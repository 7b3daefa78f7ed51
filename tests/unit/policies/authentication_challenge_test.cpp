// The WWW-Authenticate parser: a table of headers and what they parse to; malformed ones never crash.
#include <azcore/policies/authentication_challenge.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace azcore::policies {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Expected {
    std::string scheme{};
    Params parameters{};
    std::string token68{};
};

struct Row {
    const char* name;
    std::string header;
    std::vector<Expected> challenges;
};

constexpr const char* cae_claims =
    "eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwidmFsdWUiOiIxNzI2MDc3NTk1In0sInhtc19jYWVlcnJvciI6eyJ2YWx1ZSI6IjEwMDEyIn19fQ==";

std::vector<Row> rows() {
    return {
        {"Empty", "", {}},
        {"OnlySeparators", " , ,\t", {}},
        {"SchemeAlone", "Bearer", {{"Bearer"}}},
        {"QuotedParameters",
         R"(Bearer authorization_uri="https://login.microsoftonline.com/tenant-id", resource="https://vault.azure.net")",
         {{"Bearer", {{"authorization_uri", "https://login.microsoftonline.com/tenant-id"}, {"resource", "https://vault.azure.net"}}}}},
        {"CaeChallenge",
         std::string(R"(Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims=")") +
             cae_claims + "\"",
         {{"Bearer",
           {{"realm", ""},
            {"authorization_uri", "https://login.microsoftonline.com/common/oauth2/authorize"},
            {"error", "insufficient_claims"},
            {"claims", cae_claims}}}}},
        {"UnquotedValues", "Bearer error=invalid_token, claims=eyJhIjoxfQ==, scope=https://x/.default",
         {{"Bearer", {{"error", "invalid_token"}, {"claims", "eyJhIjoxfQ=="}, {"scope", "https://x/.default"}}}}},
        {"SpacesAroundEquals", "Bearer realm = \"r\" , error= \"e\"", {{"Bearer", {{"realm", "r"}, {"error", "e"}}}}},
        {"EscapedQuotes", R"(Bearer realm="a \"quoted\" realm", error="back\\slash")",
         {{"Bearer", {{"realm", "a \"quoted\" realm"}, {"error", "back\\slash"}}}}},
        {"CommaInsideQuotes", R"(Digest realm="x", qop="auth,auth-int", nonce="n")",
         {{"Digest", {{"realm", "x"}, {"qop", "auth,auth-int"}, {"nonce", "n"}}}}},
        {"TwoChallengesWithComma",
         std::string(R"(Digest realm="foo@test.com", qop="auth,auth-int", nonce="123456abcdefg", opaque="123456", Bearer realm="", error="insufficient_claims", claims=")") +
             cae_claims + "\"",
         {{"Digest", {{"realm", "foo@test.com"}, {"qop", "auth,auth-int"}, {"nonce", "123456abcdefg"}, {"opaque", "123456"}}},
          {"Bearer", {{"realm", ""}, {"error", "insufficient_claims"}, {"claims", cae_claims}}}}},
        {"TwoChallengesWithSpaceOnly",  // as in Python's test_get_multi_challenge_parameter
         R"(Bearer authorization_uri="https://a", resource="https://v" Bearer authorization_uri="https://b", resource="https://w")",
         {{"Bearer", {{"authorization_uri", "https://a"}, {"resource", "https://v"}}},
          {"Bearer", {{"authorization_uri", "https://b"}, {"resource", "https://w"}}}}},
        {"SchemesWithoutParameters", "Basic, Bearer", {{"Basic"}, {"Bearer"}}},
        {"BasicThenBearer", R"(Basic realm="azcore-test", Bearer realm="", error="insufficient_claims")",
         {{"Basic", {{"realm", "azcore-test"}}}, {"Bearer", {{"realm", ""}, {"error", "insufficient_claims"}}}}},
        {"Token68", "Negotiate YIIBhgYGKwYBBQUCoII=", {{"Negotiate", {}, "YIIBhgYGKwYBBQUCoII="}}},
        {"Token68WithSlashAndPadding", "Negotiate ab/cd+e==, Bearer realm=\"r\"",
         {{"Negotiate", {}, "ab/cd+e=="}, {"Bearer", {{"realm", "r"}}}}},
        {"Token68WithoutPadding", "Negotiate abc, Basic", {{"Negotiate", {}, "abc"}, {"Basic"}}},
        {"SchemeCaseKept", R"(bEaReR Error="e")", {{"bEaReR", {{"Error", "e"}}}}},
        {"SeveralHeaderLinesJoined", R"(Basic realm="a", Bearer error="insufficient_claims", claims="e30")",
         {{"Basic", {{"realm", "a"}}}, {"Bearer", {{"error", "insufficient_claims"}, {"claims", "e30"}}}}},
        // Malformed: skipped or taken as far as it goes, never a crash.
        {"ParameterBeforeAnyScheme", R"(realm="x", Bearer error="e")", {{"Bearer", {{"error", "e"}}}}},
        {"UnterminatedQuote", R"(Bearer realm="never closed, error="e)", {{"Bearer", {{"realm", "never closed, error="}}}, {"e"}}},
        {"QuoteNeverClosed", R"(Bearer realm="abc, error=e)", {{"Bearer", {{"realm", "abc, error=e"}}}}},
        {"StrayQuote", R"("junk" Bearer error="e")", {{"Bearer", {{"error", "e"}}}}},
        {"StrayCharacters", R"(Bearer (comment) error="e" ; ;)", {{"Bearer"}, {"comment", {{"error", "e"}}}}},
        {"TrailingBackslash", "Bearer realm=\"abc\\", {{"Bearer", {{"realm", "abc\\"}}}}},
        {"EqualsOnly", "= = =", {}},
        {"EmptyValueAtEnd", R"(Bearer a="1", b=)", {{"Bearer", {{"a", "1"}, {"b", ""}}}}},
    };
}

class WwwAuthenticateTable : public ::testing::TestWithParam<Row> {};

TEST_P(WwwAuthenticateTable, ParsesToTheExpectedChallenges) {
    const Row& row = GetParam();
    const auto parsed = parse_www_authenticate(row.header);
    ASSERT_EQ(parsed.size(), row.challenges.size()) << row.header;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        EXPECT_EQ(parsed[i].scheme, row.challenges[i].scheme) << row.header;
        EXPECT_EQ(parsed[i].parameters, row.challenges[i].parameters) << row.header;
        EXPECT_EQ(parsed[i].token68, row.challenges[i].token68) << row.header;
    }
}

INSTANTIATE_TEST_SUITE_P(Headers, WwwAuthenticateTable, ::testing::ValuesIn(rows()),
                         [](const ::testing::TestParamInfo<Row>& info) { return std::string(info.param.name); });

TEST(GetChallengeParameter, FindsTheParameterOfTheFirstMatchingSchemeIgnoringCase) {
    CaseInsensitiveDict headers{{"WWW-Authenticate", R"(Digest realm="d", Bearer realm="", error="insufficient_claims")"},
                                {"www-authenticate", R"(Bearer claims="e30=", resource="https://v")"}};
    EXPECT_EQ(get_challenge_parameter(headers, "Bearer", "error"), "insufficient_claims");
    EXPECT_EQ(get_challenge_parameter(headers, "bearer", "CLAIMS"), "e30=");
    EXPECT_EQ(get_challenge_parameter(headers, "Bearer", "resource"), "https://v");
    EXPECT_EQ(get_challenge_parameter(headers, "Digest", "realm"), "d");
    EXPECT_EQ(get_challenge_parameter(headers, "Bearer", "foo"), std::nullopt);
    EXPECT_EQ(get_challenge_parameter(headers, "Pop", "realm"), std::nullopt);
    EXPECT_EQ(get_challenge_parameter(CaseInsensitiveDict{}, "Bearer", "error"), std::nullopt);
}

TEST(DecodeChallengeClaims, DecodesBase64UrlWithOrWithoutPadding) {
    EXPECT_EQ(decode_challenge_claims(cae_claims),
              R"({"access_token":{"nbf":{"essential":true,"value":"1726077595"},"xms_caeerror":{"value":"10012"}}})");
    EXPECT_EQ(decode_challenge_claims("eyJhIjoxfQ"), R"({"a":1})");
    EXPECT_EQ(decode_challenge_claims("eyJhIjoxfQ=="), R"({"a":1})");
    // '-' and '_' (base64url) and '+' and '/' (base64) are the same digits.
    EXPECT_EQ(decode_challenge_claims("Pj4-"), ">>>");
    EXPECT_EQ(decode_challenge_claims("Pj4+"), ">>>");
    EXPECT_EQ(decode_challenge_claims("Pz8_"), "???");
    EXPECT_EQ(decode_challenge_claims("Pz8/"), "???");
    EXPECT_EQ(decode_challenge_claims(""), "");
    EXPECT_EQ(decode_challenge_claims("w6nwn5iA"), "\xC3\xA9\xF0\x9F\x98\x80");  // é and a 4-byte emoji
}

TEST(DecodeChallengeClaims, RefusesWhatIsNotBase64OrNotUtf8) {
    EXPECT_EQ(decode_challenge_claims("not base64!"), std::nullopt);
    EXPECT_EQ(decode_challenge_claims("abcde"), std::nullopt);  // a lone 6-bit digit
    EXPECT_EQ(decode_challenge_claims("_w"), std::nullopt);     // 0xFF: not UTF-8
    EXPECT_EQ(decode_challenge_claims("7aCA"), std::nullopt);   // an encoded surrogate
}

TEST(WwwAuthenticateFuzz, RandomBytesNeverCrashOrLoop) {
    std::mt19937 random(12345);
    const std::string alphabet = "Bearer realm=\"\\,= \t abc/+-_()\x01\xff";
    for (int round = 0; round < 20000; ++round) {
        std::string header;
        const int length = static_cast<int>(random() % 64);
        for (int i = 0; i < length; ++i) header.push_back(alphabet[random() % alphabet.size()]);
        const auto challenges = parse_www_authenticate(header);
        EXPECT_LE(challenges.size(), header.size());
        (void)decode_challenge_claims(header);
    }
}

}  // namespace
}  // namespace azcore::policies
