#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "azcore/testserver/test_server.hpp"

namespace azcore::testserver {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("certificate generation failed: ") + what);
}

KeyPtr make_key() {
    KeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "EVP_EC_gen");
    return key;
}

void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
    check(ext != nullptr, value);
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(ok == 1, "X509_add_ext");
}

/// A certificate for key with common name cn, signed by issuer_key (self-signed when issuer is null).
CertPtr make_certificate(const char* cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
                         const std::vector<std::pair<int, const char*>>& extensions) {
    CertPtr cert(X509_new());
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");

    unsigned char serial_bytes[16];
    check(RAND_bytes(serial_bytes, sizeof serial_bytes) == 1, "RAND_bytes");
    serial_bytes[0] &= 0x7F;  // positive
    BnPtr serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
    check(serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr, "serial");

    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365);
    check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");

    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("azcore tests"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509* signer = issuer != nullptr ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, signer, cert.get(), nullptr, nullptr, 0);
    add_extension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    for (const auto& [nid, value] : extensions) add_extension(cert.get(), &ctx, nid, value);
    add_extension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");

    check(X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

BioPtr open_for_writing(const std::string& path) {
    BioPtr bio(BIO_new_file(path.c_str(), "w"));
    check(bio != nullptr, path.c_str());
    return bio;
}

void write_certificate(const std::string& path, X509* cert) {
    auto bio = open_for_writing(path);
    check(PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
}

void write_key(const std::string& path, EVP_PKEY* key) {
    auto bio = open_for_writing(path);
    check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
    bio.reset();
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

std::string in_directory(const std::string& directory, const char* file) {
    std::filesystem::create_directories(directory);
    return (std::filesystem::path(directory) / file).string();
}

}  // namespace

CertificateFiles make_self_signed_certificate(const std::string& directory) {
    CertificateFiles files{in_directory(directory, "server-cert.pem"), in_directory(directory, "server-key.pem")};
    KeyPtr key = make_key();
    // CA:TRUE with keyCertSign lets clients trust this very certificate as their CA.
    CertPtr cert = make_certificate("localhost", key.get(), nullptr, nullptr,
                                    {{NID_basic_constraints, "critical,CA:TRUE"},
                                     {NID_key_usage, "critical,digitalSignature,keyCertSign"},
                                     {NID_ext_key_usage, "serverAuth"},
                                     {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}});
    write_certificate(files.cert_file, cert.get());
    write_key(files.key_file, key.get());
    return files;
}

ClientCertificateFiles make_client_certificate(const std::string& directory) {
    ClientCertificateFiles files{in_directory(directory, "client-ca.pem"), in_directory(directory, "client-cert.pem"),
                                 in_directory(directory, "client-key.pem")};
    KeyPtr ca_key = make_key();
    CertPtr ca = make_certificate(
        "azcore test client CA", ca_key.get(), nullptr, nullptr,
        {{NID_basic_constraints, "critical,CA:TRUE"}, {NID_key_usage, "critical,keyCertSign,cRLSign"}});
    KeyPtr key = make_key();
    CertPtr cert = make_certificate("azcore test client", key.get(), ca.get(), ca_key.get(),
                                    {{NID_basic_constraints, "critical,CA:FALSE"},
                                     {NID_key_usage, "critical,digitalSignature"},
                                     {NID_ext_key_usage, "clientAuth"}});
    write_certificate(files.ca_file, ca.get());
    write_certificate(files.cert_file, cert.get());
    write_key(files.key_file, key.get());
    return files;
}

}  // namespace azcore::testserver
