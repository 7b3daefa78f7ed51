#pragma once
// The client of Spector's encode/numeric spec: integers sent and read as JSON strings
// (@encode(string), Python's rest_field(format="str")).
#include "model_client.hpp"

#include <azcore/serialization/model.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace azcore::spector::encode_numeric {

using serialization::RestField;
using serialization::RestFormat;

inline constexpr RestField value_as_string[] = {{.member = "value", .format = RestFormat::String}};

struct SafeintAsStringProperty {
    std::int64_t value{};
    static constexpr auto& rest_fields = value_as_string;
};
AZCORE_MODEL(SafeintAsStringProperty, (value))
struct Uint32AsStringProperty {
    std::optional<std::uint32_t> value{};
    static constexpr auto& rest_fields = value_as_string;
};
AZCORE_MODEL(Uint32AsStringProperty, (value))
struct Uint8AsStringProperty {
    std::uint8_t value{};
    static constexpr auto& rest_fields = value_as_string;
};
AZCORE_MODEL(Uint8AsStringProperty, (value))

/// Encode.Numeric.Property: each operation posts the model and returns the one Spector sends back.
template <class Face>
class NumericClient : public ModelClient<Face> {
public:
    using ModelClient<Face>::ModelClient;

    auto safeint_as_string(const SafeintAsStringProperty& value) const { return post("/encode/numeric/property/safeint", value); }
    auto uint32_as_string_optional(const Uint32AsStringProperty& value) const { return post("/encode/numeric/property/uint32", value); }
    auto uint8_as_string(const Uint8AsStringProperty& value) const { return post("/encode/numeric/property/uint8", value); }

private:
    template <class Model>
    auto post(std::string path, const Model& value) const {
        return this->send_for(rest::HttpRequest("POST", std::move(path), {.json = serialization::to_json(value)}), {200},
                              [](const rest::HttpResponseBase& response) { return serialization::from_json<Model>(response.json()); });
    }
};

}  // namespace azcore::spector::encode_numeric
