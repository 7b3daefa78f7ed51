// azcore-testserver: runs the test server until SIGTERM or SIGINT.
//   azcore-testserver [--port N] [--tls CERT KEY] [--client-ca FILE] [--threads N]
// The first line on stdout is "port N".

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "azcore/testserver/stop_signals.hpp"
#include "azcore/testserver/test_server.hpp"

namespace {

[[noreturn]] void usage(const char* problem) {
    std::cerr << "azcore-testserver: " << problem << "\n"
              << "usage: azcore-testserver [--port N] [--tls CERT KEY] [--client-ca FILE] [--threads N]\n";
    std::exit(2);
}

int to_int(const char* text, int low, int high) {
    char* end = nullptr;
    long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < low || value > high) usage("bad number");
    return static_cast<int>(value);
}

azcore::testserver::TestServerOptions parse(int argc, char** argv) {
    azcore::testserver::TestServerOptions options;
    std::string client_ca;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto need = [&](int n) {
            if (i + n >= argc) usage("missing value");
        };
        if (arg == "--port") {
            need(1);
            options.port = static_cast<std::uint16_t>(to_int(argv[++i], 0, 65535));
        } else if (arg == "--tls") {
            need(2);
            options.tls = azcore::testserver::TlsFiles{argv[i + 1], argv[i + 2]};
            i += 2;
        } else if (arg == "--client-ca") {
            need(1);
            client_ca = argv[++i];
        } else if (arg == "--threads") {
            need(1);
            options.threads = to_int(argv[++i], 1, 64);
        } else {
            usage("unknown argument");
        }
    }
    if (!client_ca.empty()) {
        if (!options.tls) usage("--client-ca needs --tls");
        options.tls->client_ca_file = client_ca;
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    auto options = parse(argc, argv);
    options.record_requests = false;  // nothing here could read them

    azcore::testserver::StopSignals stop;  // before the server: its threads inherit the mask
    try {
        azcore::testserver::TestServer server(std::move(options));
        std::printf("port %u\n", static_cast<unsigned>(server.port()));
        std::fflush(stdout);
        stop.wait();
    } catch (const std::exception& e) {
        std::cerr << "azcore-testserver: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
