#pragma once
// What the Blob service tests share: the faces, and a JWT token credential Azurite accepts (it
// checks audience, issuer and times, not the signature).
#include "blob_client.hpp"

#include "support/face_fixture.hpp"
#include "support/test_credentials.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <type_traits>

namespace blob::test {

using azcore::test::FaceFixture;
using azcore::test::FaceNames;
using azcore::test::base64url;
using Faces = ::testing::Types<Sync, Async>;

inline std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// An unsigned JWT for Storage, valid from a minute ago for `lifetime` seconds (negative: expired).
inline std::string storage_jwt(std::int64_t lifetime) {
    const auto now = unix_now();
    const boost::json::object header{{"alg", "RS256"}, {"typ", "JWT"}};
    const boost::json::object claims{{"aud", "https://storage.azure.com"},
                                     {"iss", "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/"},
                                     {"iat", now - 60},
                                     {"nbf", now - 60},
                                     {"exp", now + lifetime},
                                     {"oid", "23657296-5cd5-45b0-a809-d972a7f4dfe1"},
                                     {"tid", "ab1f708d-50f6-404c-a006-d71b2ac7a606"}};
    return base64url(boost::json::serialize(header)) + "." + base64url(boost::json::serialize(claims)) + "." +
           base64url("not checked");
}

/// A token credential issuing storage_jwt(lifetime) and recording the scopes it was asked for.
class JwtCredential : public azcore::credentials::TokenCredential {
public:
    explicit JwtCredential(std::int64_t lifetime = 3600) : lifetime_(lifetime) {}
    azcore::credentials::AccessToken get_token(const std::vector<std::string>& scopes,
                                               azcore::credentials::TokenRequestOptions = {}) const override {
        this->scopes = scopes;
        return {storage_jwt(lifetime_), unix_now() + lifetime_};
    }
    mutable std::vector<std::string> scopes;

private:
    std::int64_t lifetime_;
};

class AsyncJwtCredential : public azcore::credentials::AsyncTokenCredential {
public:
    explicit AsyncJwtCredential(std::int64_t lifetime = 3600) : lifetime_(lifetime) {}
    azcore::net::awaitable<azcore::credentials::AccessToken> get_token(std::vector<std::string> scopes,
                                                                       azcore::credentials::TokenRequestOptions = {}) const override {
        this->scopes = scopes;
        co_return azcore::credentials::AccessToken{storage_jwt(lifetime_), unix_now() + lifetime_};
    }
    mutable std::vector<std::string> scopes;

private:
    std::int64_t lifetime_;
};

template <class Face>
auto jwt_credential(std::int64_t lifetime = 3600) {
    if constexpr (std::is_same_v<Face, Sync>) return std::make_shared<JwtCredential>(lifetime);
    else return std::make_shared<AsyncJwtCredential>(lifetime);
}

}  // namespace blob::test
