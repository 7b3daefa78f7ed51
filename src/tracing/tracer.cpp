#include <azcore/tracing/tracer.hpp>

#include <azcore/settings.hpp>
#include <azcore/utils/string_utils.hpp>

#include <map>
#include <mutex>

namespace azcore::tracing {
namespace {

std::mutex provider_mutex;
std::shared_ptr<TracerProvider> process_provider;
std::map<std::string, std::shared_ptr<TracerProvider>, std::less<>> registered_providers;

}  // namespace

std::string_view library_version() { return AZCORE_VERSION; }

void set_tracer_provider(std::shared_ptr<TracerProvider> provider) {
    std::lock_guard lock(provider_mutex);
    process_provider = std::move(provider);
}

void register_tracer_provider(std::string_view name, std::shared_ptr<TracerProvider> provider) {
    std::string key = utils::to_lower(name);
    std::lock_guard lock(provider_mutex);
    if (provider) registered_providers.insert_or_assign(std::move(key), std::move(provider));
    else registered_providers.erase(key);
}

std::shared_ptr<TracerProvider> get_tracer_provider() {
    const std::optional<std::string> implementation = settings.tracing_implementation();
    std::lock_guard lock(provider_mutex);
    if (implementation)
        if (const auto found = registered_providers.find(*implementation); found != registered_providers.end())
            return found->second;
    return process_provider;
}

std::shared_ptr<Tracer> get_tracer(const InstrumentationScope& scope) {
    const std::shared_ptr<TracerProvider> provider = get_tracer_provider();
    return provider ? provider->get_tracer(scope) : nullptr;
}

}  // namespace azcore::tracing
