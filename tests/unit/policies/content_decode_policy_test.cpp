#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/policies/content_decode_policy.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <pugixml.hpp>

namespace azcore::policies {
namespace {

using options::Kwargs;
using pipeline::PipelineResponse;
using rest::HttpRequest;
using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

MockResponse body_of(std::string content_type, std::string body) {
    MockResponse response{.status_code = 200, .body = to_bytes(body)};
    if (!content_type.empty()) response.headers.set("Content-Type", content_type);
    return response;
}

class ContentDecodePolicyTest : public ::testing::TestWithParam<RunMode> {
protected:
    PipelineResponse run(MockResponse answer, Kwargs options = {{"stream", false}},
                         std::shared_ptr<ContentDecodePolicy> policy = std::make_shared<ContentDecodePolicy>()) {
        auto transport = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{std::move(answer)});
        pipeline::Pipeline pipeline(transport, {std::move(policy)});
        return test::run_pipeline(pipeline, GetParam(), HttpRequest("GET", "https://a.example/"), std::move(options));
    }
    const DeserializedData* data(const PipelineResponse& response) {
        return response.context->get<DeserializedData>(ContentDecodePolicy::CONTEXT_NAME);
    }
};

TEST_P(ContentDecodePolicyTest, DeserializesJsonByContentType) {
    for (std::string type : {"application/json", "application/json; charset=utf-8", "TEXT/JSON", "application/vnd.api+json",
                             "application/merge-patch+json", ""}) {
        auto response = run(body_of(type, R"({"a": [1, 2]})"));
        const DeserializedData* decoded = data(response);
        ASSERT_NE(decoded, nullptr) << type;
        ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const boost::json::value>>(*decoded)) << type;
        EXPECT_EQ(*std::get<std::shared_ptr<const boost::json::value>>(*decoded), boost::json::parse(R"({"a": [1, 2]})")) << type;
    }
}

// One parse per response: the policy's result is the response's json(), which a second call
// returns again (the same object, not a copy); an explicit encoding gets a parse of its own.
TEST_P(ContentDecodePolicyTest, TheContextsJsonAndTheResponsesJsonAreOneParse) {
    auto response = run(body_of("application/json", R"({"a": [1, 2]})"));
    const auto& shared = std::get<std::shared_ptr<const boost::json::value>>(*data(response));
    const boost::json::value& first = response.http_response->json();
    EXPECT_EQ(shared.get(), &first);
    EXPECT_EQ(&response.http_response->json(), &first);
    EXPECT_EQ(first, boost::json::parse(R"({"a": [1, 2]})"));

    MockResponse latin1_body = body_of("application/json", std::string("{\"a\": \"caf\xE9\"}", 13));
    auto latin1 = run(latin1_body, Kwargs{{"stream", false}, {"response_encoding", "latin-1"}});
    const auto& own = std::get<std::shared_ptr<const boost::json::value>>(*data(latin1));
    EXPECT_EQ(own->at("a").as_string(), "caf\xC3\xA9");
}

TEST_P(ContentDecodePolicyTest, DeserializesXmlIntoADocument) {
    auto response = run(body_of("application/xml", "<?xml version=\"1.0\"?><Root><Item id=\"7\">x</Item></Root>"));
    const DeserializedData* decoded = data(response);
    ASSERT_NE(decoded, nullptr);
    const auto& document = std::get<std::shared_ptr<const pugi::xml_document>>(*decoded);
    ASSERT_TRUE(document);
    EXPECT_STREQ(document->document_element().name(), "Root");
    EXPECT_EQ(document->document_element().child("Item").attribute("id").as_int(), 7);
}

TEST_P(ContentDecodePolicyTest, FallsBackToJsonForAnXmlTypeThatHoldsJson) {
    auto response = run(body_of("text/xml", R"({"not": "xml"})"));
    EXPECT_EQ(*std::get<std::shared_ptr<const boost::json::value>>(*data(response)), boost::json::parse(R"({"not": "xml"})"));
}

TEST_P(ContentDecodePolicyTest, KeepsTextAsText) {
    auto response = run(body_of("text/plain; charset=utf-8", "\xEF\xBB\xBFhello"));
    EXPECT_EQ(std::get<std::string>(*data(response)), "hello");
    EXPECT_EQ(std::get<std::string>(*data(run(body_of("text/html", "<p>")))), "<p>");
}

TEST_P(ContentDecodePolicyTest, AnEmptyBodyIsNothing) {
    auto response = run(body_of("application/json", ""));
    ASSERT_NE(data(response), nullptr);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(*data(response)));
}

