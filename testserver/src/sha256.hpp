#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace azcore::testserver::detail {

/// Incremental SHA-256 over OpenSSL EVP.
class Sha256 {
public:
    Sha256();
    void update(std::string_view data);
    /// Lowercase hex digest; call once.
    std::string hex_digest();

private:
    struct Free {
        void operator()(evp_md_ctx_st* ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

}  // namespace azcore::testserver::detail
