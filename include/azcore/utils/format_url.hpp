#pragma once
// URL templates with `{name}` placeholders (Python's PipelineClientBase.format_url).
#include <map>
#include <string>
#include <string_view>

namespace azcore {

/// Fills `{name}` placeholders; a path segment whose placeholder has no argument is dropped.
std::string format_url_section(std::string_view url_template, const std::map<std::string, std::string>& arguments);

/// base_url joined with a formatted relative template, or the formatted absolute template.
std::string format_url_for(const std::string& base_url, std::string_view url_template,
                           const std::map<std::string, std::string>& arguments);

}  // namespace azcore
