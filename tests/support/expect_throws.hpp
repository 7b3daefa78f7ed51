#pragma once
// expect_throws_exactly: a test's check that a call throws exactly one exception type with exactly
// one message.
#include <gtest/gtest.h>

#include <exception>
#include <string>
#include <typeinfo>

namespace azcore::test {

/// Expects act to throw exactly E (not a type derived from it) with what() equal to message.
template <class E, class Act>
void expect_throws_exactly(Act&& act, const std::string& message) {
    try {
        act();
        ADD_FAILURE() << "nothing thrown; expected " << message;
    } catch (const std::exception& error) {
        EXPECT_EQ(typeid(error), typeid(E)) << error.what();
        EXPECT_EQ(std::string(error.what()), message);
    }
}

}  // namespace azcore::test
