// The continuation token format: self-contained, versioned, no credentials, strict when read.
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/polling/continuation_token.hpp>
#include <azcore/polling/polling_method.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include <boost/beast/core/detail/base64.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace azcore::polling {
namespace {

namespace base64 = boost::beast::detail::base64;

std::string b64(const std::string& text) {
    std::string out(base64::encoded_size(text.size()), '\0');
    out.resize(base64::encode(out.data(), text.data(), text.size()));
    return out;
}

std::string unb64(const std::string& text) {
    std::string out(base64::decoded_size(text.size()), '\0');
    out.resize(base64::decode(out.data(), text.data(), text.size()).first);
    return out;
}

pipeline::PipelineResponse initial_response() {
    auto request = std::make_shared<rest::HttpRequest>("PUT", "https://svc.example/widgets/w1?api-version=1");
    request->headers.set("x-ms-client-request-id", "req-123");
    request->headers.set("Authorization", "Bearer secret-token");
    CaseInsensitiveDict headers{{"Operation-Location", "https://svc.example/operations/op"}, {"Set-Twice", "a"}, {"Set-Twice", "b"}};
    auto response = std::make_shared<rest::HttpResponseBase>(request, 202, "Accepted", headers);
    Bytes body = to_bytes(R"({"status": "Running"})");
    body.push_back(0xff);  // not UTF-8: bodies travel as bytes
    response->set_content(body);
    return pipeline::PipelineResponse{request, response, nullptr};
}

TEST(ContinuationToken, RoundTripsTheInitialRequestAndResponse) {
    auto transport = std::make_shared<transport::MockTransport>(std::vector<transport::MockTransport::Outcome>{});
    pipeline::Pipeline pipeline(transport);
    const std::string token = encode_continuation_token(initial_response());
    pipeline::PipelineResponse decoded = decode_continuation_token(token, PollingClient(pipeline, "https://svc.example"));

    EXPECT_EQ(decoded.http_request->method, "PUT");
    EXPECT_EQ(decoded.http_request->url, "https://svc.example/widgets/w1?api-version=1");
    EXPECT_EQ(decoded.http_request->headers.get("x-ms-client-request-id"), "req-123");
    EXPECT_FALSE(decoded.http_request->headers.contains("Authorization")) << "credentials never go into a token";
    EXPECT_EQ(decoded.http_response->status_code(), 202);
    EXPECT_EQ(decoded.http_response->reason(), "Accepted");
    EXPECT_EQ(decoded.http_response->headers().get("operation-location"), "https://svc.example/operations/op");
    EXPECT_EQ(decoded.http_response->headers().get_all("Set-Twice"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(decoded.http_response->content(), initial_response().http_response->content());
    ASSERT_TRUE(decoded.context);
    EXPECT_EQ(&decoded.context->transport(), transport.get()) << "the context uses the new client's transport";
}

TEST(ContinuationToken, RoundTripsHeaderValuesThatAreNotUtf8) {
    auto request = std::make_shared<rest::HttpRequest>("POST", "https://svc.example/export");
    const std::string latin1 = "attachment; filename=\xe9t\xe9.txt";
    CaseInsensitiveDict headers{{"Operation-Location", "https://svc.example/operations/op"}, {"Content-Disposition", latin1}};
    auto response = std::make_shared<rest::HttpResponseBase>(request, 202, "Accepted", headers);
    response->set_content({});
    const std::string token = encode_continuation_token(pipeline::PipelineResponse{request, response, nullptr});

    pipeline::PipelineResponse decoded = decode_continuation_token(token, PollingClient());
    EXPECT_EQ(decoded.http_response->headers().get("Content-Disposition"), latin1);
    EXPECT_EQ(decoded.http_response->headers(), headers);
}

TEST(ContinuationToken, IsBase64OfVersionedJsonWithoutSecrets) {
    const std::string token = encode_continuation_token(initial_response());
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="), std::string::npos);
    const std::string text = unb64(token);
    boost::json::value json = boost::json::parse(text);
    EXPECT_EQ(json.at("azcore_lro_token_version"), 1);
    EXPECT_EQ(json.at("request").at("method"), "PUT");
    EXPECT_EQ(json.at("response").at("status_code"), 202);
    EXPECT_EQ(text.find("secret-token"), std::string::npos);
}

TEST(ContinuationToken, AnythingElseIsRejectedWithInvalidArgument) {
    const PollingClient none;
    for (const std::string& bad : {std::string("not a token"), b64("{}"), b64("[1, 2]"), b64("{\"azcore_lro_token_version\": 2}"),
                                   b64("garbage"), std::string()}) {
        SCOPED_TRACE(bad);
        try {
            decode_continuation_token(bad, none);
            ADD_FAILURE() << "expected std::invalid_argument";
        } catch (const std::invalid_argument& error) {
            EXPECT_NE(std::string(error.what()).find("continuation_token"), std::string::npos) << error.what();
        }
    }
}

TEST(ContinuationToken, WithoutAClientTheResponseHasNoContext) {
    pipeline::PipelineResponse decoded = decode_continuation_token(encode_continuation_token(initial_response()), PollingClient());
    EXPECT_FALSE(decoded.context);
    EXPECT_EQ(decoded.http_response->status_code(), 202);
}

}  // namespace
}  // namespace azcore::polling
