#pragma once
// Dotted paths into JSON (--items-path, --next-link-path).
#include <boost/json/value.hpp>

#include <string_view>

namespace azrest {

/// The value at a dotted path of object members ("value", "page.items"); nullptr when a member
/// is missing or a step is not an object.
const boost::json::value* find_path(const boost::json::value& root, std::string_view path);

}  // namespace azrest
