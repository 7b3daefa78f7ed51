#include "transport/transfer_settings.hpp"

#include <azcore/options/keys.hpp>
#include <azcore/rest/http_request.hpp>

#include "rest/request_validation.hpp"

#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

namespace azcore::transport::detail {
namespace {

double positive_seconds(std::string_view name, double value) {
    if (!(value > 0)) throw std::invalid_argument(std::string(name) + ": must be a positive number of seconds");
    return value;
}

const char* env(const char* lower, const char* upper) {
    const char* value = std::getenv(lower);
    if (value == nullptr || *value == '\0') value = std::getenv(upper);
    return (value != nullptr && *value != '\0') ? value : nullptr;
}

}  // namespace

std::optional<std::string> select_proxy(const std::map<std::string, std::string>& proxies, boost::urls::url_view url,
                                        bool use_env) {
    // Most clients configure no proxies: only the scheme is needed then.
    const bool https = boost::urls::grammar::ci_is_equal(url.scheme(), "https");
    if (!proxies.empty()) {
        std::string scheme(url.scheme());
        std::string host(url.host());
        for (const std::string& key : {scheme + "://" + host, scheme, "all://" + host, std::string("all")}) {
            auto it = proxies.find(key);
            if (it != proxies.end()) return it->second;
        }
    }
    if (!use_env) return std::nullopt;
    const char* value = https ? env("https_proxy", "HTTPS_PROXY") : env("http_proxy", "HTTP_PROXY");
    if (value == nullptr) value = env("all_proxy", "ALL_PROXY");
    if (value == nullptr) return std::nullopt;
    return std::string(value);
}

std::size_t resolve_max_decoded_size(std::size_t configured, const options::Kwargs& kwargs) {
    const std::optional<std::int64_t> bytes = options::max_decoded_size.get(kwargs);
    if (!bytes) return configured;
    if (*bytes < 0) throw std::invalid_argument("max_decoded_size: must be a number of bytes (0: no limit)");
    return static_cast<std::size_t>(*bytes);
}

TransferSettings resolve_settings(const ConnectionConfiguration& config, const options::Kwargs& kwargs,
                                  const rest::HttpRequest& request) {
    // The request check, which the pipeline leaves to this transport (checks_requests()).
    const boost::urls::url_view parsed = rest::detail::validate_request(request);
    TransferSettings settings;
    settings.connection_timeout = positive_seconds(options::connection_timeout.name(),
                                                   options::connection_timeout.get(kwargs).value_or(config.connection_timeout));
    settings.read_timeout =
        positive_seconds(options::read_timeout.name(), options::read_timeout.get(kwargs).value_or(config.read_timeout));
    settings.deadline = options::deadline.get(kwargs);
    settings.connection_verify = options::connection_verify.get(kwargs).value_or(config.connection_verify);
    settings.connection_cert = options::connection_cert.get(kwargs);
    if (!settings.connection_cert) settings.connection_cert = config.connection_cert;
    auto proxies = options::proxies.get(kwargs);
    const auto scheme = parsed.scheme_id();
    settings.host_key.assign(scheme == boost::urls::scheme::https ? "https://" : "http://").append(parsed.encoded_host_and_port());
    settings.proxy = select_proxy(proxies ? *proxies : config.proxies, parsed, config.use_env_settings);
    if (config.use_env_settings)
        if (const char* no_proxy = env("no_proxy", "NO_PROXY")) settings.no_proxy = no_proxy;
    settings.reading = ResponseReading::from(kwargs, &config);
    return settings;
}

}  // namespace azcore::transport::detail
