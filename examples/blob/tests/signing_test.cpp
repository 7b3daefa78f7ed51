// SharedKey's string-to-sign and the SAS signature, checked against values computed independently
// (Python's hmac/base64 over the same strings). No server.
#include "crypto.hpp"
#include "sas.hpp"
#include "shared_key_policy.hpp"

#include <azcore/rest/http_request.hpp>

#include <gtest/gtest.h>

namespace blob {
namespace {

constexpr const char* key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

TEST(BlobSigningTest, StringToSignListsTheStandardHeadersTheSortedMsHeadersAndTheCanonicalResource) {
    azcore::rest::HttpRequest request("PUT", "http://127.0.0.1:10000/devstoreaccount1/c/my%20blob?comp=block&BlockId=b%2B1&a=2&a=1",
                                      {.headers = {{"x-ms-version", "2025-01-05"},
                                                   {"X-MS-Date", "Sun, 29 Nov 2026 23:59:00 GMT"},
                                                   {"x-ms-meta-Name", "  padded  "},
                                                   {"Content-Type", "text/plain"},
                                                   {"If-Match", "\"0x1\""}},
                                       .content = std::string("hello")});

    EXPECT_EQ(SharedKeyCredentialPolicy::string_to_sign(request, "devstoreaccount1"),
              "PUT\n\n\n5\n\ntext/plain\n\n\n\"0x1\"\n\n\n\n"
              "x-ms-date:Sun, 29 Nov 2026 23:59:00 GMT\nx-ms-meta-name:padded\nx-ms-version:2025-01-05\n"
              "/devstoreaccount1/devstoreaccount1/c/my%20blob\na:1,2\nblockid:b+1\ncomp:block");
}

TEST(BlobSigningTest, AZeroContentLengthIsSignedAsEmpty) {
    azcore::rest::HttpRequest request("PUT", "http://h/devstoreaccount1/c", {.headers = {{"Content-Length", "0"}}});
    EXPECT_EQ(SharedKeyCredentialPolicy::string_to_sign(request, "acc"), "PUT\n\n\n\n\n\n\n\n\n\n\n\n/acc/devstoreaccount1/c");
}

TEST(BlobSigningTest, TheSignatureIsBase64HmacSha256WithTheDecodedKey) {
    const std::string string_to_sign =
        "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 29 Nov 2026 23:59:00 GMT\nx-ms-version:2025-01-05\n"
        "/devstoreaccount1/devstoreaccount1/c\ncomp:list\nrestype:container";
    EXPECT_EQ(sign_hmac_sha256(base64_decode(key), string_to_sign), "POBDFC8Ddd7YtAFTOhBnx3oBIeqyhg0ZLZUhOVlZWRM=");
}

TEST(BlobSigningTest, Base64RoundTripsAndABadKeyIsRejectedWithoutEchoingIt) {
    for (const std::string bytes : {"", "a", "ab", "abc", "abcd"}) EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
    EXPECT_EQ(base64_encode("ab"), "YWI=");
    try {
        base64_decode("not*base64!");
        ADD_FAILURE() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_EQ(std::string(error.what()).find("not*base64"), std::string::npos) << error.what();
    }
}

TEST(BlobSigningTest, AccountSasCarriesItsFieldsAndTheSignatureOfThem) {
    const auto expiry = std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} + std::chrono::hours(12);
    const auto sas = generate_account_sas("devstoreaccount1", key, {.permissions = "rwdlac", .expiry = expiry});
    // sig = base64(HMAC-SHA256(key, "devstoreaccount1\nrwdlac\nb\nsco\n\n2026-12-31T12:00:00Z\n\nhttps,http\n2025-01-05\n\n"))
    EXPECT_EQ(sas, "ss=b&srt=sco&sp=rwdlac&se=2026-12-31T12%3A00%3A00Z&spr=https%2Chttp&sv=2025-01-05&sig=" +
                       std::string("eDhZ9zh4PWpsBrCf2bA%2FKN63vT9xqtlP14DU6j%2F1y7I%3D"));
}

}  // namespace
}  // namespace blob
