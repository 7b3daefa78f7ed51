#pragma once
// The client of Spector's payload/json-merge-patch spec: a Resource created with PUT (JSON), then
// patched with application/merge-patch+json, where serialization::null deletes a member (Python's
// NULL) and an absent member is left alone.
#include "model_client.hpp"

#include <azcore/serialization/model.hpp>
#include <azcore/serialization/null.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace azcore::spector::json_merge_patch {

using serialization::Nullable;
using serialization::RestField;

struct InnerModel {
    std::optional<std::string> name{};
    std::optional<std::string> description{};
    bool operator==(const InnerModel&) const = default;
};
AZCORE_MODEL(InnerModel, (name, description))

inline constexpr RestField resource_fields[] = {
    {.member = "int_value", .name = "intValue"},
    {.member = "float_value", .name = "floatValue"},
    {.member = "inner_model", .name = "innerModel"},
    {.member = "int_array", .name = "intArray"},
};

struct Resource {
    std::string name{};
    std::optional<std::string> description{};
    std::optional<std::map<std::string, InnerModel>> map{};
    std::optional<std::vector<InnerModel>> array{};
    std::optional<std::int32_t> int_value{};
    std::optional<float> float_value{};
    std::optional<InnerModel> inner_model{};
    std::optional<std::vector<std::int32_t>> int_array{};
    static constexpr auto& rest_fields = resource_fields;
    bool operator==(const Resource&) const = default;
};
AZCORE_MODEL(Resource, (name, description, map, array, int_value, float_value, inner_model, int_array))

/// InnerModel in a merge patch: each member absent, null or a value.
struct InnerModelPatch {
    Nullable<std::string> name{};
    Nullable<std::string> description{};
};
AZCORE_MODEL(InnerModelPatch, (name, description))

/// ResourcePatch: each member absent (unchanged), null (deleted) or a value.
struct ResourcePatch {
    Nullable<std::string> description{};
    Nullable<std::map<std::string, Nullable<InnerModelPatch>>> map{};
    Nullable<std::vector<InnerModel>> array{};
    Nullable<std::int32_t> int_value{};
    Nullable<float> float_value{};
    Nullable<InnerModel> inner_model{};
    Nullable<std::vector<std::int32_t>> int_array{};
    static constexpr auto& rest_fields = resource_fields;
};
AZCORE_MODEL(ResourcePatch, (description, map, array, int_value, float_value, inner_model, int_array))

/// The request of update_resource / update_optional_resource (body optional for the latter).
rest::HttpRequest patch_request(std::string path, const std::optional<ResourcePatch>& body);

/// Payload.JsonMergePatch.
template <class Face>
class JsonMergePatchClient : public ModelClient<Face> {
public:
    using ModelClient<Face>::ModelClient;

    auto create_resource(const Resource& body) const {
        return this->send_for(rest::HttpRequest("PUT", "/json-merge-patch/create/resource", {.json = serialization::to_json(body)}),
                              {200}, read_resource);
    }
    auto update_resource(const ResourcePatch& body) const {
        return this->send_for(patch_request("/json-merge-patch/update/resource", body), {200}, read_resource);
    }
    auto update_optional_resource(const std::optional<ResourcePatch>& body = {}) const {
        return this->send_for(patch_request("/json-merge-patch/update/resource/optional", body), {200}, read_resource);
    }

private:
    static Resource read_resource(const rest::HttpResponseBase& response) { return serialization::from_json<Resource>(response.json()); }
};

}  // namespace azcore::spector::json_merge_patch
