// Step: azcore's own tracing SDK records a client method's spans, printed as a tree.
#include "demo_tour.hpp"

#include <azcore/paging.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/settings.hpp>
#include <azcore/tracing/decorator.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/span_processor.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/tracing/tracer.hpp>

#include <boost/json.hpp>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace azrest::demo {
namespace {

namespace tracing = azcore::tracing;

// Tracing on, into exporter, until destroyed.
class TracingOn {
public:
    explicit TracingOn(std::shared_ptr<tracing::sdk::InMemorySpanExporter> exporter) {
        tracing::set_tracer_provider(
            tracing::sdk::TracerProvider::create({.processors = {std::make_shared<tracing::sdk::SimpleSpanProcessor>(exporter)}}));
        azcore::settings.tracing_enabled.set_value(true);
    }
    ~TracingOn() {
        azcore::settings.tracing_enabled.unset_value();
        tracing::set_tracer_provider(nullptr);
    }
    TracingOn(const TracingOn&) = delete;
    TracingOn& operator=(const TracingOn&) = delete;
};

// A client method as a generated client writes it: one span for the call, the HTTP spans under it.
std::size_t list_item_count(const azcore::PipelineClient& client) {
    azcore::options::Kwargs kwargs;
    return tracing::distributed_trace({.name_of_span = "DemoClient.list_items"}, kwargs, [&](azcore::options::Kwargs& call) {
        azcore::paging::ItemPaged<boost::json::value> items(
            [&](const std::optional<std::string>& next_link) {
                azcore::rest::HttpRequest request =
                    next_link ? azcore::rest::HttpRequest("GET", *next_link)
                              : azcore::rest::HttpRequest("GET", "/paged/items", {.params = {{"count", "6"}, {"page_size", "3"}}});
                return client.send_request(std::move(request), {.kwargs = call});
            },
            [](const auto& response) {
                const boost::json::object& page = response->json().as_object();
                std::optional<std::string> next_link;
                if (const auto* link = page.if_contains("nextLink")) next_link = std::string(link->as_string());
                const boost::json::array& values = page.at("value").as_array();
                return azcore::paging::PageData<boost::json::value>(next_link, {values.begin(), values.end()});
            });
        std::size_t count = 0;
        for (const boost::json::value& item : items) count += item.is_object();
        return count;
    });
}

// The spans with only the attributes worth a line each.
std::vector<tracing::sdk::SpanData> brief(std::vector<tracing::sdk::SpanData> spans) {
    for (auto& span : spans) {
        tracing::Attributes kept;
        for (const char* key : {"url.full", "http.response.status_code"})
            if (const tracing::AttributeValue* value = span.attributes.find(key)) kept.set(key, *value);
        span.attributes = kept;
    }
    return spans;
}

}  // namespace

void span_tree_step(Tour& tour) {
    azcore::PipelineClient client(tour.base_url());
    auto exporter = std::make_shared<tracing::sdk::InMemorySpanExporter>();
    std::size_t count = 0;
    {
        TracingOn on(exporter);
        count = list_item_count(client);
    }
    const std::vector<tracing::sdk::SpanData> spans = exporter->get_finished_spans();
    tour.say("DemoClient.list_items read {} items in 2 pages; its spans (two attributes of each shown):", count);
    std::istringstream tree(tracing::sdk::format_span_tree(brief(spans)));
    for (std::string line; std::getline(tree, line);) tour.say("  {}", line);

    const tracing::sdk::SpanData* root = nullptr;
    std::size_t children = 0;
    for (const auto& span : spans)
        if (span.name == "DemoClient.list_items") root = &span;
    for (const auto& span : spans)
        children += root && span.kind == tracing::SpanKind::CLIENT && span.parent.span_id == root->context.span_id;
    tour.check(count == 6, "the method reads the 6 items");
    tour.check(root != nullptr && spans.size() == 3, "one span for the method and one per page request");
    tour.check(children == 2, "both page requests are CLIENT spans under the method's span");
}

}  // namespace azrest::demo
