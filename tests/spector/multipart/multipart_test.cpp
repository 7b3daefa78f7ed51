// Spector's payload/multipart scenarios (multipart/form-data), in both faces, through a client as
// a generator would emit it on azcore: data fields (JSON parts as their JSON text, numbers as text,
// as Python's generated clients send them) and files with filename and content type, the images
// the scenarios expect read from the spec package's assets.
#include "face_test.hpp"
#include "scenario_coverage.hpp"

#include "support/peer_process.hpp"
#include "support/spector_server.hpp"

#include <fstream>
#include <iterator>
#include <string>

namespace azcore::spector::multipart {
namespace {

using rest::FileContent;
using rest::HttpRequest;
using rest::HttpRequestOptions;

/// The service's operations: each POSTs a multipart/form-data body under /multipart/form-data.
template <class Face>
class FormDataClient : public GeneratedClient<Face> {
public:
    template <class... Executor>
    explicit FormDataClient(std::string endpoint, Executor... executor)
        : GeneratedClient<Face>(std::move(endpoint), PipelineClientOptions{}, executor...) {}

    typename Face::template Result<void> post(const std::string& route, HttpRequestOptions body) const {
        return this->send_void(HttpRequest("POST", "/multipart/form-data/" + route, std::move(body)), {204});
    }
};

Bytes asset(const std::string& name) {
    std::ifstream in(test::peers_dir() + "/node_modules/@typespec/http-specs/assets/" + name, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
const Bytes& jpg() {
    static const Bytes bytes = asset("image.jpg");
    return bytes;
}
const Bytes& png() {
    static const Bytes bytes = asset("image.png");
    return bytes;
}
std::pair<std::string, FileContent> file(std::string name, const Bytes& bytes, std::string filename,
                                         std::string content_type = "application/octet-stream") {
    return {std::move(name), FileContent{.filename = std::move(filename), .content = bytes, .content_type = std::move(content_type)}};
}
// A plain field in a body with no file (Python's files={"name": (None, "value")}).
std::pair<std::string, FileContent> field(std::string name, std::string_view value) {
    return {std::move(name), FileContent{.content = Bytes(value.begin(), value.end())}};
}
std::pair<std::string, FileContent> profile_image() { return file("profileImage", jpg(), "image.jpg"); }
std::pair<std::string, FileContent> picture(std::string name = "pictures") { return file(std::move(name), png(), "image.png"); }

template <class Face>
class MultipartTest : public FaceTest<Face> {
protected:
    void post(const std::string& route, HttpRequestOptions body) {
        ASSERT_GT(jpg().size(), 0u);
        auto client = this->template make<FormDataClient>(this->endpoint);
        this->call([&] { return client.post(route, std::move(body)); });
    }
};
TYPED_TEST_SUITE(MultipartTest, Faces, FaceNames);

TYPED_TEST(MultipartTest, BasicSendsAnIdFieldAndAFile) {
    this->post("mixed-parts", {.data = {{"id", "123"}}, .files = {profile_image()}});
}

TYPED_TEST(MultipartTest, WithWireNameSendsThePartsUnderTheirWireNames) {
    this->post("mixed-parts-with-wire-name", {.data = {{"id", "123"}}, .files = {profile_image()}});
}

TYPED_TEST(MultipartTest, OptionalPartsCanEachBeLeftOut) {
    // Without files, data alone would be a urlencoded form: the id goes as a part without filename.
    this->post("optional-parts", {.files = {field("id", "123")}});
    this->post("optional-parts", {.files = {profile_image()}});
    this->post("optional-parts", {.data = {{"id", "123"}}, .files = {profile_image()}});
}

TYPED_TEST(MultipartTest, FileArrayAndBasicRepeatsTheFileField) {
    this->post("complex-parts", {.data = {{"id", "123"}, {"address", R"({"city":"X"})"}},
                                 .files = {profile_image(), picture(), picture()}});
}

TYPED_TEST(MultipartTest, JsonPartIsSentAsItsJsonText) {
    this->post("json-part", {.data = {{"address", R"({"city":"X"})"}}, .files = {profile_image()}});
}

TYPED_TEST(MultipartTest, BinaryArrayPartsRepeatTheField) {
    this->post("binary-array-parts", {.data = {{"id", "123"}}, .files = {picture(), picture()}});
}

TYPED_TEST(MultipartTest, MultiBinaryPartsWithOneOrTwoFiles) {
    this->post("multi-binary-parts", {.files = {profile_image()}});
    this->post("multi-binary-parts", {.files = {profile_image(), picture("picture")}});
}

TYPED_TEST(MultipartTest, CheckFileNameAndContentTypeSendsBoth) {
    this->post("check-filename-and-content-type",
               {.data = {{"id", "123"}}, .files = {file("profileImage", jpg(), "hello.jpg", "image/jpg")}});
}

TYPED_TEST(MultipartTest, AnonymousModelSendsTheFile) { this->post("anonymous-model", {.files = {profile_image()}}); }

TYPED_TEST(MultipartTest, HttpPartsImageJpegContentType) {
    this->post("check-filename-and-specific-content-type-with-httppart",
               {.files = {file("profileImage", jpg(), "hello.jpg", "image/jpg")}});
}

TYPED_TEST(MultipartTest, HttpPartsRequiredContentType) {
    this->post("check-filename-and-required-content-type-with-httppart", {.files = {profile_image()}});
}

TYPED_TEST(MultipartTest, HttpPartsOptionalContentTypeWithAndWithout) {
    this->post("file-with-http-part-optional-content-type", {.files = {file("profileImage", jpg(), "image.jpg", "")}});
    this->post("file-with-http-part-optional-content-type", {.files = {profile_image()}});
}

TYPED_TEST(MultipartTest, HttpPartsJsonArrayAndFileArray) {
    this->post("complex-parts-with-httppart",
               {.data = {{"id", "123"},
                         {"address", R"({"city":"X"})"},
                         {"previousAddresses", R"([{"city":"Y"},{"city":"Z"}])"}},
                .files = {profile_image(), picture(), picture()}});
}

TYPED_TEST(MultipartTest, HttpPartsNonStringFloatIsSentAsText) {
    this->post("non-string-float", {.files = {field("temperature", "0.5")}});
}

TYPED_TEST(MultipartTest, FileSpecificContentType) {
    this->post("file/specific-content-type", {.files = {file("file", png(), "image.png", "image/png")}});
}

TYPED_TEST(MultipartTest, FileRequiredFilename) {
    this->post("file/required-filename", {.files = {file("file", png(), "image.png", "image/png")}});
}

TYPED_TEST(MultipartTest, FileArray) {
    this->post("file/file-array",
               {.files = {file("files", png(), "image1.png", "image/png"), file("files", png(), "image2.png", "image/png")}});
}

// Last in this process: the Spector it started scores every payload/multipart scenario `pass`.
TEST(MultipartCoverage, EveryMultipartScenarioPasses) {
    if (auto why = test::SpectorServer::missing()) GTEST_SKIP() << *why;
    expect_scenarios_pass({
        "Payload_MultiPart_FormData_basic",
        "Payload_MultiPart_FormData_withWireName",
        "Payload_MultiPart_FormData_optionalParts",
        "Payload_MultiPart_FormData_fileArrayAndBasic",
        "Payload_MultiPart_FormData_jsonPart",
        "Payload_MultiPart_FormData_binaryArrayParts",
        "Payload_MultiPart_FormData_multiBinaryParts",
        "Payload_MultiPart_FormData_checkFileNameAndContentType",
        "Payload_MultiPart_FormData_anonymousModel",
        "Payload_MultiPart_FormData_HttpParts_ContentType_imageJpegContentType",
        "Payload_MultiPart_FormData_HttpParts_ContentType_requiredContentType",
        "Payload_MultiPart_FormData_HttpParts_ContentType_optionalContentType",
        "Payload_MultiPart_FormData_HttpParts_jsonArrayAndFileArray",
        "Payload_MultiPart_FormData_HttpParts_NonString_float",
        "Payload_MultiPart_FormData_File_uploadFileSpecificContentType",
        "Payload_MultiPart_FormData_File_uploadFileRequiredFilename",
        "Payload_MultiPart_FormData_File_uploadFileArray",
    });
}

}  // namespace
}  // namespace azcore::spector::multipart
