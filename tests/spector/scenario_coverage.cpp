#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace azcore::spector {

void expect_scenarios_pass(const std::vector<std::string>& scenarios) {
    auto& spector = test::SpectorServer::shared();
    std::cout << "[ coverage ] " << scenarios.size() << " scenarios on Spector at " << spector.base_url() << "\n";
    const auto coverage = spector.coverage();
    for (const auto& scenario : scenarios) {
        const auto result = test::SpectorServer::result_in(coverage, scenario);
        std::cout << "[ coverage ] " << scenario << ": " << (result.empty() ? "(unknown scenario)" : result) << "\n";
        EXPECT_EQ(result, "pass") << scenario;
    }
}

}  // namespace azcore::spector
