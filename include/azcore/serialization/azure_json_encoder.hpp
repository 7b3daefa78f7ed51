#pragma once
// Python's azure.core.serialization.AzureJSONEncoder (json.dumps(obj, cls=AzureJSONEncoder)): JSON
// text of any value to_json converts, bytes as base64 and datetimes as RFC 3339 included.
#include <azcore/serialization/json.hpp>
#include <azcore/serialization/model.hpp>

#include <boost/json/value.hpp>

#include <string>

namespace azcore::serialization {

/// Writes values as JSON text with to_json's rules and serialize_json's number form.
class AzureJSONEncoder {
public:
    /// An encoder using options for every value.
    explicit AzureJSONEncoder(ToJsonOptions options = {}) : options_(options) {}

    /// Python's JSONEncoder.encode: the JSON text of `value`.
    template <class T>
    std::string encode(const T& value) const {
        return serialize_json(to_json(value, options_));
    }
    /// Python's JSONEncoder.default: the JSON value of `value`.
    template <class T>
    boost::json::value default_value(const T& value) const {
        return to_json(value, options_);
    }

private:
    ToJsonOptions options_;
};

}  // namespace azcore::serialization
