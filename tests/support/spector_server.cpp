#include "support/spector_server.hpp"

#include <azcore/configuration.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json.hpp>

#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace azcore::test {

std::optional<std::string> SpectorServer::missing() { return peer_missing("tsp-spector"); }

SpectorServer& SpectorServer::shared() { return shared_peer<SpectorServer>(); }

SpectorServer::SpectorServer() : coverage_file_(dir_.file("coverage.json")) {
    if (auto why = missing()) throw std::runtime_error(*why);
    const std::string modules = peers_dir() + "/node_modules";
    peer_ = start_peer(PeerLaunch{
        .name = "Spector",
        .argv =
            [&](std::uint16_t port) {
                return std::vector<std::string>{modules + "/.bin/tsp-spector", "serve",
                                                modules + "/@typespec/http-specs/specs",
                                                modules + "/@azure-tools/azure-http-specs/specs",
                                                "--port", std::to_string(port),
                                                "--coverageFile", coverage_file_};
            },
        .working_directory = source_dir(),
        .log_file = dir_.file("spector.log"),
    });
}

boost::json::value SpectorServer::coverage() const {
    // The bare pipeline (no retries): a test reads the score, it does not score.
    PipelineClient client(base_url(), {.config = Configuration{}});
    auto response = client.send_request(rest::HttpRequest("GET", "/.coverage"));
    response->raise_for_status();
    return response->json();
}

std::string SpectorServer::scenario_result(std::string_view scenario) const { return result_in(coverage(), scenario); }

std::string SpectorServer::result_in(const boost::json::value& coverage, std::string_view scenario) {
    for (const auto& package : coverage.as_array()) {
        const auto* results = package.as_object().if_contains("results");
        if (results == nullptr || !results->is_object()) continue;
        if (const auto* result = results->as_object().if_contains(scenario); result && result->is_string())
            return std::string(result->as_string());
    }
    return {};
}

}  // namespace azcore::test
