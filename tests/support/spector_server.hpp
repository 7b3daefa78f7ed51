#pragma once
// SpectorServer: the Spector scenario server (npm @typespec/spector, installed in tests/peers by
// scripts/setup.sh) serving the scenarios of @typespec/http-specs and @azure-tools/azure-http-specs
// on a free port for the duration of a test. A scenario counts as passed only when the client sent
// exactly what it expects (anything else gets 400 and is not recorded); coverage() tells.
#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace azcore::test {

class SpectorServer {
public:
    /// Why Spector cannot be started (not installed), or nothing: for GTEST_SKIP.
    static std::optional<std::string> missing();
    /// One server per test binary, started on first use and stopped at exit; a failed start is
    /// reported again, without a new attempt, to every later caller.
    static SpectorServer& shared();

    /// Starts Spector (inside the repository checkout: it runs `git rev-parse HEAD`) and waits
    /// until it answers (at most 60 s). Throws std::runtime_error with its output when it cannot.
    SpectorServer();
    SpectorServer(const SpectorServer&) = delete;
    SpectorServer& operator=(const SpectorServer&) = delete;

    /// `http://localhost:P`: Spector builds absolute next links with `localhost`.
    std::string base_url() const { return "http://localhost:" + std::to_string(peer_.port); }
    std::uint16_t port() const { return peer_.port; }
    /// GET /.coverage: one object per spec package, with `scenariosMetadata.packageName` and
    /// `results: {<ScenarioName>: "pass" | "fail" | "not-implemented"}`.
    boost::json::value coverage() const;
    /// The result of one scenario (e.g. "Azure_Core_Basic_get") in coverage(); empty when no spec
    /// package has it.
    std::string scenario_result(std::string_view scenario) const;
    /// The result of scenario in a coverage() report already read; empty when no package has it.
    static std::string result_in(const boost::json::value& coverage, std::string_view scenario);
    /// Where Spector writes the coverage when it stops.
    const std::string& coverage_file() const { return coverage_file_; }
    /// How long it took from start to the first answer.
    std::chrono::milliseconds startup_time() const { return peer_.startup_time; }
    /// The server's resident set size now.
    std::size_t rss_bytes() const { return peer_.process->rss_bytes(); }

private:
    TempDir dir_;
    std::string coverage_file_;
    StartedPeer peer_;
};

}  // namespace azcore::test
