#include "utils/url.hpp"

#include <cctype>

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
