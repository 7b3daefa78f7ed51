// azcore's tracing SDK: parents, sampling, status, exceptions, export and the span tree.
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace azcore::tracing::sdk {
namespace {

using namespace std::chrono_literals;

struct Traced {
    explicit Traced(Sampler sampler = Sampler::ParentBasedAlwaysOn)
        : exporter(std::make_shared<InMemorySpanExporter>()),
          provider(TracerProvider::create({.sampler = sampler, .processors = {std::make_shared<SimpleSpanProcessor>(exporter)}})),
          tracer(provider->get_tracer({.library_name = "azure-test", .library_version = "1.2.3"})) {}
    std::shared_ptr<InMemorySpanExporter> exporter;
    std::shared_ptr<TracerProvider> provider;
    std::shared_ptr<Tracer> tracer;
};

TEST(TracerProviderTest, AChildStartedInsideAScopeHasTheScopesSpanAsParent) {
    Traced traced;
    SpanContext root_context;
    SpanContext child_context;
    {
        SpanScope root(traced.tracer->start_span("Client.method", {.attributes = {{"az.namespace", "Microsoft.Test"}}}));
        root_context = root.span()->context();
        EXPECT_EQ(get_current_span(), root.span());
        auto child = traced.tracer->start_span("GET", {.kind = SpanKind::CLIENT});
        child_context = child->context();
        child->add_attribute("http.response.status_code", 200);
        child->end();
    }
    EXPECT_EQ(get_current_span(), nullptr);
    const std::vector<SpanData> spans = traced.exporter->get_finished_spans();
    ASSERT_EQ(spans.size(), 2u);  // in the order they ended
    EXPECT_EQ(spans[0].name, "GET");
    EXPECT_EQ(spans[0].kind, SpanKind::CLIENT);
    EXPECT_EQ(spans[0].parent, root_context);
    EXPECT_EQ(spans[0].context.trace_id, root_context.trace_id);
    EXPECT_NE(spans[0].context.span_id, root_context.span_id);
    EXPECT_EQ(spans[0].context, child_context);
    EXPECT_EQ(spans[1].name, "Client.method");
    EXPECT_EQ(spans[1].kind, SpanKind::INTERNAL);
    EXPECT_FALSE(spans[1].parent.is_valid());
    EXPECT_TRUE(spans[1].context.is_sampled());
    EXPECT_EQ(spans[1].scope.library_name, "azure-test");
    EXPECT_EQ(spans[1].scope.library_version, "1.2.3");
    EXPECT_EQ(spans[1].scope.schema_url, "https://opentelemetry.io/schemas/1.23.1");
    EXPECT_LE(spans[1].start_time, spans[0].start_time);
    EXPECT_GE(spans[1].end_time, spans[0].end_time);
}

TEST(TracerProviderTest, AnExplicitParentWinsOverTheCurrentSpanAndCarriesItsTraceAndState) {
    Traced traced;
    const auto remote = parse_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "rojo=00f067aa0ba902b7");
    ASSERT_TRUE(remote);
    SpanScope other(traced.tracer->start_span("unrelated"));
    auto span = traced.tracer->start_span("Client.method", {.parent = *remote});
    EXPECT_EQ(span->context().trace_id.to_hex(), "0af7651916cd43dd8448eb211c80319c");
    const utils::CaseInsensitiveDict headers = span->to_header();
    EXPECT_EQ(headers.get("traceparent"), "00-0af7651916cd43dd8448eb211c80319c-" + span->context().span_id.to_hex() + "-01");
    EXPECT_EQ(headers.get("tracestate"), "rojo=00f067aa0ba902b7");
    span->end();
    ASSERT_EQ(traced.exporter->get_finished_spans().size(), 1u);
    EXPECT_EQ(traced.exporter->get_finished_spans()[0].parent, *remote);
}

TEST(TracerProviderTest, TheSamplerDecidesWhatIsRecordedAndTheFlagTravels) {
    const auto unsampled = parse_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
    ASSERT_TRUE(unsampled);
    {
        Traced traced(Sampler::ParentBasedAlwaysOn);
        auto span = traced.tracer->start_span("follows the parent", {.parent = *unsampled});
        EXPECT_FALSE(span->is_recording());
        EXPECT_TRUE(span->context().is_valid());
        EXPECT_EQ(span->to_header().get("traceparent")->substr(53), "00");
        span->end();
        auto root = traced.tracer->start_span("a root is sampled");
        EXPECT_TRUE(root->is_recording());
        root->end();
        ASSERT_EQ(traced.exporter->get_finished_spans().size(), 1u);
        EXPECT_EQ(traced.exporter->get_finished_spans()[0].name, "a root is sampled");
    }
    {
        Traced traced(Sampler::AlwaysOn);
        auto span = traced.tracer->start_span("ignores the parent", {.parent = *unsampled});
        EXPECT_TRUE(span->is_recording());
        EXPECT_TRUE(span->context().is_sampled());
    }
    {
        Traced traced(Sampler::AlwaysOff);
        auto span = traced.tracer->start_span("never");
        span->add_attribute("k", "v");
        span->end();
        EXPECT_TRUE(traced.exporter->get_finished_spans().empty());
    }
}

TEST(TracerProviderTest, StatusExceptionsAndEndingFollowOpenTelemetry) {
    Traced traced;
    auto span = traced.tracer->start_span("work");
    span->set_status(StatusCode::ERROR, "first");
    span->set_status(StatusCode::UNSET, "ignored");
    span->record_exception(std::make_exception_ptr(std::out_of_range("index 7")));
    span->end(std::chrono::system_clock::time_point(1000s));
    span->end();
    span->add_attribute("late", true);
    auto ok = traced.tracer->start_span("ok");
    ok->set_status(StatusCode::OK, "no description for OK");
    ok->set_status(StatusCode::ERROR, "too late");
    ok->end();
    const std::vector<SpanData> spans = traced.exporter->get_finished_spans();
    ASSERT_EQ(spans.size(), 2u);
    EXPECT_EQ(spans[0].status, StatusCode::ERROR);
    EXPECT_EQ(spans[0].status_description, "first");
    ASSERT_EQ(spans[0].events.size(), 1u);
    EXPECT_EQ(spans[0].events[0].name, "exception");
    EXPECT_EQ(spans[0].events[0].attributes, (Attributes{{"exception.type", "std::out_of_range"}, {"exception.message", "index 7"}}));
    EXPECT_EQ(spans[0].end_time, std::chrono::system_clock::time_point(1000s));
    EXPECT_FALSE(spans[0].attributes.contains("late"));
    EXPECT_EQ(spans[1].status, StatusCode::OK);
    EXPECT_EQ(spans[1].status_description, "");
}

TEST(TracerProviderTest, TheCurrentSpanBelongsToItsThread) {
    Traced traced;
    SpanScope scope(traced.tracer->start_span("on this thread"));
    std::shared_ptr<AbstractSpan> seen_there = scope.span();
    std::thread([&] { seen_there = get_current_span(); }).join();
    EXPECT_EQ(seen_there, nullptr);
    {
        SpanScope inner(traced.tracer->start_span("inner"), false);
        EXPECT_EQ(get_current_span(), inner.span());
        EXPECT_TRUE(inner.span()->is_recording());  // not ended: end_on_exit false
        inner.span()->end();
    }
    EXPECT_EQ(get_current_span(), scope.span());
}

TEST(TracerProviderTest, AfterShutdownNothingIsExported) {
    Traced traced;
    auto before = traced.tracer->start_span("started before");
    traced.provider->shutdown();
    before->end();
    traced.tracer->start_span("started after")->end();
    EXPECT_TRUE(traced.exporter->get_finished_spans().empty());
    EXPECT_TRUE(traced.provider->force_flush());
}

TEST(TracerProviderTest, TheSpanTreePrintsChildrenUnderTheirParents) {
    Traced traced;
    const auto t0 = std::chrono::system_clock::time_point(100s);
    {
        SpanScope root(traced.tracer->start_span("Client.list", {.start_time = t0}), false);
        for (int page = 0; page < 2; ++page) {
            auto get = traced.tracer->start_span("GET", {.kind = SpanKind::CLIENT, .start_time = t0 + (page + 1) * 1ms});
            get->add_attribute("http.response.status_code", page == 0 ? 200 : 503);
            if (page == 1) get->set_status(StatusCode::ERROR, "503");
            get->end(t0 + (page + 1) * 1ms + 500us);
        }
        root.span()->end(t0 + 3ms);
    }
    EXPECT_EQ(format_span_tree(traced.exporter->get_finished_spans()),
              "Client.list (INTERNAL, 3.0 ms)\n"
              "  GET (CLIENT, 0.5 ms) http.response.status_code=200\n"
              "  GET (CLIENT, 0.5 ms) http.response.status_code=503 [ERROR: 503]\n");
}

// README, "Tracing".
TEST(TracerProviderTest, ReadmeExample) {
    namespace tracing = azcore::tracing;
    auto exporter = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    auto provider = tracing::sdk::TracerProvider::create(
        {.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter)}});
    auto tracer = provider->get_tracer({.library_name = "azure-example"});
    std::string traceparent;
    {
        tracing::SpanScope operation(tracer->start_span("ExampleClient.get_item"));
        auto http = tracer->start_span("GET", {.kind = tracing::SpanKind::CLIENT});
        traceparent = *http->to_header().get("traceparent");
        EXPECT_EQ(traceparent, "00-" + operation.span()->context().trace_id.to_hex() + "-" + http->context().span_id.to_hex() + "-01");
        http->end();
    }
    const std::string tree = tracing::sdk::format_span_tree(exporter->get_finished_spans());
    EXPECT_TRUE(tree.starts_with("ExampleClient.get_item (INTERNAL, ")) << tree;
    EXPECT_NE(tree.find(" ms)\n  GET (CLIENT, "), std::string::npos) << tree;
    EXPECT_EQ(std::count(tree.begin(), tree.end(), '\n'), 2) << tree;
}

