// parse_connection_string against Python 1.41's own results: every row below was run through
// azure.core.utils.parse_connection_string (python3, the 1.41 source) and its output copied here.
#include <azcore/utils/connection_string.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <variant>

namespace azcore::utils {
namespace {

struct Row {
    std::string input;
    bool case_sensitive_keys;
    /// The parts, or the ValueError's message.
    std::variant<ConnectionStringParts, std::string> expected;
};

std::variant<ConnectionStringParts, std::string> parse(const Row& row) {
    try {
        return parse_connection_string(row.input, row.case_sensitive_keys);
    } catch (const std::invalid_argument& error) {
        return std::string(error.what());
    }
}

const std::string malformed = "Connection string is either blank or malformed.";

TEST(ParseConnectionStringTest, MatchesPythonRowByRow) {
    const std::vector<Row> rows{
        {"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=", false,
         ConnectionStringParts{{"endpoint", "sb://x.servicebus.windows.net/"}, {"sharedaccesskey", "abc="}, {"sharedaccesskeyname", "Root"}}},
        {"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=", true,
         ConnectionStringParts{{"Endpoint", "sb://x.servicebus.windows.net/"}, {"SharedAccessKey", "abc="}, {"SharedAccessKeyName", "Root"}}},
        {"  AccountName=dev;AccountKey=k==;\n", false, ConnectionStringParts{{"accountkey", "k=="}, {"accountname", "dev"}}},
        {"a=1;;;", false, ConnectionStringParts{{"a", "1"}}},
        {"a==1", false, ConnectionStringParts{{"a", "=1"}}},
        {"a=1 ;B=2", false, ConnectionStringParts{{"a", "1 "}, {"b", "2"}}},
        {"a=1; b=2", false, ConnectionStringParts{{" b", "2"}, {"a", "1"}}},
        {"\u00a0a=1\u3000", false, ConnectionStringParts{{"a", "1"}}},  // Unicode whitespace, as str.strip()
        {"", false, malformed},
        {"   ", false, malformed},
        {";", false, malformed},
        {"a", false, malformed},
        {"=1", false, malformed},
        {"a=", false, malformed},
        {"a=1;;b=2", false, malformed},
        {";a=1", false, malformed},
        {"a=1;a=2", false, malformed},
        {"a=1;a=2", true, malformed},
        {"a=1;A=2", false, std::string("Duplicate key in connection string: a")},
        {"A=1;a=2", true, ConnectionStringParts{{"A", "1"}, {"a", "2"}}},
        {"Key=1;key=2;KEY=3", false, std::string("Duplicate key in connection string: key")},
        {"x=1;Key=1;kEY=2", false, std::string("Duplicate key in connection string: key")},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE("'" + row.input + "' case_sensitive_keys=" + (row.case_sensitive_keys ? "true" : "false"));
        EXPECT_EQ(parse(row), row.expected);
    }
}

TEST(ParseConnectionStringTest, NoErrorHoldsAValue) {
    for (const char* input : {"AccountKey=s3cret;AccountKey=s3cret", "AccountKey=s3cret;accountkey=s3cret", "AccountKey=s3cret;junk"}) {
        try {
            parse_connection_string(input);
            ADD_FAILURE() << "accepted";
        } catch (const std::invalid_argument& error) {
            EXPECT_EQ(std::string(error.what()).find("s3cret"), std::string::npos) << error.what();
        }
    }
}

TEST(ParseConnectionStringTest, AVeryLongStringIsParsed) {
    std::string input;
    for (int i = 0; i < 10000; ++i) input += "Key" + std::to_string(i) + "=" + std::string(100, 'v') + ";";
    const ConnectionStringParts parts = parse_connection_string(input);
    EXPECT_EQ(parts.size(), 10000u);
    EXPECT_EQ(parts.at("key9999"), std::string(100, 'v'));
}

// The README's example ("Utilities").
TEST(ParseConnectionStringTest, ReadmeExample) {
    auto parts = azcore::utils::parse_connection_string(
        "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=");
    EXPECT_EQ(parts.at("sharedaccesskey"), "abc=");
}

}  // namespace
}  // namespace azcore::utils
