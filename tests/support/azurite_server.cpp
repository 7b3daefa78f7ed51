#include "support/azurite_server.hpp"

#include <azcore/testserver/test_server.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

namespace azcore::test {

namespace {

const char* bin_of(AzuriteService service) { return service == AzuriteService::Table ? "azurite-table" : "azurite-blob"; }

}  // namespace

std::optional<std::string> AzuriteServer::missing(AzuriteService service) { return peer_missing(bin_of(service)); }

AzuriteServer& AzuriteServer::shared() { return shared_peer<AzuriteServer>(); }

AzuriteTableServer& AzuriteTableServer::shared() { return shared_peer<AzuriteTableServer>(); }

AzuriteServer::AzuriteServer(AzuriteServerOptions options) : options_(options) {
    if (auto why = missing(options_.service)) throw std::runtime_error(*why);
    std::string key_file;
    if (options_.https) {
        auto certificate = testserver::make_self_signed_certificate(dir_.path().string());
        cert_file_ = certificate.cert_file;
        key_file = certificate.key_file;
    }
    if (options_.debug_log) debug_log_file_ = dir_.file("debug.log");
    peer_ = start_peer(PeerLaunch{
        .name = options_.service == AzuriteService::Table ? "Azurite (Table)" : "Azurite",
        .argv =
            [&](std::uint16_t port) {
                const bool table = options_.service == AzuriteService::Table;
                std::vector<std::string> argv{peers_dir() + "/node_modules/.bin/" + bin_of(options_.service),
                                              table ? "--tableHost" : "--blobHost", "127.0.0.1",
                                              table ? "--tablePort" : "--blobPort", std::to_string(port),
                                              // Never --location with --inMemoryPersistence.
                                              "--inMemoryPersistence",
                                              // Otherwise it reaches out to the internet.
                                              "--disableTelemetry",
                                              // Accept any x-ms-version a client sends.
                                              "--skipApiVersionCheck", "--silent"};
                // Table has no extent store to bound.
                if (!table) {
                    argv.push_back("--extentMemoryLimit");
                    argv.push_back("256");
                }
                if (options_.https) {
                    for (const auto& arg : {std::string("--oauth"), std::string("basic"), std::string("--cert"),
                                            cert_file_, std::string("--key"), key_file})
                        argv.push_back(arg);
                }
                if (options_.debug_log) {
                    argv.push_back("--debug");
                    argv.push_back(debug_log_file_);
                }
                return argv;
            },
        .working_directory = dir_.path().string(),
        .log_file = dir_.file("azurite.log"),
        // A TLS listener does not answer plain HTTP: accepting connections means ready.
        .ready = options_.https ? std::function<bool(std::uint16_t)>(accepts_tcp)
                                : std::function<bool(std::uint16_t)>(answers_http),
    });
}

std::string AzuriteServer::base_url() const {
    return (options_.https ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(peer_.port);
}

}  // namespace azcore::test
