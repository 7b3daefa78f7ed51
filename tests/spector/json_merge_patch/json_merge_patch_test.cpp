// Spector's payload/json-merge-patch scenarios, in both faces: a full Resource created, then
// patched with explicit JSON nulls (serialization::null), nested in a map too.
#include "json_merge_patch/clients.hpp"
#include "face_test.hpp"
#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

#include <azcore/serialization/json.hpp>

namespace azcore::spector::json_merge_patch {
namespace {

using serialization::null;

Resource full_resource() {
    const InnerModel inner{.name = "InnerMadge", .description = "innerDesc"};
    return Resource{.name = "Madge",
                    .description = "desc",
                    .map = std::map<std::string, InnerModel>{{"key", inner}},
                    .array = std::vector<InnerModel>{inner},
                    .int_value = 1,
                    .float_value = 1.25f,
                    .inner_model = inner,
                    .int_array = std::vector<std::int32_t>{1, 2, 3}};
}

ResourcePatch nulls_patch() {
    return ResourcePatch{
        .description = null,
        .map = std::map<std::string, Nullable<InnerModelPatch>>{{"key", InnerModelPatch{.description = null}}, {"key2", null}},
        .array = null,
        .int_value = null,
        .float_value = null,
        .inner_model = null,
        .int_array = null};
}

/// Spector's answer to both updates.
Resource patched() {
    return Resource{.name = "Madge", .map = std::map<std::string, InnerModel>{{"key", InnerModel{.name = "InnerMadge"}}}};
}

TEST(JsonMergePatchBody, NullMembersAreWrittenAndAbsentOnesLeftOut) {
    EXPECT_EQ(serialization::serialize_json(serialization::to_json(nulls_patch())),
              R"({"description":null,"map":{"key":{"description":null},"key2":null},"array":null,"intValue":null,)"
              R"("floatValue":null,"innerModel":null,"intArray":null})");
    EXPECT_EQ(serialization::serialize_json(serialization::to_json(full_resource())),
              R"({"name":"Madge","description":"desc","map":{"key":{"name":"InnerMadge","description":"innerDesc"}},)"
              R"("array":[{"name":"InnerMadge","description":"innerDesc"}],"intValue":1,"floatValue":1.25,)"
              R"("innerModel":{"name":"InnerMadge","description":"innerDesc"},"intArray":[1,2,3]})");
}

template <class Face>
class JsonMergePatchTest : public FaceTest<Face> {};
TYPED_TEST_SUITE(JsonMergePatchTest, Faces, FaceNames);

TYPED_TEST(JsonMergePatchTest, CreateResourceSendsAndReadsTheWholeResource) {
    auto client = this->template make<JsonMergePatchClient>(this->endpoint, PipelineClientOptions{});
    EXPECT_EQ(this->call([&] { return client.create_resource(full_resource()); }), full_resource());
}

TYPED_TEST(JsonMergePatchTest, UpdateResourceSendsExplicitNulls) {
    auto client = this->template make<JsonMergePatchClient>(this->endpoint, PipelineClientOptions{});
    EXPECT_EQ(this->call([&] { return client.update_resource(nulls_patch()); }), patched());
}

TYPED_TEST(JsonMergePatchTest, UpdateOptionalResourceSendsExplicitNulls) {
    auto client = this->template make<JsonMergePatchClient>(this->endpoint, PipelineClientOptions{});
    EXPECT_EQ(this->call([&] { return client.update_optional_resource(nulls_patch()); }), patched());
}

// Last in this process: the Spector it started scores every json-merge-patch scenario `pass`.
TEST(JsonMergePatchCoverage, EveryJsonMergePatchScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Payload_JsonMergePatch_createResource",
        "Payload_JsonMergePatch_updateResource",
        "Payload_JsonMergePatch_updateOptionalResource",
    });
}

}  // namespace
}  // namespace azcore::spector::json_merge_patch
