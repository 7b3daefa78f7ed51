#include "diagnostics.hpp"

#include <azcore/logging/handler.hpp>
#include <azcore/logging/logger.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/settings.hpp>
#include <azcore/tracing/sdk/in_memory_span_exporter.hpp>
#include <azcore/tracing/sdk/span_processor.hpp>
#include <azcore/tracing/sdk/tracer_provider.hpp>
#include <azcore/tracing/tracer.hpp>

#include <fmt/core.h>

namespace azrest {

void enable_http_log() {
    azcore::logging::Logger& logger = azcore::logging::get_logger(azcore::policies::HttpLoggingPolicy::LOGGER_NAME);
    logger.set_level(azcore::logging::INFO);
    logger.add_handler(std::make_shared<azcore::logging::StreamHandler>());
}

TraceSession::TraceSession() : exporter_(std::make_shared<azcore::tracing::sdk::InMemorySpanExporter>()) {
    using namespace azcore::tracing;
    auto processor = std::make_shared<sdk::SimpleSpanProcessor>(exporter_);
    set_tracer_provider(sdk::TracerProvider::create({.processors = {processor}}));
    azcore::settings.tracing_enabled.set_value(true);
}

TraceSession::~TraceSession() {
    azcore::settings.tracing_enabled.unset_value();
    azcore::tracing::set_tracer_provider(nullptr);
}

void TraceSession::print_span_tree() const {
    std::string tree = azcore::tracing::sdk::format_span_tree(exporter_->get_finished_spans());
    fmt::print(stderr, "{}", tree);
    if (!tree.empty() && tree.back() != '\n') fmt::print(stderr, "\n");
}

}  // namespace azrest