TEST_P(ContentDecodePolicyTest, RaisesDecodeErrorWithTheRawBodyForInvalidJson) {
    for (std::string type : {"application/json", ""}) {
        try {
            run(body_of(type, "not json"));
            FAIL() << "no exception for '" << type << "'";
        } catch (const exceptions::DecodeError& error) {
            EXPECT_EQ(error.message().rfind("JSON is invalid: ", 0), 0u) << error.message();
            ASSERT_TRUE(error.response());
            EXPECT_EQ(as_string_view(error.response()->content()), "not json");
            EXPECT_TRUE(error.inner_exception());
        }
    }
}

TEST_P(ContentDecodePolicyTest, RaisesDecodeErrorForInvalidXml) {
    try {
        run(body_of("application/xml", "<Root><unclosed></Root>"));
        FAIL() << "no exception";
    } catch (const exceptions::DecodeError& error) {
        EXPECT_EQ(error.message(), "XML is invalid");
        EXPECT_EQ(as_string_view(error.response()->content()), "<Root><unclosed></Root>");
    }
}

TEST_P(ContentDecodePolicyTest, LeavesBinaryBodiesAlone) {
    for (std::string type : {"application/octet-stream", "image/png", "application/pdf"}) {
        auto response = run(body_of(type, std::string("\x89PNG\x00\xff", 6)));
        EXPECT_EQ(data(response), nullptr) << type;
        EXPECT_EQ(static_cast<rest::HttpResponseBase&>(*response.http_response).content().size(), 6u);
    }
}

TEST_P(ContentDecodePolicyTest, DoesNothingForStreamedResponsesOrWithoutTheStreamOption) {
    EXPECT_EQ(data(run(body_of("application/json", "{}"), Kwargs{{"stream", true}})), nullptr);
    EXPECT_EQ(data(run(body_of("application/json", "not json"), Kwargs{})), nullptr);  // Python: stream defaults to True here
}

TEST_P(ContentDecodePolicyTest, DecodesTextWithTheResponseEncoding) {
    MockResponse latin1 = body_of("text/plain; charset=utf-8", std::string("caf\xE9", 4));
    EXPECT_EQ(std::get<std::string>(*data(run(latin1, Kwargs{{"stream", false}, {"response_encoding", "latin-1"}}))), "caf\xC3\xA9");
    auto configured = std::make_shared<ContentDecodePolicy>("latin-1");
    auto response = run(latin1, Kwargs{{"stream", false}}, configured);
    EXPECT_EQ(std::get<std::string>(*data(response)), "caf\xC3\xA9");
    EXPECT_EQ(*response.context->get<std::string>("response_encoding"), "latin-1");
}

TEST(ContentDecodePolicyTextTest, DeserializeFromTextFollowsTheMimeType) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(ContentDecodePolicy::deserialize_from_text("", "application/json")));
    EXPECT_EQ(std::get<std::string>(ContentDecodePolicy::deserialize_from_text("{}")), "{}");
    EXPECT_EQ(*std::get<std::shared_ptr<const boost::json::value>>(ContentDecodePolicy::deserialize_from_text("[1]", "text/json")),
              boost::json::parse("[1]"));
    // The JSON test is Python's regular expression: case-sensitive, application/ or text/ only.
    EXPECT_THROW(ContentDecodePolicy::deserialize_from_text("[1]", "Application/JSON"), exceptions::DecodeError);
    EXPECT_THROW(ContentDecodePolicy::deserialize_from_text("[1]", "application/+json"), exceptions::DecodeError);
    try {
        ContentDecodePolicy::deserialize_from_text("%PDF", "application/pdf");
        FAIL() << "no exception";
    } catch (const exceptions::DecodeError& error) {
        EXPECT_EQ(error.message(), "Cannot deserialize content-type: application/pdf");
        EXPECT_EQ(error.response(), nullptr);
    }
}

TEST(ContentDecodePolicyTextTest, TakesTheResponseEncodingOption) {
    ContentDecodePolicy policy;
    EXPECT_EQ(policy.response_encoding(), std::nullopt);
    ASSERT_EQ(policy.option_names().size(), 1u);
    EXPECT_EQ(policy.option_names()[0], "response_encoding");
    EXPECT_EQ(ContentDecodePolicy::CONTEXT_NAME, "deserialized_data");
}

INSTANTIATE_TEST_SUITE_P(BothModes, ContentDecodePolicyTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::policies
