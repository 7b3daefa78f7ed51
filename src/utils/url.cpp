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
    // A non-empty authority: something before the first '/', '?' or '#'.
    const std::string_view rest = url.substr(colon + 3);
    return !rest.empty() && rest.front() != '/' && rest.front() != '?' && rest.front() != '#';
}

std::string join_url(std::string base, std::string_view stub) {
    const std::size_t query_at = stub.find('?');
    std::string_view stub_path = stub.substr(0, query_at);
    const std::string_view stub_query = query_at == std::string_view::npos ? std::string_view{} : stub.substr(query_at + 1);
    std::string fragment;
    if (const std::size_t hash = base.find('#'); hash != std::string::npos) {
        fragment = base.substr(hash);
        base.resize(hash);
    }
    std::string base_query;
    if (const std::size_t q = base.find('?'); q != std::string::npos) {
        base_query = base.substr(q + 1);
        base.resize(q);
    }
    // As Python's _urljoin: the path changes only when the stub has one.
    if (const std::size_t start = stub_path.find_first_not_of('/'); start != std::string_view::npos) {
        stub_path.remove_prefix(start);
        while (!base.empty() && base.back() == '/') base.pop_back();
        base += '/';
        base += stub_path;
    } else if (!stub_path.empty()) {
        while (!base.empty() && base.back() == '/') base.pop_back();
        base += '/';
    }
    std::string query = base_query;
    if (!stub_query.empty()) query = query.empty() ? std::string(stub_query) : query + "&" + std::string(stub_query);
    if (!query.empty()) base += "?" + query;
    return base + fragment;
}

}  // namespace azcore::utils::detail

namespace azcore {
namespace {

bool is_positional(std::string_view name) {
    return name.find_first_not_of("0123456789") == std::string_view::npos;  // "" too: "{}"
}

// One pass of Python's str.format over text into out: "{{" and "}}" are literal braces, "{name}"
// the argument's value. Returns the name of the first placeholder without an argument, if any.
std::optional<std::string> fill(std::string_view text, const std::map<std::string, std::string>& arguments,
                                std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            out += c;
            i += 2;
        } else if (c == '{') {
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos)
                throw std::invalid_argument(i + 1 == text.size() ? "url_template: Single '{' encountered in format string"
                                                                 : "url_template: expected '}' before end of string");
            std::string name(text.substr(i + 1, close - i - 1));
            if (name.find('{') != std::string::npos) throw std::invalid_argument("url_template: unexpected '{' in field name");
            if (is_positional(name))
                throw std::invalid_argument("url_template: positional placeholder '{" + name + "}': placeholders need a name");
            const auto it = arguments.find(name);
            if (it == arguments.end()) return name;
            out += it->second;
            i = close + 1;
        } else if (c == '}') {
            throw std::invalid_argument("url_template: Single '}' encountered in format string");
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
        const std::string placeholder = "{" + *missing + "}";
        std::string kept;
        std::size_t start = 0;
        bool first = true;
        for (;;) {
            const std::size_t slash = current.find('/', start);
            const std::string_view component =
                std::string_view(current).substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            if (component.find(placeholder) == std::string_view::npos) {
                if (!first) kept += '/';
                kept += component;
                first = false;
            }
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        if (kept == current)  // the placeholder spans a '/': nothing to drop
            throw std::invalid_argument("The value provided for the url part '" + kept +
                                        "' was incorrect, and resulted in an invalid url");
        current = std::move(kept);
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
