// distributed_trace / distributed_trace_async on a small service client, both faces, against the
// test server: the method's span, its HTTP spans under it, nested methods suppressed, merge_span,
// per-call options, and a method that throws.
#include <azcore/async_paging.hpp>
#include <azcore/async_pipeline_client.hpp>
#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/settings.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/tracing/decorator.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using tracing::DistributedTraceOptions;
using tracing::SpanKind;
using tracing::sdk::SpanData;

const tracing::InstrumentationScope widgets_scope{.library_name = "azure-widgets",
                                                  .library_version = "1.0.0",
                                                  .attributes = {{"az.namespace", "Microsoft.Widgets"}}};

/// A service client of the test server, as a client author writes one, in both faces.
class WidgetClient {
public:
    explicit WidgetClient(std::string base_url) : client_(std::move(base_url)) {}
    std::string get_widget(options::Kwargs kwargs = {}) {
        return tracing::distributed_trace({.name_of_span = "WidgetClient.get_widget", .tracing_attributes = {{"widget", true}},
                                           .instrumentation = widgets_scope},
                                          kwargs, [&](options::Kwargs& call) {
                                              return client_.send_request(HttpRequest("GET", "/echo"), {.kwargs = call})->text();
                                          });
    }
    int get_two(options::Kwargs kwargs = {}) {
        return tracing::distributed_trace({.name_of_span = "WidgetClient.get_two", .instrumentation = widgets_scope}, kwargs,
                                          [&](options::Kwargs& call) {
                                              get_widget(call);
                                              get_widget(call);
                                              return 2;
                                          });
    }
    void fail(options::Kwargs kwargs = {}) {
        tracing::distributed_trace({.name_of_span = "WidgetClient.fail", .instrumentation = widgets_scope}, kwargs,
                                   [](options::Kwargs&) { throw std::out_of_range("no such widget"); });
    }
    /// Three pages of two items, fetched as the caller iterates: the page requests carry the
    /// method's options, so their spans are the method's children though it has returned.
    paging::ItemPaged<int> list_widgets(options::Kwargs kwargs = {}) {
        return tracing::distributed_trace(
            {.name_of_span = "WidgetClient.list_widgets", .instrumentation = widgets_scope}, kwargs, [&](options::Kwargs& call) {
                return paging::ItemPaged<int>(
                    [this, call](const std::optional<std::string>& token) {
                        return client_.send_request(HttpRequest("GET", "/echo?page=" + token.value_or("0")), {.kwargs = call});
                    },
                    [](const std::shared_ptr<rest::HttpResponse>& response) {
                        const int page = response->request().url.back() - '0';
                        return paging::PageData<int>{page < 2 ? std::optional<std::string>(std::to_string(page + 1)) : std::nullopt,
                                                     {2 * page, 2 * page + 1}};
                    });
            });
    }

private:
    PipelineClient client_;
};

class AsyncWidgetClient {
public:
    AsyncWidgetClient(std::string base_url, net::any_io_executor executor) : client_(std::move(base_url), std::move(executor)) {}
    net::awaitable<std::string> get_widget(options::Kwargs kwargs = {}) {
        return tracing::distributed_trace_async(
            {.name_of_span = "AsyncWidgetClient.get_widget", .tracing_attributes = {{"widget", true}}, .instrumentation = widgets_scope},
            std::move(kwargs), [this](options::Kwargs& call) -> net::awaitable<std::string> {
                SendRequestOptions options{.kwargs = call};
                auto response = co_await client_.send_request(HttpRequest("GET", "/echo"), std::move(options));
                co_return response->text();
            });
    }
    net::awaitable<int> get_two(options::Kwargs kwargs = {}) {
        return tracing::distributed_trace_async({.name_of_span = "AsyncWidgetClient.get_two", .instrumentation = widgets_scope},
                                                std::move(kwargs), [this](options::Kwargs& call) -> net::awaitable<int> {
                                                    co_await get_widget(call);
                                                    co_await get_widget(call);
                                                    co_return 2;
                                                });
    }
    paging::AsyncItemPaged<int> list_widgets(options::Kwargs kwargs = {}) {
        // The method's span: started and ended here, as the sync wrapper does around a method
        // that only builds the pager.
        tracing::MethodSpan span({.name_of_span = "AsyncWidgetClient.list_widgets", .instrumentation = widgets_scope}, kwargs,
                                 false);
        paging::AsyncItemPaged<int> pager(
            [this, call = kwargs](const std::optional<std::string>& token) -> net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> {
                SendRequestOptions options{.kwargs = call};
                co_return co_await client_.send_request(HttpRequest("GET", "/echo?page=" + token.value_or("0")), std::move(options));
            },
            [](const std::shared_ptr<rest::AsyncHttpResponse>& response) {
                const int page = response->request().url.back() - '0';
                return paging::PageData<int>{page < 2 ? std::optional<std::string>(std::to_string(page + 1)) : std::nullopt,
                                             {2 * page, 2 * page + 1}};
            });
        span.succeed();
        return pager;
    }
    net::awaitable<void> fail(options::Kwargs kwargs = {}) {
        return tracing::distributed_trace_async({.name_of_span = "AsyncWidgetClient.fail", .instrumentation = widgets_scope},
                                                std::move(kwargs), [](options::Kwargs&) -> net::awaitable<void> {
                                                    throw std::out_of_range("no such widget");
                                                    co_return;
                                                });
    }

private:
    AsyncPipelineClient client_;
};

