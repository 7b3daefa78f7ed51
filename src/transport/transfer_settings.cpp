#include "transport/transfer_settings.hpp"

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include "options/given.hpp"
#include "rest/request_validation.hpp"
#include "transport/url_origin.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <stdexcept>

namespace azcore::transport::detail {
namespace {

double positive_seconds(std::string_view name, double value) {
    if (!(value > 0)) throw std::invalid_argument(std::string(name) + ": must be a positive number of seconds");
    return value;
}

/// The proxy variables of the environment, read in one pass over it (every request reads them, as
/// Python requests does). A lower-case name wins over its upper-case twin unless it is empty.
struct ProxyEnvironment {
    const char* http = nullptr;
    const char* https = nullptr;
    const char* all = nullptr;
    const char* no = nullptr;

    static ProxyEnvironment read() {
        ProxyEnvironment found;
        ProxyEnvironment upper;
        for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
            const char* text = *entry;
            // Every name sought starts with h, a or n in either case: most entries end here.
            const char first = static_cast<char>(*text | 0x20);
            if (first != 'h' && first != 'a' && first != 'n') continue;
            const char* equals = std::strchr(text, '=');
            if (equals == nullptr || equals - text < 8) continue;
            const std::string_view name(text, static_cast<std::size_t>(equals - text));
            const std::string_view suffix = name.substr(name.size() - 6);
            const bool is_lower = suffix == "_proxy";
            if (!is_lower && suffix != "_PROXY") continue;
            const std::string_view prefix = name.substr(0, name.size() - 6);
            ProxyEnvironment& into = is_lower ? found : upper;
            const char* value = equals + 1;
            if (prefix == (is_lower ? "http" : "HTTP")) into.http = value;
            else if (prefix == (is_lower ? "https" : "HTTPS")) into.https = value;
            else if (prefix == (is_lower ? "all" : "ALL")) into.all = value;
            else if (prefix == (is_lower ? "no" : "NO")) into.no = value;
        }
        found.http = pick(found.http, upper.http);
        found.https = pick(found.https, upper.https);
        found.all = pick(found.all, upper.all);
        found.no = pick(found.no, upper.no);
        return found;
    }

private:
    static const char* pick(const char* lower, const char* upper) {
        if (lower != nullptr && *lower != '\0') return lower;
        return (upper != nullptr && *upper != '\0') ? upper : nullptr;
    }
};

/// The proxy for url as Python requests picks it from explicit proxies: "scheme://host", "scheme",
/// "all://host", then "all".
std::optional<std::string> configured_proxy(const std::map<std::string, std::string>& proxies, const UrlOrigin& origin) {
    const std::string& scheme = origin.scheme;
    const std::string& host = origin.proxy_host;
    for (const std::string& key : {scheme + "://" + host, scheme, "all://" + host, std::string("all")}) {
        auto it = proxies.find(key);
        if (it != proxies.end()) return it->second;
    }
    return std::nullopt;
}

/// The transfer options other than stream.
constexpr std::string_view call_option_names[] = {
    options::connection_timeout.name(), options::read_timeout.name(), options::deadline.name(),
    options::connection_verify.name(),  options::connection_cert.name(), options::proxies.name(),
    options::max_decoded_size.name()};

/// The call's transfer options over the configured values in settings, in the order they are
/// checked; the call's proxies, if it passed any.
std::optional<std::map<std::string, std::string>> apply_call_options(TransferSettings& settings,
                                                                     const options::Kwargs& kwargs) {
    if (auto seconds = options::connection_timeout.get(kwargs))
        settings.connection_timeout = positive_seconds(options::connection_timeout.name(), *seconds);
    if (auto seconds = options::read_timeout.get(kwargs))
        settings.read_timeout = positive_seconds(options::read_timeout.name(), *seconds);
    settings.deadline = options::deadline.get(kwargs);
    if (auto verify = options::connection_verify.get(kwargs)) settings.connection_verify = std::move(*verify);
    if (auto cert = options::connection_cert.get(kwargs)) settings.connection_cert = std::move(*cert);
    auto proxies = options::proxies.get(kwargs);
    settings.reading.max_decoded_size = resolve_max_decoded_size(settings.reading.max_decoded_size, kwargs);
    return proxies;
}

}  // namespace

std::size_t resolve_max_decoded_size(std::size_t configured, const options::Kwargs& kwargs) {
    const std::optional<std::int64_t> bytes = options::max_decoded_size.get(kwargs);
    if (!bytes) return configured;
    if (*bytes < 0) throw std::invalid_argument("max_decoded_size: must be a number of bytes (0: no limit)");
    return static_cast<std::size_t>(*bytes);
}

TransferSettings resolve_settings(const ConnectionConfiguration& config, const options::Kwargs& kwargs,
                                  const rest::HttpRequest& request) {
    // The request check, which the pipeline leaves to this transport (checks_requests()).
    CheckedUrl url = rest::detail::validate_request(request, check_url);
    TransferSettings settings;
    settings.connection_timeout = config.connection_timeout;
    settings.read_timeout = config.read_timeout;
    settings.connection_verify = config.connection_verify;
    settings.connection_cert = config.connection_cert;
    settings.reading = {.stream = options::stream.get(kwargs),
                        .block_size = config.connection_data_block_size,
                        .max_decoded_size = config.max_decoded_size};
    // Most calls carry none of the other transfer options: their reading stays out of the way.
    std::optional<std::map<std::string, std::string>> proxies;
    if (options::detail::any_given(kwargs, call_option_names)) proxies = apply_call_options(settings, kwargs);
    positive_seconds(options::connection_timeout.name(), settings.connection_timeout);
    positive_seconds(options::read_timeout.name(), settings.read_timeout);
    settings.host_key = url.origin.host_key;
    settings.host = url.origin.host;
    settings.port = url.origin.port;
    settings.target = std::move(url.target);
    const auto& configured = proxies ? *proxies : config.proxies;
    if (!configured.empty()) settings.proxy = configured_proxy(configured, url.origin);
    if (config.use_env_settings) {
        const ProxyEnvironment environment = ProxyEnvironment::read();
        if (!settings.proxy) {
            const char* value = url.origin.https ? environment.https : environment.http;
            if (value == nullptr) value = environment.all;
            if (value != nullptr) settings.proxy = value;
        }
        if (environment.no != nullptr) settings.no_proxy = environment.no;
    }
    return settings;
}

}  // namespace azcore::transport::detail
