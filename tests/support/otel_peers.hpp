#pragma once
// The OpenTelemetry JS peers (tests/peers/otel, npm packages installed in tests/peers by
// scripts/setup.sh), each a Node process on 127.0.0.1 and a free port for the duration of a test:
// - OtelInstrumentedServer: an HTTP service instrumented by @opentelemetry/instrumentation-http
//   (W3C trace context), which records the SERVER spans it ends;
// - OtlpReceiver: an OTLP/HTTP trace receiver that decodes with opentelemetry-proto's definitions.
// Their routes are documented at the top of each script. Requests to them from these helpers are
// never traced.
#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace azcore::test {

/// Why the OpenTelemetry JS peers cannot be started (not installed), or nothing: for GTEST_SKIP.
std::optional<std::string> otel_peers_missing();

/// A Node script of tests/peers/otel started with `--port P`.
class OtelPeer {
public:
    OtelPeer(const OtelPeer&) = delete;
    OtelPeer& operator=(const OtelPeer&) = delete;

    /// `http://127.0.0.1:P`.
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(peer_.port); }
    std::uint16_t port() const { return peer_.port; }
    /// How long it took from start to the first answer.
    std::chrono::milliseconds startup_time() const { return peer_.startup_time; }
    /// The server's resident set size now.
    std::size_t rss_bytes() const { return peer_.process->rss_bytes(); }
    /// The peer's output so far (for failure messages).
    std::string log_tail() const { return peer_.process->log_tail(); }

protected:
    /// Starts tests/peers/otel/<script> and waits until it answers (at most 60 s). Throws
    /// std::runtime_error with its output when it cannot.
    OtelPeer(const std::string& name, const std::string& script);
    ~OtelPeer() = default;
    /// method path (untraced, bare pipeline) with an optional JSON body; throws unless 2xx.
    boost::json::value call(const std::string& method, const std::string& path,
                            std::optional<boost::json::value> body = std::nullopt) const;

private:
    TempDir dir_;
    StartedPeer peer_;
};

class OtelInstrumentedServer : public OtelPeer {
public:
    /// One server per test binary, started on first use and stopped at exit.
    static OtelInstrumentedServer& shared();
    OtelInstrumentedServer();

    /// The SERVER spans of trace_id (32 hex digits) the server ended, in the order they ended,
    /// once there are at least min of them (or after 5 s).
    boost::json::array spans_of_trace(const std::string& trace_id, std::size_t min) const;
    /// The SERVER spans whose url.path is path, the same way.
    boost::json::array spans_of_path(const std::string& path, std::size_t min) const;
};

class OtlpReceiver : public OtelPeer {
public:
    /// One receiver per test binary, started on first use and stopped at exit.
    static OtlpReceiver& shared();
    OtlpReceiver();

    /// base_url() + "/v1/traces".
    std::string traces_url() const { return base_url() + "/v1/traces"; }
    /// GET /__received: every span decoded so far, in arrival order.
    boost::json::array received() const;
    /// GET /__stats: {"requests","accepted","rejected","refused","spans"}.
    boost::json::object stats() const;
    /// POST /__mode, e.g. {{"status", 503}, {"times", 1}} or {{"delay_ms", 500}}; returns the mode.
    boost::json::object set_mode(const boost::json::object& mode) const;
    /// POST /__reset: forgets the spans, the counters and the mode.
    void reset() const;
};

}  // namespace azcore::test
