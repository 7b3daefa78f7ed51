#include "support/otel_peers.hpp"

#include <azcore/configuration.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/tracing/tracing_options.hpp>

#include <boost/json.hpp>

#include <stdexcept>
#include <unistd.h>
#include <utility>
#include <vector>

namespace azcore::test {

std::optional<std::string> otel_peers_missing() {
    for (const char* module : {"@opentelemetry/instrumentation-http", "@opentelemetry/otlp-transformer"}) {
        const std::string path = peers_dir() + "/node_modules/" + module + "/package.json";
        if (::access(path.c_str(), R_OK) != 0)
            return path + " is not installed: run scripts/setup.sh (npm ci --prefix tests/peers)";
    }
    return std::nullopt;
}

OtelPeer::OtelPeer(const std::string& name, const std::string& script) {
    if (auto why = otel_peers_missing()) throw std::runtime_error(*why);
    const std::string path = peers_dir() + "/otel/" + script;  // executable, `#!/usr/bin/env node`
    peer_ = start_peer(PeerLaunch{
        .name = name,
        .argv = [&](std::uint16_t port) { return std::vector<std::string>{path, "--port", std::to_string(port)}; },
        .working_directory = dir_.path().string(),
        .log_file = dir_.file(script + ".log"),
    });
}

boost::json::value OtelPeer::call(const std::string& method, const std::string& path,
                                  std::optional<boost::json::value> body) const {
    // The bare pipeline, untraced: a test reads the peer, it does not add to what it reads.
    PipelineClient client(base_url(), {.config = Configuration{}});
    rest::HttpRequestOptions request_options;
    if (body) request_options.json = std::move(*body);
    SendRequestOptions send_options;
    send_options.kwargs.set("tracing_options", tracing::TracingOptions{.enabled = false});
    auto response = client.send_request(rest::HttpRequest(method, path, std::move(request_options)), std::move(send_options));
    response->raise_for_status();
    return response->json();
}

OtelInstrumentedServer& OtelInstrumentedServer::shared() { return shared_peer<OtelInstrumentedServer>(); }

OtelInstrumentedServer::OtelInstrumentedServer() : OtelPeer("the OpenTelemetry-instrumented server", "instrumented_server.js") {}

boost::json::array OtelInstrumentedServer::spans_of_trace(const std::string& trace_id, std::size_t min) const {
    return call("GET", "/__spans?traceId=" + trace_id + "&min=" + std::to_string(min)).at("spans").as_array();
}

boost::json::array OtelInstrumentedServer::spans_of_path(const std::string& path, std::size_t min) const {
    return call("GET", "/__spans?path=" + path + "&min=" + std::to_string(min)).at("spans").as_array();
}

OtlpReceiver& OtlpReceiver::shared() { return shared_peer<OtlpReceiver>(); }

OtlpReceiver::OtlpReceiver() : OtelPeer("the OTLP receiver", "otlp_receiver.js") {}

boost::json::array OtlpReceiver::received() const { return call("GET", "/__received").at("spans").as_array(); }

boost::json::object OtlpReceiver::stats() const { return call("GET", "/__stats").as_object(); }

boost::json::object OtlpReceiver::set_mode(const boost::json::object& mode) const {
    return call("POST", "/__mode", boost::json::value(mode)).as_object();
}

void OtlpReceiver::reset() const { call("POST", "/__reset", boost::json::object{}); }

}  // namespace azcore::test
