#pragma once
// JSON values shown as Python shows them: json.dumps (ensure_ascii, optional indent), str() of a
// value inside a format string, and Python's truth value. Error formats (OData v4, ARM) print
// bodies with them so that messages match Python's byte for byte.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azcore::utils::detail {

/// Python's json.dumps(value, indent=indent); indent < 0: one line, separators ", " and ": ".
std::string python_json_dumps(const boost::json::value& value, int indent = -1);
/// Python's truth value of a JSON value (null, false, 0, "", [] and {} are false).
bool truthy(const boost::json::value& value);
/// str() of the value: a string as it is, True/False/None, anything else as json.dumps.
std::string python_str(const boost::json::value& value);
/// python_str of object[key]; nullopt when absent or null.
std::optional<std::string> optional_str(const boost::json::object& object, std::string_view key);
/// Python's str.splitlines() for "\n", "\r" and "\r\n".
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace azcore::utils::detail
