#include "client_factory.hpp"

#include "arguments.hpp"
#include "authentication.hpp"
#include "query_parameters_policy.hpp"
#include "usage_error.hpp"

#include <azcore/policies/headers_policy.hpp>
#include <azcore/policies/retry_policy.hpp>
#include <azcore/transport/beast_transport.hpp>

#include <boost/url/parse.hpp>

#include <string_view>

namespace azrest {

namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::shared_ptr<azcore::policies::HeadersPolicy> headers_policy(const std::vector<std::string>& headers) {
    auto policy = std::make_shared<azcore::policies::HeadersPolicy>();
    for (const std::string& header : headers) {
        auto colon = header.find(':');
        std::string_view name = colon == std::string::npos ? std::string_view() : trimmed(std::string_view(header).substr(0, colon));
        if (name.empty()) throw UsageError("--header: '" + header + "' is not NAME:VALUE");
        policy->add_header(name, std::string(trimmed(std::string_view(header).substr(colon + 1))));
    }
    return policy;
}

std::vector<std::pair<std::string, std::string>> query_parameters(const std::vector<std::string>& queries) {
    std::vector<std::pair<std::string, std::string>> parameters;
    for (const std::string& query : queries) {
        auto equals = query.find('=');
        if (equals == std::string::npos || equals == 0) throw UsageError("--query: '" + query + "' is not NAME=VALUE");
        parameters.emplace_back(query.substr(0, equals), query.substr(equals + 1));
    }
    return parameters;
}

}  // namespace

CommandClient make_client(const Arguments& arguments) {
    using namespace azcore;
    transport::ConnectionConfiguration connection;
    if (arguments.timeout) connection.connection_timeout = connection.read_timeout = *arguments.timeout;
    if (arguments.insecure) connection.connection_verify = false;
    connection.http2 = arguments.http2;  // offered in the TLS handshake; the server decides

    Configuration config = default_configuration();
    config.headers_policy = headers_policy(arguments.headers);
    policies::RetryPolicyOptions retry;
    if (arguments.retries) retry.retry_total = *arguments.retries;
    config.retry_policy = std::make_shared<policies::RetryPolicy>(retry);
    config.authentication_policy = make_authentication_policy(arguments);

    PipelineClientOptions options{
        .per_call_policies = {std::make_shared<QueryParametersPolicy>(query_parameters(arguments.queries))},
        .transport = std::make_shared<transport::BeastTransport>(connection),
        .config = std::move(config),
    };
    // The origin: relative status links (which LROBasePolling joins to the base URL) are
    // root-relative in practice ("/operations/1").
    auto url = boost::urls::parse_absolute_uri(arguments.url());
    std::string origin = std::string(url->scheme()) + "://" + std::string(url->encoded_authority());
    CommandClient made{.client = std::make_unique<PipelineClient>(origin, std::move(options))};
    if (arguments.allow_http) made.call_options.set("enforce_https", false);
    return made;
}

}  // namespace azrest
