#include "arguments.hpp"

#include "usage_error.hpp"

#include <boost/url/parse.hpp>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>

namespace azrest {

std::string Arguments::method() const {
    if (positionals.size() == 2) {
        std::string method = positionals.front();
        for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return method;
    }
    return body ? "POST" : "GET";
}

const std::string& Arguments::url() const { return positionals.back(); }

void add_request_options(CLI::App& app, Arguments& a) {
    app.add_option("METHOD_URL", a.positionals, "[METHOD] URL: GET by default, POST with a body")->expected(1, 2);
    app.add_option("--header,-H", a.headers, "NAME:VALUE, sent with every request (repeatable)");
    app.add_option("--query,-q", a.queries,
                   "NAME=VALUE, added to every request unless its URL has NAME already (repeatable)");
    app.add_option("--body,-b", a.body, "The request body: JSON text, or @FILE for a file's bytes");
    CLI::Option* paged = app.add_flag("--paged", a.paged, "Follow next links and print every item as a JSON line");
    app.add_option("--items-path", a.items_path, "Dotted path of the items array in a page")
        ->capture_default_str()
        ->needs(paged);
    app.add_option("--next-link-path", a.next_link_path, "Dotted path of the next link in a page")
        ->capture_default_str()
        ->needs(paged);
    CLI::Option* wait = app.add_flag("--wait", a.wait, "Follow a long-running operation to its end, print the result");
    wait->excludes(paged);
    app.add_option("--polling-interval", a.polling_interval, "Seconds between status requests without Retry-After")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 3600.0))
        ->needs(wait);
    app.add_option("--auth", a.auth, "none | key | sas | bearer")
        ->capture_default_str()
        ->check(CLI::IsMember({"none", "key", "sas", "bearer"}));
    app.add_option("--key-header", a.key_header, "--auth key: the header that carries the key");
    app.add_option("--key-env", a.key_env, "--auth key: the environment variable holding the key");
    app.add_option("--sas-env", a.sas_env, "--auth sas: the environment variable holding the SAS");
    app.add_option("--token-env", a.token_env, "--auth bearer: the environment variable holding the token");
    app.add_option("--scope", a.scopes, "--auth bearer: a token scope (repeatable; default <scheme>://<host>/.default)");
    app.add_flag("--allow-http", a.allow_http, "--auth bearer: allow the token over http (enforce_https off)");
    app.add_option("--retries", a.retries, "Retries of a failed try (retry_total; default 10)")
        ->check(CLI::Range(0, 1000));
    app.add_option("--timeout", a.timeout, "Seconds to connect, and without a byte once connected")
        ->check(CLI::Range(0.001, 86400.0));
    app.add_flag("--http2", a.http2, "Ask for HTTP/2 (negotiated over TLS; https only); says so when the server answers otherwise");
    app.add_flag("--insecure,-k", a.insecure, "Do not verify the server's certificate");
    app.add_flag("--include,-i", a.include, "Print the status line and the response headers");
    app.add_flag("--debug", a.debug, "Log every request and response (headers redacted) to stderr");
    app.add_flag("--trace", a.trace, "Print the span tree of the command to stderr when done");
    app.add_option("--output,-o", a.output,
                   "Stream the body to FILE in constant memory, resumed when the connection is cut; progress on stderr")
        ->excludes(paged)
        ->excludes(wait);
}

namespace {

bool is_method(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

// The option given for a mode other than `auth`, if any.
void check_mode_option(const Arguments& a, const std::string& value, const char* option, const char* mode) {
    if (!value.empty() && a.auth != mode) throw UsageError(std::string(option) + " needs --auth " + mode);
}

void require_option(const std::string& value, const char* option, const char* mode) {
    if (value.empty()) throw UsageError(std::string("--auth ") + mode + " needs " + option);
}

}  // namespace

void validate(const Arguments& a) {
    if (a.positionals.empty()) throw UsageError("URL is required");
    if (a.positionals.size() == 2 && !is_method(a.positionals.front())) {
        throw UsageError("METHOD: '" + a.positionals.front() + "' is not an HTTP method (GET, PUT, POST, ...)");
    }
    // Not quoted: a URL may carry a SAS.
    auto url = boost::urls::parse_absolute_uri(a.url());
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || !url->has_authority()) {
        throw UsageError(is_method(a.url()) ? "URL is required" : "URL: not an absolute http:// or https:// URL");
    }
    if (a.http2 && url->scheme() != "https") {
        throw UsageError("--http2: needs an https URL (HTTP/2 is negotiated by TLS; h2c is not supported)");
    }
    check_mode_option(a, a.key_header, "--key-header", "key");
    check_mode_option(a, a.key_env, "--key-env", "key");
    check_mode_option(a, a.sas_env, "--sas-env", "sas");
    check_mode_option(a, a.token_env, "--token-env", "bearer");
    if (!a.scopes.empty() && a.auth != "bearer") throw UsageError("--scope needs --auth bearer");
    if (a.allow_http && a.auth != "bearer") throw UsageError("--allow-http needs --auth bearer");
    if (a.auth == "key") {
        require_option(a.key_header, "--key-header NAME", "key");
        require_option(a.key_env, "--key-env VAR", "key");
    } else if (a.auth == "sas") {
        require_option(a.sas_env, "--sas-env VAR", "sas");
    } else if (a.auth == "bearer") {
        require_option(a.token_env, "--token-env VAR", "bearer");
        if (url->scheme() == "http" && !a.allow_http) {
            throw UsageError("--auth bearer: the URL is http, and a token goes over https only (--allow-http to send it anyway)");
        }
    }
}

}  // namespace azrest
