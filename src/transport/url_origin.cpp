#include "transport/url_origin.hpp"

#include "rest/request_validation.hpp"

#include <boost/url/parse.hpp>

namespace azcore::transport::detail {
namespace {

/// The request target (origin-form, RFC 9112) of a URL's path, query and fragment: the path and
/// query, with the path "/" when it is empty.
std::string target_of(std::string_view resource) {
    const std::string_view target = resource.substr(0, resource.find('#'));
    if (target.empty() || target[0] == '?') return std::string("/").append(target);
    return std::string(target);
}

/// Whether rest, the part of a URL after an origin already checked, is a path-abempty, query and
/// fragment (RFC 3986): parsed as a relative reference, it must not begin with "//" (which that
/// grammar reads as an authority) and must begin where an authority ends.
bool is_resource(std::string_view rest) {
    if (rest.empty()) return true;
    if (rest[0] != '/' && rest[0] != '?' && rest[0] != '#') return false;
    if (rest.starts_with("//")) return false;
    return boost::urls::parse_relative_ref(rest).has_value();
}

}  // namespace

CheckedUrl check_url(std::string_view url) {
    thread_local UrlOrigin last;
    if (!last.text.empty() && url.starts_with(last.text) && is_resource(url.substr(last.text.size())))
        return {last, target_of(url.substr(last.text.size()))};
    const boost::urls::url_view parsed = rest::detail::validate_url(url);
    const std::string_view resource = parsed.encoded_resource();
    last.text.clear();  // set last: an origin is kept only once all its parts are
    last.https = parsed.scheme_id() == boost::urls::scheme::https;
    last.scheme.assign(parsed.scheme());
    last.host_key.assign(last.https ? "https://" : "http://").append(parsed.encoded_host_and_port());
    last.host = parsed.host_address();
    if (parsed.has_port()) last.port.assign(parsed.port());
    else last.port.assign(last.https ? "443" : "80");
    last.proxy_host = parsed.host();
    last.text.assign(url.substr(0, url.size() - resource.size()));
    return {last, target_of(resource)};
}

}  // namespace azcore::transport::detail
