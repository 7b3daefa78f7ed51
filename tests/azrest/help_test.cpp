// azrest's usage text: what a person sees first.
#include "azrest_runner.hpp"

#include <gtest/gtest.h>

namespace {

TEST(AzrestHelp, ListsTheDemoCommand) {
    auto result = azrest::test::run_azrest({"--help"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("demo"), std::string::npos) << result.out;
}

}  // namespace
