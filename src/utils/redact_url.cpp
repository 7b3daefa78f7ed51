#include "utils/redact_url.hpp"

#include <azcore/utils/string_utils.hpp>

namespace azcore::utils::detail {

std::string redact_url_for_message(std::string_view url) {
    const auto query_start = url.find('?');
    if (query_start == std::string_view::npos) {
        return std::string(url);
    }
    const auto fragment_start = url.find('#', query_start);
    const auto query_end = fragment_start == std::string_view::npos ? url.size() : fragment_start;

    std::string result(url.substr(0, query_start + 1));
    std::size_t position = query_start + 1;
    while (position <= query_end) {
        auto separator = url.find('&', position);
        if (separator == std::string_view::npos || separator > query_end) {
            separator = query_end;
        }
        const std::string_view param = url.substr(position, separator - position);
        const auto equals = param.find('=');
        const std::string_view key = param.substr(0, equals);
        if (equals != std::string_view::npos && iequals(key, "sig")) {
            result.append(key).append("=REDACTED");
        } else {
            result.append(param);
        }
        if (separator < query_end) {
            result.push_back('&');
        }
        position = separator + 1;
    }
    result.append(url.substr(query_end));
    return result;
}

}  // namespace azcore::utils::detail
