#include "utils/url.hpp"

#include <azcore/utils/format_url.hpp>

#include <cctype>
#include <optional>
#include <stdexcept>

namespace azcore::utils::detail {

bool is_absolute_url(std::string_view url) {
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(url[0]))) return false;
    for (char c : url.substr(1, colon - 1))
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
    if (url.substr(colon + 1, 2) != "//") return false;
    const std::string_view rest = url.substr(colon + 3);
    const std::size_t end = rest.find_first_of("/?#");
    return (end == std::string_view::npos ? rest.size() : end) > 0;
}

std::string join_url(std::string base, std::string_view stub) {
    std::size_t query_at = stub.find('?');
    std::string_view stub_path = stub.substr(0, query_at);
    std::string_view stub_query = query_at == std::string_view::npos ? std::string_view{} : stub.substr(query_at + 1);
    std::string base_query;
    if (std::size_t q = base.find('?'); q != std::string::npos) {
        base_query = base.substr(q + 1);
        base.resize(q);
    }
    while (!base.empty() && base.back() == '/') base.pop_back();
    std::string url = base + "/" + std::string(stub_path);
    std::string query = base_query;
    if (!stub_query.empty()) query = query.empty() ? std::string(stub_query) : query + "&" + std::string(stub_query);
    if (!query.empty()) url += "?" + query;
    return url;
}

}  // namespace azcore::utils::detail

namespace azcore {
namespace {

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

std::string format_url_for(const std::string& base_url, std::string_view url_template,
                           const std::map<std::string, std::string>& arguments) {
    std::string url = format_url_section(url_template, arguments);
    if (url.empty()) return formatted_base(base_url, arguments);
    if (utils::detail::is_absolute_url(url)) return url;
    std::size_t slashes = url.find_first_not_of('/');
    url.erase(0, slashes == std::string::npos ? url.size() : slashes);
    return utils::detail::join_url(formatted_base(base_url, arguments), url);
}

}  // namespace azcore
