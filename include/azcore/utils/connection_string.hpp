#pragma once
// parse_connection_string: the key=value pairs of an Azure connection string (Python's
// azure.core.utils.parse_connection_string).
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace azcore::utils {

/// A connection string's values by key (keys compared exactly, as Python's dict).
using ConnectionStringParts = std::map<std::string, std::string, std::less<>>;

/// Splits "Key1=Value1;Key2=Value2" into its pairs, by Python's rules: whitespace around the whole
/// string and any trailing ';' are dropped; each part splits at its first '='; a value may hold
/// further '='. Keys are lower-cased (ASCII) unless case_sensitive_keys. std::invalid_argument
/// "Connection string is either blank or malformed." for an empty string, a part without '=', an
/// empty key or value, or a key given twice; "Duplicate key in connection string: KEY" when two keys
/// differ only in case and case_sensitive_keys is false. No message holds a value (they are secrets).
ConnectionStringParts parse_connection_string(std::string_view conn_str, bool case_sensitive_keys = false);

}  // namespace azcore::utils
