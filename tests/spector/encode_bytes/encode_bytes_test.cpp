// Spector's encode/bytes scenarios, in both faces: "test" as base64 ("dGVzdA==") and base64url
// ("dGVzdA") in the query, headers, model properties and JSON bodies; the spec's image.png as raw
// bodies both ways.
#include "encode_bytes/clients.hpp"
#include "face_test.hpp"
#include "scenario_coverage.hpp"

#include "support/peer_process.hpp"
#include "support/spector_server.hpp"

#include <fstream>
#include <iterator>

namespace azcore::spector::encode_bytes {
namespace {

const Bytes test_bytes = to_bytes("test");

Bytes png() {
    std::ifstream file(test::peers_dir() + "/node_modules/@typespec/http-specs/assets/image.png", std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(file), {});
}

template <class Face>
class EncodeBytesTest : public FaceTest<Face> {};
TYPED_TEST_SUITE(EncodeBytesTest, Faces, FaceNames);

TYPED_TEST(EncodeBytesTest, QueryParametersAreBase64OrBase64url) {
    auto client = this->template make<BytesClient>(this->endpoint, PipelineClientOptions{});
    this->call([&] { return client.query_default(test_bytes); });
    this->call([&] { return client.query_base64(test_bytes); });
    this->call([&] { return client.query_base64url(test_bytes); });
    this->call([&] { return client.query_base64url_array({test_bytes, test_bytes}); });
}

TYPED_TEST(EncodeBytesTest, PropertiesGoOutAndComeBackInTheirEncoding) {
    auto client = this->template make<BytesClient>(this->endpoint, PipelineClientOptions{});
    EXPECT_EQ(this->call([&] { return client.property_default({.value = test_bytes}); }).value, test_bytes);
    EXPECT_EQ(this->call([&] { return client.property_base64({.value = test_bytes}); }).value, test_bytes);
    EXPECT_EQ(this->call([&] { return client.property_base64url({.value = test_bytes}); }).value, test_bytes);
    EXPECT_EQ(this->call([&] { return client.property_base64url_array({.value = {test_bytes, test_bytes}}); }).value,
              (std::vector<Bytes>{test_bytes, test_bytes}));
}

TYPED_TEST(EncodeBytesTest, HeadersAreBase64OrBase64url) {
    auto client = this->template make<BytesClient>(this->endpoint, PipelineClientOptions{});
    this->call([&] { return client.header_default(test_bytes); });
    this->call([&] { return client.header_base64(test_bytes); });
    this->call([&] { return client.header_base64url(test_bytes); });
    this->call([&] { return client.header_base64url_array({test_bytes, test_bytes}); });
}

TYPED_TEST(EncodeBytesTest, RequestBodiesAreRawBytesOrAJsonString) {
    auto client = this->template make<BytesClient>(this->endpoint, PipelineClientOptions{});
    const Bytes image = png();
    ASSERT_GT(image.size(), 100u);
    this->call([&] { return client.request_body_default(image); });
    this->call([&] { return client.request_body_octet_stream(image); });
    this->call([&] { return client.request_body_custom_content_type(image); });
    this->call([&] { return client.request_body_base64(test_bytes); });
    this->call([&] { return client.request_body_base64url(test_bytes); });
}

TYPED_TEST(EncodeBytesTest, ResponseBodiesAreRawBytesOrAJsonString) {
    auto client = this->template make<BytesClient>(this->endpoint, PipelineClientOptions{});
    const Bytes image = png();
    EXPECT_EQ(this->call([&] { return client.response_body_default(); }), image);
    EXPECT_EQ(this->call([&] { return client.response_body_octet_stream(); }), image);
    EXPECT_EQ(this->call([&] { return client.response_body_custom_content_type(); }), image);
    EXPECT_EQ(this->call([&] { return client.response_body_base64(); }), test_bytes);
    EXPECT_EQ(this->call([&] { return client.response_body_base64url(); }), test_bytes);
}

// Last in this process: the Spector it started scores every encode/bytes scenario `pass`.
TEST(EncodeBytesCoverage, EveryEncodeBytesScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Encode_Bytes_Query_default",
        "Encode_Bytes_Query_base64",
        "Encode_Bytes_Query_base64url",
        "Encode_Bytes_Query_base64urlArray",
        "Encode_Bytes_Property_default",
        "Encode_Bytes_Property_base64",
        "Encode_Bytes_Property_base64url",
        "Encode_Bytes_Property_base64urlArray",
        "Encode_Bytes_Header_default",
        "Encode_Bytes_Header_base64",
        "Encode_Bytes_Header_base64url",
        "Encode_Bytes_Header_base64urlArray",
        "Encode_Bytes_RequestBody_default",
        "Encode_Bytes_RequestBody_octetStream",
        "Encode_Bytes_RequestBody_customContentType",
        "Encode_Bytes_RequestBody_base64",
        "Encode_Bytes_RequestBody_base64url",
        "Encode_Bytes_ResponseBody_default",
        "Encode_Bytes_ResponseBody_octetStream",
        "Encode_Bytes_ResponseBody_customContentType",
        "Encode_Bytes_ResponseBody_base64",
        "Encode_Bytes_ResponseBody_base64url",
    });
}

}  // namespace
}  // namespace azcore::spector::encode_bytes
