#include "request_builder.hpp"

#include "arguments.hpp"
#include "usage_error.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

namespace azrest {

namespace {

bool parses_as_json(const std::string& text) {
    boost::system::error_code error;
    boost::json::parse(text, error);
    return !error;
}

std::string file_content(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw UsageError("--body: cannot read the file '" + path + "'");
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad()) throw UsageError("--body: cannot read the file '" + path + "'");
    return std::move(content).str();
}

}  // namespace

azcore::rest::HttpRequest make_request(const Arguments& arguments) {
    azcore::rest::HttpRequestOptions options;
    if (arguments.body) {
        const std::string& body = *arguments.body;
        std::string content;
        std::string type = "application/json";
        if (body.starts_with("@")) {
            content = file_content(body.substr(1));
            if (!parses_as_json(content)) type = "application/octet-stream";
        } else {
            if (!parses_as_json(body)) throw UsageError("--body: not valid JSON (use --body @FILE to send a file's bytes)");
            content = body;
        }
        options.content = azcore::Bytes(content.begin(), content.end());
        options.headers.set("Content-Type", type);
    }
    return azcore::rest::HttpRequest(arguments.method(), arguments.url(), std::move(options));
}

}  // namespace azrest
