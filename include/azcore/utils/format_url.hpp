#pragma once
// URL templates with `{name}` placeholders (Python's PipelineClientBase.format_url).
#include <map>
#include <string>
#include <string_view>

namespace azcore {

/// Python's _format_url_section: fills `{name}` placeholders with the arguments as given (quote
/// them first: utils::quote_path_segment / quote_query_value); "{{" and "}}" are literal braces.
/// Each '/'-separated component holding a placeholder without an argument is dropped, a query
/// string after it included ("/items/{id}?f={f}" without f gives "/items").
/// std::invalid_argument for a stray brace, a positional "{}" / "{0}", or a placeholder that
/// spans a '/' and has no argument.
std::string format_url_section(std::string_view url_template, const std::map<std::string, std::string>& arguments);

/// Python's PipelineClientBase.format_url: the formatted template when it is absolute, else
/// base_url (its own placeholders filled; std::invalid_argument naming one without an argument)
/// joined with it as _urljoin does: paths joined by one '/', queries by '&', base's fragment
/// kept last. An empty result is the formatted base_url.
std::string format_url_for(const std::string& base_url, std::string_view url_template,
                           const std::map<std::string, std::string>& arguments);

}  // namespace azcore
