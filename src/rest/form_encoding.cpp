#include "rest/form_encoding.hpp"

#include <azcore/utils/url_encoding.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <stdexcept>

namespace azcore::rest::detail {

namespace {

template <class Visit>
void for_each_value(const ParamValue& value, Visit&& visit) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        visit(*text);
    } else {
        for (const auto& item : std::get<std::vector<std::string>>(value)) {
            visit(item);
        }
    }
}

}  // namespace

std::string percent_encode(std::string_view text, bool space_as_plus) {
    return space_as_plus ? utils::quote_plus(text, "") : utils::quote(text, "");
}

std::string add_query_params(std::string_view url, const std::vector<std::pair<std::string, ParamValue>>& params) {
    auto parsed = boost::urls::parse_uri_reference(url);
    if (!parsed) {
        // As the request validator: the URL (which may hold a secret) is not quoted.
        throw std::invalid_argument("HttpRequest: url is not a valid URL (RFC 3986)");
    }
    boost::urls::url result(*parsed);
    const auto existing = parsed->params();

    std::string added;
    for (const auto& param : params) {
        const std::string& key = param.first;
        const ParamValue& value = param.second;
        const bool in_url = std::any_of(existing.begin(), existing.end(),
                                        [&](const boost::urls::param_view& param) { return param.key == key; });
        if (in_url) {
            continue;
        }
        const std::string encoded_key = percent_encode(key);
        for_each_value(value, [&](const std::string& item) {
            if (!added.empty()) {
                added.push_back('&');
            }
            added.append(encoded_key).append("=").append(percent_encode(item));
        });
    }
    if (added.empty()) {
        return std::string(url);
    }
    const auto query = result.encoded_query();
    if (query.empty()) {
        result.set_encoded_query(added);
    } else {
        std::string combined(query.data(), query.size());
        combined.append("&").append(added);
        result.set_encoded_query(combined);
    }
    return std::string(result.buffer());
}

std::string form_urlencode(const std::vector<std::pair<std::string, ParamValue>>& fields) {
    std::string body;
    for (const auto& field : fields) {
        const std::string& key = field.first;
        const ParamValue& value = field.second;
        const bool empty = std::visit([](const auto& v) { return v.empty(); }, value);
        if (empty) {
            continue;
        }
        const std::string encoded_key = percent_encode(key, true);
        for_each_value(value, [&](const std::string& item) {
            if (!body.empty()) {
                body.push_back('&');
            }
            body.append(encoded_key).append("=").append(percent_encode(item, true));
        });
    }
    return body;
}

}  // namespace azcore::rest::detail