class DistributedTraceTest : public ::testing::Test {
protected:
    DistributedTraceTest() {
        tracing::set_tracer_provider(provider_);
        settings.tracing_enabled.set_value(true);
    }
    ~DistributedTraceTest() override {
        settings.tracing_enabled.unset_value();
        tracing::set_tracer_provider(nullptr);
    }
    std::vector<SpanData> spans() const { return exporter_->get_finished_spans(); }
    std::string tree() const {
        // Names and kinds only (durations vary).
        std::string out;
        for (const SpanData& span : spans()) out += span.name + "/" + std::string(to_string(span.kind)) + " ";
        return out;
    }
    template <class T>
    T run(net::awaitable<T> work) {
        auto future = boost::asio::co_spawn(io_, std::move(work), boost::asio::use_future);
        io_.run();
        io_.restart();
        return future.get();
    }

    testserver::TestServer server_;
    std::shared_ptr<tracing::sdk::InMemorySpanExporter> exporter_ = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    std::shared_ptr<tracing::sdk::TracerProvider> provider_ = tracing::sdk::TracerProvider::create(
        {.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter_)}});
    boost::asio::io_context io_;
};

// What both faces must show for get_widget: the method's INTERNAL span with the decorator's
// attributes and the client's scope, and the HTTP span under it.
void expect_method_with_one_http_span(const std::vector<SpanData>& finished, const std::string& method) {
    ASSERT_EQ(finished.size(), 2u);
    EXPECT_EQ(finished[0].name, "GET");
    EXPECT_EQ(finished[1].name, method);
    EXPECT_EQ(finished[1].kind, SpanKind::INTERNAL);
    EXPECT_EQ(finished[0].parent, finished[1].context);
    EXPECT_FALSE(finished[1].parent.is_valid());
    EXPECT_EQ(finished[1].attributes, (tracing::Attributes{{"widget", true}}));
    EXPECT_EQ(finished[1].scope, widgets_scope);
    EXPECT_EQ(finished[1].status, tracing::StatusCode::UNSET);
}

TEST_F(DistributedTraceTest, AMethodSpanHoldsItsHttpSpans) {
    WidgetClient client(server_.base_url());
    client.get_widget();
    expect_method_with_one_http_span(spans(), "WidgetClient.get_widget");
    EXPECT_EQ(tracing::get_current_span(), nullptr);
}

TEST_F(DistributedTraceTest, AsyncAMethodSpanHoldsItsHttpSpans) {
    AsyncWidgetClient client(server_.base_url(), io_.get_executor());
    run(client.get_widget());
    expect_method_with_one_http_span(spans(), "AsyncWidgetClient.get_widget");
}

TEST_F(DistributedTraceTest, ANestedMethodOpensNoSpanOfItsOwn) {
    WidgetClient client(server_.base_url());
    EXPECT_EQ(client.get_two(), 2);
    EXPECT_EQ(tree(), "GET/CLIENT GET/CLIENT WidgetClient.get_two/INTERNAL ");
    const std::vector<SpanData> finished = spans();
    EXPECT_EQ(finished[0].parent, finished[2].context);
    EXPECT_EQ(finished[1].parent, finished[2].context);
}

TEST_F(DistributedTraceTest, AsyncANestedMethodOpensNoSpanOfItsOwn) {
    AsyncWidgetClient client(server_.base_url(), io_.get_executor());
    EXPECT_EQ(run(client.get_two()), 2);
    EXPECT_EQ(tree(), "GET/CLIENT GET/CLIENT AsyncWidgetClient.get_two/INTERNAL ");
    const std::vector<SpanData> finished = spans();
    EXPECT_EQ(finished[0].parent, finished[2].context);
    EXPECT_EQ(finished[1].parent, finished[2].context);
}

TEST_F(DistributedTraceTest, PerCallOptionsAndMergeSpan) {
    WidgetClient client(server_.base_url());
    client.get_widget({{"tracing_options", tracing::TracingOptions{.enabled = false}}});
    EXPECT_TRUE(spans().empty());
    client.get_widget({{"merge_span", true}});  // no parent given: the HTTP span stands alone
    EXPECT_EQ(tree(), "GET/CLIENT ");
    exporter_->clear();
    auto caller = provider_->get_tracer({})->start_span("caller");
    client.get_widget({{"merge_span", true}, {"parent_span", caller}});  // merged, but a parent: a span
    client.get_widget({{"tracing_attributes", tracing::Attributes{{"call", 1}}}});
    caller->end();
    const std::vector<SpanData> finished = spans();
    ASSERT_EQ(finished.size(), 5u);
    EXPECT_EQ(finished[1].name, "WidgetClient.get_widget");
    EXPECT_EQ(finished[1].parent, caller->context());
    EXPECT_EQ(finished[3].attributes, (tracing::Attributes{{"call", 1}}));  // the call's replace the decorator's
    EXPECT_EQ(finished[2].attributes.find("call") != nullptr, true);        // and reach the HTTP span
}

