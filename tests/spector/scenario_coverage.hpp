#pragma once
// The check that ends every scenario group: the Spector started for this process scores each named
// scenario `pass`. The list and each result are printed.
#include <string>
#include <vector>

namespace azcore::spector {

/// Reads GET /.coverage from the shared Spector and adds a test failure for every scenario that is
/// not `pass`, printing `<scenario>: <result>` for each.
void expect_scenarios_pass(const std::vector<std::string>& scenarios);

}  // namespace azcore::spector
