// What a collector's partialSuccess makes the OTLP exporter log, row by row: the warning, or
// nothing; a hostile message is bounded and cannot start a log line of its own.
#include "tracing/sdk/otlp_partial_success.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace azcore::tracing::sdk::detail {
namespace {

struct Row {
    std::string body;
    std::optional<std::string> warning;
};

TEST(OtlpPartialSuccess, EachBodyGivesItsWarningOrNone) {
    const std::string lead = "the OTLP receiver rejected ";
    const std::vector<Row> rows = {
        {R"({"partialSuccess":{"rejectedSpans":2,"errorMessage":"bad ids"}})", lead + "2 of 5 spans: bad ids"},
        {R"({"partialSuccess":{"rejectedSpans":"3"}})", lead + "3 of 5 spans: "},
        {R"({"partialSuccess":{"errorMessage":"slow down"}})", lead + "0 of 5 spans: slow down"},
        {R"({"partialSuccess":{"rejectedSpans":"0","errorMessage":"note"}})", lead + "0 of 5 spans: note"},
        {R"({"partialSuccess":{"rejectedSpans":[1,2,3],"errorMessage":"x"}})", lead + "0 of 5 spans: x"},
        {R"({"partialSuccess":{"rejectedSpans":-1}})", lead + "-1 of 5 spans: "},
        {R"({"partialSuccess":{"errorMessage":"line\nforged: yes\r\t\u0001\u007f"}})",
         lead + "0 of 5 spans: line\\nforged: yes\\r\\t\\x01\\x7F"},
        // Nothing to say.
        {"", std::nullopt},
        {"{}", std::nullopt},
        {R"({"partialSuccess":{}})", std::nullopt},
        {R"({"partialSuccess":{"rejectedSpans":0,"errorMessage":""}})", std::nullopt},
        {R"({"partialSuccess":{"rejectedSpans":"0"}})", std::nullopt},
        {R"({"partialSuccess":{"rejectedSpans":"2x"}})", std::nullopt},
        {R"({"partialSuccess":{"rejectedSpans":1.5}})", std::nullopt},
        {R"({"partialSuccess":{"errorMessage":7}})", std::nullopt},
        {R"({"partialSuccess":[1]})", std::nullopt},
        {R"([{"partialSuccess":{"rejectedSpans":1}}])", std::nullopt},
        {"not json", std::nullopt},
        {"{\"partialSuccess\":{\"errorMessage\":\"\xFF\"}}", std::nullopt},
    };
    for (const Row& row : rows) EXPECT_EQ(partial_success_warning(row.body, 5), row.warning) << row.body;
}

TEST(OtlpPartialSuccess, ALongMessageIsCutAtACharacterBoundary) {
    // 1,023 ASCII bytes, then "é" (2 bytes) across the limit, then more.
    std::string body = R"({"partialSuccess":{"errorMessage":")";
    body.append(1023, 'a').append("\xC3\xA9").append(5000, 'b').append("\"}}");
    std::string expected = "the OTLP receiver rejected 0 of 1 spans: ";
    expected.append(1023, 'a').append("\xE2\x80\xA6");
    const auto warning = partial_success_warning(body, 1);
    ASSERT_TRUE(warning);
    EXPECT_EQ(*warning, expected);
}

}  // namespace
}  // namespace azcore::tracing::sdk::detail
