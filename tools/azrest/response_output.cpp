#include "response_output.hpp"

#include "json_printer.hpp"

#include <azcore/rest/http_response.hpp>

#include <boost/json/parse.hpp>
#include <fmt/core.h>

#include <cctype>
#include <cstdio>

namespace azrest {

bool is_json(const azcore::rest::HttpResponse& response) {
    auto type = response.content_type();
    if (!type) return false;
    std::string media = type->substr(0, type->find(';'));
    for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    return media == "application/json" || media.ends_with("+json");
}

void write_response_head(const azcore::rest::HttpResponse& response) {
    fmt::print("HTTP/{} {} {}\n", response.http_version(), response.status_code(), response.reason());
    for (const auto& [name, value] : response.headers()) fmt::print("{}: {}\n", name, value);
    fmt::print("\n");
    std::fflush(stdout);
}

void write_json(const boost::json::value& value, const OutputStyle& style) {
    std::string text = pretty_json(value, style.colour);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void write_response_body(azcore::rest::HttpResponse& response, const OutputStyle& style) {
    if (is_json(response)) {
        const azcore::Bytes& body = response.read();
        boost::system::error_code error;
        boost::json::value value = boost::json::parse(
            std::string_view(reinterpret_cast<const char*>(body.data()), body.size()), error);
        if (!error) return write_json(value, style);
        std::fwrite(body.data(), 1, body.size(), stdout);  // not JSON after all: as received
    } else {
        for (azcore::BytesView chunk : response.iter_bytes(65536)) std::fwrite(chunk.data(), 1, chunk.size(), stdout);
    }
    std::fflush(stdout);
}

}  // namespace azrest
