#include "commands.hpp"
#include "output_file.hpp"

#include <azcore/credentials/static_token_credential.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/policies/bearer_token_credential_policy.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <boost/url/parse.hpp>
#include <fmt/core.h>

#include <iostream>

namespace azrest {

int run_request(const RequestArguments& arguments) {
    using namespace azcore;
    rest::HttpRequestOptions options;
    for (const std::string& header : arguments.headers) {
        auto colon = header.find(':');
        if (colon == std::string::npos) {
            fmt::print(stderr, "azrest: --header must be 'Name: value', got '{}'\n", header);
            return 2;
        }
        std::string value = header.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        options.headers.add(header.substr(0, colon), value);
    }
    for (const std::string& param : arguments.params) {
        auto eq = param.find('=');
        if (eq == std::string::npos) {
            fmt::print(stderr, "azrest: --param must be 'name=value', got '{}'\n", param);
            return 2;
        }
        options.params.emplace_back(param.substr(0, eq), param.substr(eq + 1));
    }
    if (!arguments.body.empty()) options.content = arguments.body;
    try {
        transport::ConnectionConfiguration config;
        if (arguments.insecure) config.connection_verify = false;
        PipelineClientOptions client_options{.transport = std::make_shared<transport::CurlTransport>(config)};
        SendRequestOptions send_options{.stream = true};
        if (!arguments.token.empty() || !arguments.token_env.empty()) {
            auto credential = std::make_shared<credentials::StaticTokenCredential>(
                arguments.token.empty() ? credentials::StaticTokenCredential::from_env(arguments.token_env)
                                        : credentials::StaticTokenCredential(arguments.token));
            std::vector<std::string> scopes = arguments.scopes;
            if (scopes.empty()) {
                auto url = boost::urls::parse_uri(arguments.url);
                if (!url) throw std::invalid_argument("url: not an absolute URL");  // not quoted: it may hold a SAS
                scopes.push_back(std::string(url->scheme()) + "://" + std::string(url->encoded_host()) + "/.default");
            }
            Configuration with_token = default_configuration();
            with_token.authentication_policy = std::make_shared<policies::BearerTokenCredentialPolicy>(credential, scopes);
            client_options.config = with_token;
            if (arguments.allow_http) send_options.kwargs.set("enforce_https", false);
        }
        PipelineClient client(arguments.url, std::move(client_options));
        auto response = client.send_request(rest::HttpRequest(arguments.method, arguments.url, std::move(options)),
                                            send_options);
        if (arguments.include_headers) {
            fmt::print("HTTP/{} {} {}\n", response->http_version(), response->status_code(), response->reason());
            for (const auto& [name, value] : response->headers()) fmt::print("{}: {}\n", name, value);
            fmt::print("\n");
        }
        if (!arguments.output.empty() && response->status_code() < 400) {
            std::size_t saved = save_body(client, response, send_options, arguments.output);
            fmt::print(stderr, "azrest: saved {} bytes to {}\n", saved, arguments.output);
            return 0;
        }
        for (BytesView chunk : response->iter_bytes(65536)) std::cout.write(reinterpret_cast<const char*>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
        std::cout.flush();
        return response->status_code() >= 400 ? 1 : 0;
    } catch (const exceptions::AzureError& error) {
        fmt::print(stderr, "azrest: {}\n", error.what());
        return 1;
    } catch (const std::invalid_argument& error) {
        fmt::print(stderr, "azrest: {}\n", error.what());
        return 2;
    } catch (const std::runtime_error& error) {  // --output: the file could not be written
        fmt::print(stderr, "azrest: {}\n", error.what());
        return 1;
    }
}

}  // namespace azrest
