#pragma once
// Percent-encoding of query parameters and application/x-www-form-urlencoded bodies.
#include <azcore/rest/http_request.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azcore::rest::detail {

/// text with every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~) as %XX (upper-case hex), like
/// Python's quote(text, safe=""); with space_as_plus a space becomes '+' (Python's quote_plus).
std::string percent_encode(std::string_view text, bool space_as_plus = false);

/// url with params appended to its query, percent-encoded, in order; a list value repeats its key.
/// The URL's own query is kept verbatim and wins: a param whose (decoded) key is already in it is
/// dropped. std::invalid_argument naming `url` when url does not parse as a URI reference.
std::string add_query_params(std::string_view url, const std::vector<std::pair<std::string, ParamValue>>& params);

/// The fields as an application/x-www-form-urlencoded body (Python's urlencode(doseq=True)):
/// fields with an empty value (empty text or empty list) are left out, lists repeat their key.
std::string form_urlencode(const std::vector<std::pair<std::string, ParamValue>>& fields);

}  // namespace azcore::rest::detail
