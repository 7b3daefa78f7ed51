#include "support/async_outcome.hpp"

#include <azcore/exceptions.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <typeinfo>

namespace azcore::test {

std::string what_of(const std::exception_ptr& error) {
    if (!error) return "no exception";
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return std::string(typeid(e).name()) + ": " + e.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
}

void expect_operation_aborted(const std::exception_ptr& error) {
    ASSERT_TRUE(error) << "the request completed instead of being cancelled";
    try {
        std::rethrow_exception(error);
    } catch (const exceptions::AzureError& e) {
        FAIL() << "cancellation surfaced as an AzureError (" << typeid(e).name() << "): " << e.what();
    } catch (const boost::system::system_error& e) {
        EXPECT_EQ(e.code(), boost::asio::error::operation_aborted) << e.what();
    } catch (const std::exception& e) {
        FAIL() << "expected system_error(operation_aborted), got " << typeid(e).name() << ": " << e.what();
    }
}

std::string cancellation_type_name(boost::asio::cancellation_type type) {
    switch (type) {
        case boost::asio::cancellation_type::terminal: return "terminal";
        case boost::asio::cancellation_type::partial: return "partial";
        case boost::asio::cancellation_type::total: return "total";
        default: return "other";
    }
}

}  // namespace azcore::test
