#include <azcore/options/kwargs.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace azcore::options {
namespace {

TEST(KwargsTest, ConvertsNumbersAndRejectsWrongTypes) {
    Kwargs kwargs{{"retry_total", 3}, {"timeout", 2.5}, {"logging_enable", true}, {"name", "x"}};
    EXPECT_EQ(kwargs.get<int>("retry_total"), 3);
    EXPECT_EQ(kwargs.get<double>("retry_total"), 3.0);
    EXPECT_EQ(kwargs.get<double>("timeout"), 2.5);
    EXPECT_EQ(kwargs.get<bool>("logging_enable"), true);
    EXPECT_EQ(kwargs.get<std::string>("name"), "x");
    EXPECT_THROW(kwargs.get<bool>("name"), std::invalid_argument);
    EXPECT_EQ(kwargs.pop<int>("retry_total"), 3);
    EXPECT_FALSE(kwargs.contains("retry_total"));
    EXPECT_EQ(kwargs.get<int>("missing"), std::nullopt);
}

}  // namespace
}  // namespace azcore::options
