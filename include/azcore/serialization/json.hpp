#pragma once
// The one JSON writer of azcore: JSON text as the other Azure SDKs write it (JavaScript's
// JSON.stringify and .NET), numbers in their shortest round-trip decimal form.
#include <boost/json/value.hpp>

#include <string>

namespace azcore::serialization {

/// JSON text of `value`, compact, strings escaped by Boost.JSON. Integers are written as integers;
/// doubles in the shortest form that reads back to the same double, by JavaScript's
/// Number.prototype.toString rule: 35.625, 210000, 0.1, 1e+21, 1e-7, -0 as 0. NaN and infinities
/// have no JSON form: SerializationError.
std::string serialize_json(const boost::json::value& value);

/// One double as serialize_json writes it ("1e+21", "0.000001", "210000").
std::string format_json_number(double number);

}  // namespace azcore::serialization
