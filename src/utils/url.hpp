#pragma once
// The URL vocabulary of the clients and polling: what counts as absolute and how a relative URL
// joins a base URL (url.cpp also holds the public URL templates, azcore/utils/format_url.hpp). The
// request check (src/rest/request_validation) is the one place a URL is accepted or refused, for
// every transport.
#include <map>
#include <string>
#include <string_view>

namespace azcore::utils::detail {

/// Python's test (urlparse): a scheme (a letter, then letters, digits, '+', '-' or '.'), then "//"
/// and a non-empty network location. A string check: parsing the URL cost more than the rest of
/// send_request's own work.
bool is_absolute_url(std::string_view url);

/// Python's _urljoin: base (its trailing slashes dropped) + "/" + the stub's path, the stub's query
/// appended to the base's.
std::string join_url(std::string base, std::string_view stub);

}  // namespace azcore::utils::detail
