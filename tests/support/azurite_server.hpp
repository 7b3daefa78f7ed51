#pragma once
// AzuriteServer: the Azure Storage emulator (npm azurite, installed in tests/peers by
// scripts/setup.sh), its Blob service (azurite-blob) or its Table service (azurite-table), in memory,
// on 127.0.0.1 and a free port for the duration of a test. Path-style URLs:
// `<base_url>/devstoreaccount1/<container>/<blob>`, `<base_url>/devstoreaccount1/<table>`.
#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::test {

/// Which of Azurite's services a server runs.
enum class AzuriteService { Blob, Table };

struct AzuriteServerOptions {
    AzuriteService service = AzuriteService::Blob;
    /// HTTPS with a self-signed certificate (cert_file()) and `--oauth basic`: Azurite accepts
    /// bearer tokens only over https.
    bool https = false;
    /// `--debug <file>`: Azurite logs every request with the string-to-sign it computed
    /// (debug_log_file()), the fastest way to find a signing bug.
    bool debug_log = false;
};

class AzuriteServer {
public:
    /// The emulator's account and its public, documented development key.
    static constexpr std::string_view account_name = "devstoreaccount1";
    static constexpr std::string_view account_key =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// Why Azurite's `service` cannot be started (not installed), or nothing: for GTEST_SKIP.
    static std::optional<std::string> missing(AzuriteService service = AzuriteService::Blob);
    /// One plain-http server per test binary, started on first use and stopped at exit; a failed
    /// start is reported again, without a new attempt, to every later caller.
    static AzuriteServer& shared();

    /// Starts azurite-blob (or azurite-table) and waits until it answers (at most 60 s). Throws std::runtime_error
    /// with its output when it cannot.
    explicit AzuriteServer(AzuriteServerOptions options = {});
    AzuriteServer(const AzuriteServer&) = delete;
    AzuriteServer& operator=(const AzuriteServer&) = delete;

    /// `http://127.0.0.1:P` (or https).
    std::string base_url() const;
    /// base_url() + "/devstoreaccount1".
    std::string account_url() const { return base_url() + "/" + std::string(account_name); }
    std::uint16_t port() const { return peer_.port; }
    /// The self-signed certificate (SAN IP:127.0.0.1, DNS:localhost) served with https, usable as
    /// its own CA (connection_verify); empty for http.
    const std::string& cert_file() const { return cert_file_; }
    /// Azurite's debug log (AzuriteServerOptions::debug_log); empty when not asked for.
    const std::string& debug_log_file() const { return debug_log_file_; }
    /// How long it took from start to the first answer.
    std::chrono::milliseconds startup_time() const { return peer_.startup_time; }
    /// The server's resident set size now.
    std::size_t rss_bytes() const { return peer_.process->rss_bytes(); }

private:
    AzuriteServerOptions options_;
    TempDir dir_;
    std::string cert_file_;
    std::string debug_log_file_;
    StartedPeer peer_;
};

/// AzuriteServer running the Table service, one plain-http server per test binary (shared()).
class AzuriteTableServer : public AzuriteServer {
public:
    AzuriteTableServer() : AzuriteServer({.service = AzuriteService::Table}) {}
    static std::optional<std::string> missing() { return AzuriteServer::missing(AzuriteService::Table); }
    /// Started on first use and stopped at exit, as AzuriteServer::shared().
    static AzuriteTableServer& shared();
};

}  // namespace azcore::test
