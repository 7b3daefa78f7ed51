// W3C Trace Context: traceparent and tracestate as the specification's examples and rules give them.
#include <azcore/tracing/span_context.hpp>

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace azcore::tracing {
namespace {

struct TraceparentRow {
    const char* header;
    bool valid;
    const char* why;
};

const TraceparentRow traceparent_rows[] = {
    {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", true, "the specification's example"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", true, "not sampled"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09", true, "unknown flags are kept"},
    {"  00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\t", true, "spaces around it"},
    {"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true, "a later version of the same length"},
    {"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more", true, "a later version with more after a dash"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more", false, "version 00 is exactly 55 characters"},
    {"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01more", false, "a later version's extra part starts with a dash"},
    {"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", false, "version ff is forbidden"},
    {"0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", false, "version not hex"},
    {"00-00000000000000000000000000000000-00f067aa0ba902b7-01", false, "all-zero trace id"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", false, "all-zero parent id"},
    {"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", false, "uppercase trace id"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", false, "uppercase parent id"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x", false, "flags not hex"},
    {"00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01", false, "a dash in the wrong place"},
    {"00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", false, "not dashes"},
    {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", false, "no flags"},
    {"", false, "empty"},
};

TEST(TraceparentTest, FollowsTheW3CRules) {
    for (const TraceparentRow& row : traceparent_rows) {
        SCOPED_TRACE(std::string(row.why) + ": \"" + row.header + "\"");
        const std::optional<SpanContext> context = parse_traceparent(row.header);
        EXPECT_EQ(context.has_value(), row.valid);
        if (context) {
            EXPECT_TRUE(context->is_valid());
            EXPECT_TRUE(context->is_remote);
        }
    }
}

TEST(TraceparentTest, ReadsTheIdsAndFlagsAndWritesThemBack) {
    const auto context = parse_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    ASSERT_TRUE(context);
    EXPECT_EQ(context->trace_id.to_hex(), "0af7651916cd43dd8448eb211c80319c");
    EXPECT_EQ(context->span_id.to_hex(), "b7ad6b7169203331");
    EXPECT_EQ(context->trace_flags, 1);
    EXPECT_TRUE(context->is_sampled());
    EXPECT_EQ(to_traceparent(*context), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    // A later version is answered in the version this library writes.
    const auto later = parse_traceparent("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00-extra");
    ASSERT_TRUE(later);
    EXPECT_FALSE(later->is_sampled());
    EXPECT_EQ(to_traceparent(*later), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
}

TEST(TraceparentTest, AnInvalidContextIsNotWritten) {
    SpanContext context;
    context.span_id = SpanId::random();
    try {
        (void)to_traceparent(context);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "traceparent: the span context has no valid trace id and span id");
    }
}

TEST(TraceparentTest, CarriesTheTracestateAndDropsAnInvalidOne) {
    const char* parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const auto with_state = parse_traceparent(parent, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    ASSERT_TRUE(with_state);
    EXPECT_EQ(with_state->trace_state.to_header(), "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    const auto dropped = parse_traceparent(parent, "rojo=00f067aa0ba902b7,Congo=t61rcWkgMzE");
    ASSERT_TRUE(dropped);
    EXPECT_TRUE(dropped->trace_state.empty());
}

TEST(HexIdTest, RandomIdsAreValidAndDistinct) {
    std::set<std::string> traces;
    std::set<std::string> spans;
    for (int i = 0; i < 1000; ++i) {
        const TraceId trace = TraceId::random();
        const SpanId span = SpanId::random();
        EXPECT_TRUE(trace.is_valid());
        EXPECT_TRUE(span.is_valid());
        traces.insert(trace.to_hex());
        spans.insert(span.to_hex());
        EXPECT_EQ(TraceId::from_hex(trace.to_hex()), trace);
    }
    EXPECT_EQ(traces.size(), 1000u);
    EXPECT_EQ(spans.size(), 1000u);
    EXPECT_FALSE(TraceId().is_valid());
    EXPECT_EQ(SpanId().to_hex(), "0000000000000000");
    EXPECT_FALSE(SpanId::from_hex("00f067aa0ba902b"));     // 15 digits
    EXPECT_FALSE(SpanId::from_hex("00f067aa0ba902b7a"));   // 17 digits
    EXPECT_FALSE(SpanId::from_hex("00f067aa0ba902bG"));
}

struct TracestateRow {
    const char* header;
    const char* written;  // nullptr: invalid
    const char* why;
};

const TracestateRow tracestate_rows[] = {
    {"", "", "empty"},
    {"rojo=00f067aa0ba902b7", "rojo=00f067aa0ba902b7", "one entry"},
    {"rojo=00f067aa0ba902b7 , congo=t61rcWkgMzE", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "spaces around the comma"},
    {" ,rojo=1,,\t,congo=2, ", "rojo=1,congo=2", "empty entries"},
    {"fw529a3039@dt=0000006fd4c", "fw529a3039@dt=0000006fd4c", "a tenant key"},
    {"1a-2f@foo=bar1,1a-_*/2b@foo=bar2", "1a-2f@foo=bar1,1a-_*/2b@foo=bar2", "tenant keys with every allowed character"},
    {"foo=bar with spaces", "foo=bar with spaces", "inner spaces in a value"},
    {"Foo=bar", nullptr, "an uppercase key"},
    {"1foo=bar", nullptr, "a simple key starting with a digit"},
    {"foo@1bar=baz", nullptr, "a system id starting with a digit"},
    {"foo@bar@baz=1", nullptr, "two @"},
    {"foo=", nullptr, "an empty value"},
    {"foo", nullptr, "no ="},
    {"foo=a=b", nullptr, "= in a value"},
    {"foo=1,foo=2", nullptr, "a key twice"},
    {"foo=\x7f", nullptr, "a control byte in a value"},
};

TEST(TraceStateTest, FollowsTheW3CRules) {
    for (const TracestateRow& row : tracestate_rows) {
        SCOPED_TRACE(std::string(row.why) + ": \"" + row.header + "\"");
        const std::optional<TraceState> state = TraceState::from_header(row.header);
        ASSERT_EQ(state.has_value(), row.written != nullptr);
        if (state) {
            EXPECT_EQ(state->to_header(), row.written);
        }
    }
}

TEST(TraceStateTest, KeysAndValuesAtTheirLimits) {
    // (built with append: g++ 12 warns wrongly about "literal" + std::string)
    const std::string longest_key = std::string(1, 'a').append(255, 'b');
    EXPECT_TRUE(TraceState::is_valid_key(longest_key));
    EXPECT_FALSE(TraceState::is_valid_key(std::string(longest_key).append("b")));
    EXPECT_TRUE(TraceState::is_valid_key(std::string(241, '1').append("@a").append(13, 'z')));
    EXPECT_FALSE(TraceState::is_valid_key(std::string(242, '1').append("@a")));
    EXPECT_FALSE(TraceState::is_valid_key(std::string("t@a").append(14, 'z')));
    EXPECT_TRUE(TraceState::is_valid_value(std::string(256, 'v')));
    EXPECT_FALSE(TraceState::is_valid_value(std::string(257, 'v')));
    EXPECT_FALSE(TraceState::is_valid_value("trailing "));
    EXPECT_TRUE(TraceState::is_valid_value(" leading"));
}

TEST(TraceStateTest, HoldsAtMost32Entries) {
    std::string header;
    for (int i = 0; i < 32; ++i) header += (i ? "," : "") + std::string("k") + std::to_string(i) + "=v";
    const std::optional<TraceState> full = TraceState::from_header(header);
    ASSERT_TRUE(full);
    EXPECT_EQ(full->entries().size(), 32u);
    EXPECT_FALSE(TraceState::from_header(header + ",k32=v"));
    try {
        (void)full->with("k32", "v");
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "tracestate: adding \"k32\" would make more than 32 entries");
    }
    // Replacing an entry of a full state is fine.
    EXPECT_EQ(full->with("k31", "w").entries().front(), (std::pair<std::string, std::string>{"k31", "w"}));
}

TEST(TraceStateTest, AnUpdatedEntryGoesFirst) {
    const TraceState state = *TraceState::from_header("rojo=1,congo=2");
    EXPECT_EQ(state.with("congo", "3").to_header(), "congo=3,rojo=1");
    EXPECT_EQ(state.with("az", "x").to_header(), "az=x,rojo=1,congo=2");
    EXPECT_EQ(state.without("rojo").to_header(), "congo=2");
    EXPECT_EQ(state.get("congo"), "2");
    EXPECT_FALSE(state.get("absent"));
    EXPECT_THROW((void)state.with("Bad", "x"), std::invalid_argument);
    try {
        (void)state.with("ok", "a,b");
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(), "tracestate: the value for \"ok\" is not valid");
    }
}

}  // namespace
}  // namespace azcore::tracing
