#pragma once
// What the logging policies show of URLs and headers: allowed values, REDACTED for everything else.
#include <azcore/utils/case_insensitive_dict.hpp>
#include <azcore/utils/case_insensitive_set.hpp>

#include <string>
#include <string_view>

namespace azcore::rest {
class HttpRequest;
}

namespace azcore::policies::detail {

/// url with each query value replaced by REDACTED unless its key is allowed (Python's
/// HttpLoggingPolicy: keys and allowed values shown percent-decoded, `k=v` joined by `&`, a query
/// left empty dropped with its `?`), and a password in the authority replaced by REDACTED.
std::string redact_url(std::string_view url, const CaseInsensitiveSet& allowed_query_params);

/// value when name is allowed, else REDACTED.
std::string_view redact_header(std::string_view name, std::string_view value, const CaseInsensitiveSet& allowed_header_names);

/// One line per header, "\n    'name': 'value'", values redacted as redact_header.
void append_headers(std::string& out, const CaseInsensitiveDict& headers, const CaseInsensitiveSet& allowed_header_names);

/// "Request URL: '…'\nRequest method: '…'\nRequest headers:" and the header lines, redacted:
/// how both logging policies begin a request record.
std::string request_head(const rest::HttpRequest& request, const CaseInsensitiveSet& allowed_query_params,
                         const CaseInsensitiveSet& allowed_header_names);

/// The allow-list both policies start from (HttpLoggingPolicy::DEFAULT_HEADERS_ALLOWLIST).
CaseInsensitiveSet default_allowed_header_names();

/// The query allow-list both policies start from (HttpLoggingPolicy::DEFAULT_QUERY_PARAMS_ALLOWLIST).
CaseInsensitiveSet default_allowed_query_params();

}  // namespace azcore::policies::detail
