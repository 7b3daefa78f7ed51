#pragma once
// JSON as azrest prints it: pretty, coloured on a terminal.
#include <boost/json/value.hpp>

#include <string>

namespace azrest {

/// value indented by two spaces per level; with colour, keys, strings, numbers and literals in ANSI colours.
std::string pretty_json(const boost::json::value& value, bool colour);

/// Whether output to the file descriptor is coloured: a terminal, and NO_COLOR unset or empty.
bool use_colour(int fd);

}  // namespace azrest