TEST_F(DistributedTraceTest, AsyncPerCallOptionsAndMergeSpan) {
    AsyncWidgetClient client(server_.base_url(), io_.get_executor());
    run(client.get_widget({{"tracing_options", tracing::TracingOptions{.enabled = false}}}));
    EXPECT_TRUE(spans().empty());
    run(client.get_widget({{"merge_span", true}}));
    EXPECT_EQ(tree(), "GET/CLIENT ");
}

// Every page's HTTP span is a child of the list method's span, fetched after it ended.
void expect_pages_under_the_method(const std::vector<SpanData>& finished, const std::string& method) {
    ASSERT_EQ(finished.size(), 4u);
    EXPECT_EQ(finished[0].name, method);
    for (std::size_t page = 1; page < 4; ++page) {
        SCOPED_TRACE("page " + std::to_string(page));
        EXPECT_EQ(finished[page].name, "GET");
        EXPECT_EQ(finished[page].parent, finished[0].context);
        EXPECT_GE(finished[page].start_time, finished[0].end_time);
    }
}

TEST_F(DistributedTraceTest, APagedMethodsPagesAreItsChildren) {
    WidgetClient client(server_.base_url());
    std::vector<int> items;
    for (int item : client.list_widgets()) items.push_back(item);
    EXPECT_EQ(items, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    expect_pages_under_the_method(spans(), "WidgetClient.list_widgets");
}

TEST_F(DistributedTraceTest, AsyncAPagedMethodsPagesAreItsChildren) {
    AsyncWidgetClient client(server_.base_url(), io_.get_executor());
    const std::vector<int> items = run([](AsyncWidgetClient& widgets) -> net::awaitable<std::vector<int>> {
        std::vector<int> out;
        auto pager = widgets.list_widgets();
        while (auto item = co_await pager.next()) out.push_back(*item);
        co_return out;
    }(client));
    EXPECT_EQ(items, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    expect_pages_under_the_method(spans(), "AsyncWidgetClient.list_widgets");
}

// A client whose pipeline has no tracing policy (an explicit policy list): the options
// distributed_trace passes on are dropped, and the call works.
TEST_F(DistributedTraceTest, APipelineWithoutTheTracingPolicyIgnoresWhatTheDecoratorPassesOn) {
    auto transport = std::make_shared<transport::MockTransport>(std::vector<transport::MockTransport::Outcome>{
        transport::MockResponse{.status_code = 200, .body = to_bytes(std::string("ok"))}});
    PipelineClient bare("https://widgets.example", {.policies = std::vector<std::shared_ptr<pipeline::HTTPPolicy>>{}, .transport = transport});
    options::Kwargs kwargs;
    const std::string text = tracing::distributed_trace({.name_of_span = "BareClient.get"}, kwargs, [&](options::Kwargs& call) {
        return bare.send_request(HttpRequest("GET", "/w"), {.kwargs = call})->text();
    });
    EXPECT_EQ(text, "ok");
    const std::vector<std::vector<std::string>> seen = transport->options_seen();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(std::count(seen[0].begin(), seen[0].end(), "parent_span"), 0);
    EXPECT_EQ(tree(), "BareClient.get/INTERNAL ");
}

void expect_failed_method(const std::vector<SpanData>& finished, const std::string& method) {
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0].name, method);
    EXPECT_EQ(finished[0].status, tracing::StatusCode::ERROR);
    EXPECT_EQ(finished[0].status_description, "out_of_range: no such widget");
    EXPECT_EQ(*finished[0].attributes.find("error.type"), tracing::AttributeValue(std::string("std::out_of_range")));
    ASSERT_EQ(finished[0].events.size(), 1u);
    EXPECT_EQ(finished[0].events[0].name, "exception");
}

TEST_F(DistributedTraceTest, AMethodThatThrowsEndsItsSpanWithTheError) {
    WidgetClient client(server_.base_url());
    EXPECT_THROW(client.fail(), std::out_of_range);
    expect_failed_method(spans(), "WidgetClient.fail");
    EXPECT_EQ(tracing::get_current_span(), nullptr);
    client.get_widget();  // the next call is not a child of the failed one
    EXPECT_FALSE(spans().back().parent.is_valid());
}

TEST_F(DistributedTraceTest, AsyncAMethodThatThrowsEndsItsSpanWithTheError) {
    AsyncWidgetClient client(server_.base_url(), io_.get_executor());
    EXPECT_THROW(run(client.fail()), std::out_of_range);
    expect_failed_method(spans(), "AsyncWidgetClient.fail");
}

}  // namespace
}  // namespace azcore::test
