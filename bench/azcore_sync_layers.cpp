// azcore_sync_layers: P1's request through fewer layers, to count (under cachegrind or callgrind)
// what each layer and each default policy adds. N sequential GETs, each body read, through:
//   --through transport  BeastTransport::send alone (the URL check, the exchange, the body)
//   --through empty      a PipelineClient whose policy list is empty
//   --through default    the default policy list (as azcore_sync_seq)
//   --through drop       the default list less the policy at --drop K (its name goes to stderr)
//   azcore_sync_layers --url URL [--n 2000] [--through transport|empty|default|drop] [--drop K]
#include <azcore/configuration.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/beast_transport.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

#include "bench_util.hpp"

int main(int argc, char** argv) {
    azcore::bench::Args args(argc, argv,
                             "azcore_sync_layers --url URL [--n 2000] [--through transport|empty|default|drop] [--drop K]");
    const std::string url = args.text("url");
    const std::uint64_t n = args.number("n", 2000);
    const std::string through = args.text("through", "default");
    auto transport = std::make_shared<azcore::transport::BeastTransport>();
    azcore::PipelineClientOptions options{.transport = transport};
    if (through == "empty") {
        options.policies = std::vector<std::shared_ptr<azcore::pipeline::HTTPPolicy>>{};
    } else if (through == "drop") {
        auto list = azcore::build_policies(azcore::default_configuration(), azcore::PipelineClientOptions{});
        const std::uint64_t drop = args.number("drop", 0);
        if (drop >= list.size()) {
            std::fprintf(stderr, "azcore_sync_layers: --drop must be below %zu\n", list.size());
            return 2;
        }
        const azcore::pipeline::HTTPPolicy& dropped = *list[drop];
        std::fprintf(stderr, "azcore_sync_layers: the default list less %s (%llu of %zu)\n", typeid(dropped).name(),
                     static_cast<unsigned long long>(drop), list.size());
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(drop));
        options.policies = std::move(list);
    } else if (through != "transport" && through != "default") {
        std::fprintf(stderr, "azcore_sync_layers: unknown --through %s\n", through.c_str());
        return 2;
    }
    azcore::PipelineClient client(url, std::move(options));

    std::uint64_t errors = 0;
    const auto start = azcore::bench::Clock::now();
    for (std::uint64_t i = 0; i < n; ++i) {
        try {
            std::shared_ptr<azcore::rest::HttpResponse> response =
                through == "transport" ? transport->send(std::make_shared<azcore::rest::HttpRequest>("GET", url), {})
                                       : client.send_request(azcore::rest::HttpRequest("GET", url));
            if (response->status_code() != 200 || response->read().empty()) ++errors;
        } catch (const std::exception& error) {
            if (errors++ == 0) std::fprintf(stderr, "azcore_sync_layers: first error: %s\n", error.what());
        }
    }
    azcore::bench::rate_result("azcore_sync_layers", n, errors, azcore::bench::seconds_since(start)).add("through", through).print();
    return errors == 0 ? 0 : 1;
}
