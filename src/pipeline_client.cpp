#include <azcore/pipeline_client.hpp>

#include <azcore/policies/content_decode_policy.hpp>
#include <azcore/policies/http_logging_policy.hpp>
#include <azcore/policies/request_id_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/policies/sensitive_header_cleanup_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "client_core.hpp"
#include "utils/url.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace azcore {
namespace {

using PolicyList = std::vector<std::shared_ptr<pipeline::HTTPPolicy>>;

void append(PolicyList& list, const std::shared_ptr<pipeline::HTTPPolicy>& policy) {
    if (policy) list.push_back(policy);
}

void append_all(PolicyList& list, const PolicyList& policies) {
    for (const auto& policy : policies) append(list, policy);
}

// Fills every placeholder; the name of the first one without an argument if any is missing.
std::optional<std::string> fill(std::string_view text, const std::map<std::string, std::string>& arguments,
                                std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) throw std::invalid_argument("url_template: unbalanced '{'");
            std::string name(text.substr(i + 1, close - i - 1));
            auto it = arguments.find(name);
            if (it == arguments.end()) return name;
            out += it->second;
            i = close + 1;
        } else {
            out += text[i++];
        }
    }
    return std::nullopt;
}

std::string formatted_base(const std::string& base_url, const std::map<std::string, std::string>& arguments) {
    std::string base;
    if (auto missing = fill(base_url, arguments, base))
        throw std::invalid_argument("The value provided for the url part " + *missing +
                                    " was incorrect, and resulted in an invalid url");
    return base;
}

}  // namespace

std::string format_url_section(std::string_view url_template, const std::map<std::string, std::string>& arguments) {
    std::string current(url_template);
    std::string out;
    for (;;) {
        auto missing = fill(current, arguments, out);
        if (!missing) return out;
        // Drop every path component that holds the missing placeholder, as Python does.
        std::string placeholder = "{" + *missing + "}";
        std::string kept;
        std::size_t start = 0;
        bool first = true;
        while (start <= current.size()) {
            std::size_t slash = current.find('/', start);
            std::string component = current.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            if (component.find(placeholder) == std::string::npos) {
                if (!first) kept += '/';
                kept += component;
                first = false;
            }
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        current = kept;
    }
}

PolicyList build_policies(const Configuration& config, const PipelineClientOptions& options) {
    PolicyList list;
    if (options.policies) {
        append_all(list, options.per_call_policies);
        append_all(list, *options.policies);
        if (options.per_retry_policies.empty()) return list;
        // Python puts them right after the last RetryPolicy of the list.
        auto last_retry = std::find_if(list.rbegin(), list.rend(), [](const auto& policy) {
            return dynamic_cast<const policies::RetryPolicy*>(policy.get()) != nullptr;
        });
        if (last_retry == list.rend())
            throw std::invalid_argument(
                "Failed to add per_retry_policies; no RetryPolicy found in the supplied list of policies. ");
        PolicyList per_retry;
        append_all(per_retry, options.per_retry_policies);
        list.insert(last_retry.base(), per_retry.begin(), per_retry.end());
        return list;
    }
    // Python's _build_pipeline (1.30+), in its order; an empty slot is left out.
    append(list, config.request_id_policy ? config.request_id_policy : std::make_shared<policies::RequestIdPolicy>());
    append(list, config.headers_policy);
    append(list, config.user_agent_policy);
    append(list, config.proxy_policy);
    append(list, std::make_shared<policies::ContentDecodePolicy>());
    append_all(list, options.per_call_policies);
    append(list, config.redirect_policy);
    append(list, config.retry_policy);
    append(list, config.authentication_policy);
    append(list, config.custom_hook_policy);
    append_all(list, options.per_retry_policies);
    append(list, config.logging_policy);
    // DistributedTracingPolicy goes here once tracing exists.
    if (config.redirect_policy) append(list, std::make_shared<policies::SensitiveHeaderCleanupPolicy>());
    append(list, config.http_logging_policy ? config.http_logging_policy : std::make_shared<policies::HttpLoggingPolicy>());
    return list;
}

PipelineClient::PipelineClient(std::string base_url, PipelineClientOptions options)
    : base_url_(std::move(base_url)),
      config_(detail::configuration_of(options)),
      pipeline_(options.transport ? options.transport : std::make_shared<transport::CurlTransport>(),
                build_policies(config_, options)) {}

std::string format_url_for(const std::string& base_url, std::string_view url_template,
                           const std::map<std::string, std::string>& arguments) {
    std::string url = format_url_section(url_template, arguments);
    if (url.empty()) return formatted_base(base_url, arguments);
    if (utils::detail::is_absolute_url(url)) return url;
    std::size_t slashes = url.find_first_not_of('/');
    url.erase(0, slashes == std::string::npos ? url.size() : slashes);
    return utils::detail::join_url(formatted_base(base_url, arguments), url);
}

std::string PipelineClient::format_url(std::string_view url_template, const std::map<std::string, std::string>& arguments) const {
    return format_url_for(base_url_, url_template, arguments);
}

std::shared_ptr<rest::HttpResponse> PipelineClient::send_request(rest::HttpRequest request, SendRequestOptions options) const {
    pipeline::Kwargs kwargs = detail::prepare_send(base_url_, request, std::move(options));
    pipeline::PipelineResponse response = pipeline_.run(std::move(request), std::move(kwargs));
    return std::static_pointer_cast<rest::HttpResponse>(response.http_response);
}

void PipelineClient::close() { pipeline_.transport()->close(); }

}  // namespace azcore
