#pragma once
// The command line of `azrest [METHOD] URL [options]`, as parsed by CLI11.
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace azrest {

struct Arguments {
    /// METHOD (optional) and URL, as typed.
    std::vector<std::string> positionals{};
    std::vector<std::string> headers{};  // "Name:value"
    std::vector<std::string> queries{};  // "name=value"
    std::optional<std::string> body{};   // JSON text, or "@file"
    bool paged = false;
    std::string items_path = "value";
    std::string next_link_path = "nextLink";
    bool wait = false;
    double polling_interval = 1;
    std::string auth = "none";
    std::string key_header{};
    std::string key_env{};
    std::string sas_env{};
    std::string token_env{};
    std::vector<std::string> scopes{};
    bool allow_http = false;
    std::optional<int> retries{};
    std::optional<double> timeout{};
    bool http2 = false;
    bool insecure = false;
    bool include = false;
    bool debug = false;
    bool trace = false;
    /// --output FILE: the body streamed to FILE (resumed when cut) instead of stdout.
    std::optional<std::string> output{};

    /// The method: METHOD when given, else POST with a body and GET without.
    std::string method() const;
    /// The URL (the last positional).
    const std::string& url() const;
};

/// Adds the request options and positionals to app, bound to arguments.
void add_request_options(CLI::App& app, Arguments& arguments);

/// Checks what CLI11 cannot: METHOD and URL, the option pairs of --auth. UsageError naming the
/// argument at fault.
void validate(const Arguments& arguments);

}  // namespace azrest