TEST(LinkTest, ComesFromTheW3CHeaders) {
    const utils::CaseInsensitiveDict headers{{"TraceParent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
                                             {"tracestate", "congo=t61rcWkgMzE"}};
    const std::optional<Link> link = Link::from_headers(headers, {{"messaging.batch", true}});
    ASSERT_TRUE(link);
    EXPECT_EQ(link->context.span_id.to_hex(), "b7ad6b7169203331");
    EXPECT_EQ(link->context.trace_state.to_header(), "congo=t61rcWkgMzE");
    EXPECT_EQ(link->attributes, (Attributes{{"messaging.batch", true}}));
    EXPECT_FALSE(Link::from_headers({{"traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01"}}));
    EXPECT_FALSE(Link::from_headers({}));
}

TEST(AttributesTest, KeepTheFirstOrderAndPrintValues) {
    Attributes attributes{{"b", 1}, {"a", "x"}};
    attributes.set("b", 2.5);
    attributes.set("c", std::vector<std::string>{"p", "q"});
    std::string printed;
    for (const auto& [key, value] : attributes) printed += key + "=" + to_string(value) + ";";
    EXPECT_EQ(printed, "b=2.5;a=x;c=[p, q];");
    attributes.set("flag", true);
    attributes.set("count", 7u);
    attributes.set("text", std::string_view("view"));
    EXPECT_EQ(*attributes.find("flag"), AttributeValue(true));
    EXPECT_EQ(*attributes.find("count"), AttributeValue(std::int64_t{7}));
    EXPECT_EQ(*attributes.find("text"), AttributeValue(std::string("view")));
    EXPECT_EQ(to_string(AttributeValue(std::vector<bool>{true, false})), "[true, false]");
    EXPECT_EQ(to_string(AttributeValue(std::int64_t{-3})), "-3");
    EXPECT_EQ(to_string(SpanKind::PRODUCER), "PRODUCER");
}

}  // namespace
}  // namespace azcore::tracing::sdk
