#include <azcore/tracing/tracer.hpp>

#include <mutex>

namespace azcore::tracing {
namespace {

std::mutex provider_mutex;
std::shared_ptr<TracerProvider> process_provider;

}  // namespace

std::string_view library_version() { return AZCORE_VERSION; }

void set_tracer_provider(std::shared_ptr<TracerProvider> provider) {
    std::lock_guard lock(provider_mutex);
    process_provider = std::move(provider);
}

std::shared_ptr<TracerProvider> get_tracer_provider() {
    std::lock_guard lock(provider_mutex);
    return process_provider;
}

std::shared_ptr<Tracer> get_tracer(const InstrumentationScope& scope) {
    const std::shared_ptr<TracerProvider> provider = get_tracer_provider();
    return provider ? provider->get_tracer(scope) : nullptr;
}

}  // namespace azcore::tracing
