// Spector's encode/numeric scenarios, in both faces: safeint, uint32 (optional) and uint8 members
// written and read as JSON strings.
#include "encode_numeric/clients.hpp"
#include "face_test.hpp"
#include "scenario_coverage.hpp"

#include "support/spector_server.hpp"

#include <azcore/serialization/json.hpp>

namespace azcore::spector::encode_numeric {
namespace {

template <class Face>
class EncodeNumericTest : public FaceTest<Face> {};
TYPED_TEST_SUITE(EncodeNumericTest, Faces, FaceNames);

TYPED_TEST(EncodeNumericTest, IntegersGoOutAndComeBackAsStrings) {
    // What is sent: exactly the scenario's body.
    EXPECT_EQ(serialization::serialize_json(serialization::to_json(SafeintAsStringProperty{.value = 10000000000})),
              R"({"value":"10000000000"})");
    auto client = this->template make<NumericClient>(this->endpoint, PipelineClientOptions{});
    EXPECT_EQ(this->call([&] { return client.safeint_as_string({.value = 10000000000}); }).value, 10000000000);
    EXPECT_EQ(this->call([&] { return client.uint32_as_string_optional({.value = 1u}); }).value, 1u);
    EXPECT_EQ(this->call([&] { return client.uint8_as_string({.value = 255}); }).value, 255);
}

// Last in this process: the Spector it started scores every encode/numeric scenario `pass`.
TEST(EncodeNumericCoverage, EveryEncodeNumericScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Encode_Numeric_Property_safeintAsString",
        "Encode_Numeric_Property_uint32AsStringOptional",
        "Encode_Numeric_Property_uint8AsString",
    });
}

}  // namespace
}  // namespace azcore::spector::encode_numeric
