#include <azcore/exceptions.hpp>

#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>

namespace {

using namespace azcore::exceptions;
using azcore::CaseInsensitiveDict;
using azcore::rest::HttpRequest;
using azcore::rest::HttpResponseBase;

// ---- helpers ------------------------------------------------------------------------------------

std::shared_ptr<HttpResponseBase> make_response(int status, std::string reason, std::optional<std::string> body,
                                                std::string url = "https://example.org/items?api-version=1",
                                                CaseInsensitiveDict headers = {}) {
    auto request = std::make_shared<const HttpRequest>("GET", std::move(url));
    auto response = std::make_shared<HttpResponseBase>(request, status, std::move(reason), std::move(headers));
    if (body) {
        response->set_content(azcore::to_bytes(*body));
    }
    return response;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        count += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    }
    return count;
}

constexpr const char* kODataBody = R"({
  "error": {
    "code": "BadArgument",
    "message": "Invalid argument.",
    "target": "query",
    "details": [
      {"code": "NullValue", "message": "Is null.", "target": "$search"},
      {"code": "Missing", "message": "Required."},
      {"message": 42, "code": ""},
      "not an error"
    ],
    "innererror": {"trace": "abc", "nested": {"list": [1, 2.5, true, null], "empty": {}}, "text": "\u00e9\n"}
  }
})";

// ---- hierarchy ----------------------------------------------------------------------------------

template <class Base, class Derived>
constexpr bool is_a = std::is_base_of_v<Base, Derived>;

TEST(ExceptionHierarchy, MirrorsAzureCoreExceptions) {
    static_assert(is_a<std::runtime_error, AzureError>);
    static_assert(is_a<AzureError, ServiceRequestError>);
    static_assert(is_a<ServiceRequestError, ServiceRequestTimeoutError>);
    static_assert(is_a<AzureError, ServiceResponseError>);
    static_assert(is_a<ServiceResponseError, ServiceResponseTimeoutError>);
    static_assert(!is_a<ServiceRequestError, ServiceResponseError>);
    static_assert(is_a<AzureError, HttpResponseError>);
    static_assert(is_a<HttpResponseError, DecodeError>);
    static_assert(is_a<DecodeError, IncompleteReadError>);
    static_assert(is_a<HttpResponseError, ResourceExistsError>);
    static_assert(is_a<HttpResponseError, ResourceNotFoundError>);
    static_assert(is_a<HttpResponseError, ResourceModifiedError>);
    static_assert(is_a<HttpResponseError, ResourceNotModifiedError>);
    static_assert(is_a<HttpResponseError, ClientAuthenticationError>);
    static_assert(is_a<HttpResponseError, TooManyRedirectsError>);
    static_assert(is_a<HttpResponseError, ODataV4Error>);
    static_assert(is_a<AzureError, StreamConsumedError>);
    static_assert(is_a<AzureError, StreamClosedError>);
    static_assert(is_a<AzureError, ResponseNotReadError>);
    static_assert(!is_a<HttpResponseError, StreamConsumedError>);
    static_assert(is_a<std::invalid_argument, SerializationError>);
    static_assert(is_a<std::invalid_argument, DeserializationError>);
    static_assert(!is_a<AzureError, SerializationError>);
    SUCCEED();
}

// ---- AzureError ---------------------------------------------------------------------------------

TEST(AzureError, CarriesMessageInnerExceptionContinuationTokenAndErrorCode) {
    const auto inner = std::make_exception_ptr(std::runtime_error("socket closed"));
    AzureError error("Something failed",
                     {.error = inner, .continuation_token = "token-1", .error_code = std::make_error_code(std::errc::timed_out)});
    EXPECT_EQ(error.message(), "Something failed");
    EXPECT_STREQ(error.what(), "Something failed");
    EXPECT_EQ(error.inner_exception(), inner);
    EXPECT_EQ(error.continuation_token(), "token-1");
    EXPECT_EQ(error.error_code(), std::errc::timed_out);
    error.set_continuation_token("token-2");
    EXPECT_EQ(error.continuation_token(), "token-2");
}

TEST(AzureError, SubclassesTakeTheSameArguments) {
    try {
        throw ServiceResponseTimeoutError("Read timed out", {.error_code = std::make_error_code(std::errc::timed_out)});
    } catch (const ServiceResponseError& error) {
        EXPECT_EQ(error.message(), "Read timed out");
        EXPECT_EQ(error.error_code(), std::errc::timed_out);
    }
}

// ---- HttpResponseError --------------------------------------------------------------------------

TEST(HttpResponseError, WithoutAResponseSaysTheStatusIsInvalid) {
    const HttpResponseError error(std::nullopt, nullptr);
    EXPECT_EQ(error.message(), "Operation returned an invalid status 'None'");
    EXPECT_EQ(error.status_code(), std::nullopt);
    EXPECT_EQ(error.reason(), std::nullopt);
    EXPECT_EQ(error.response(), nullptr);
    EXPECT_EQ(error.error(), nullptr);
}

TEST(HttpResponseError, TakesStatusAndReasonFromTheResponse) {
    const auto response = make_response(404, "Not Found", "");
    const HttpResponseError error(response);
    EXPECT_EQ(error.status_code(), 404);
    EXPECT_EQ(error.reason(), "Not Found");
    EXPECT_EQ(error.response(), response);
    EXPECT_EQ(error.message(), "Operation returned an invalid status 'Not Found'");
    EXPECT_STREQ(error.what(), "Operation returned an invalid status 'Not Found'");
}

TEST(HttpResponseError, AGivenMessageWinsOverTheGenericOneAndTheBodyIsAppendedToWhat) {
    const HttpResponseError error("Custom message", make_response(500, "Internal Server Error", "upstream exploded"));
    EXPECT_EQ(error.message(), "Custom message");
    EXPECT_STREQ(error.what(), "Custom message\nContent: upstream exploded");
}

TEST(HttpResponseError, AnEmptyMessageFallsBackToTheGenericOne) {
    const HttpResponseError error("", make_response(503, "Service Unavailable", ""));
    EXPECT_EQ(error.message(), "Operation returned an invalid status 'Service Unavailable'");
}

TEST(HttpResponseError, AnODataBodyBecomesTheMessageAndIsNotRepeatedAsContent) {
    const HttpResponseError error(
        "ignored", make_response(400, "Bad Request", R"({"error": {"code": "BadArgument", "message": "Invalid argument."}})"));
    ASSERT_NE(error.error(), nullptr);
    EXPECT_EQ(error.error()->code(), "BadArgument");
    EXPECT_EQ(error.message(), "(BadArgument) Invalid argument.\nCode: BadArgument\nMessage: Invalid argument.");
    EXPECT_EQ(std::string(error.what()), error.message());
}

TEST(HttpResponseError, AnODataBodyWithoutTheErrorWrapperParsesToo) {
    const HttpResponseError error(make_response(409, "Conflict", R"({"code": "Exists", "message": "It exists."})"));
    ASSERT_NE(error.error(), nullptr);
    EXPECT_EQ(error.message(), "(Exists) It exists.\nCode: Exists\nMessage: It exists.");
}

TEST(HttpResponseError, JsonThatIsNotAnODataErrorIsShownAsContent) {
    const HttpResponseError error(make_response(400, "Bad Request", R"({"status": "bad"})"));
    EXPECT_EQ(error.error(), nullptr);
    EXPECT_STREQ(error.what(), "Operation returned an invalid status 'Bad Request'\nContent: {\"status\": \"bad\"}");
}

TEST(HttpResponseError, WhatIsCutTo2048Characters) {
    const HttpResponseError error("m", make_response(500, "Oops", std::string(5000, 'x')));
    const std::string what = error.what();
    EXPECT_EQ(what.size(), 2048u);
    EXPECT_EQ(what.substr(0, 12), "m\nContent: x");
    EXPECT_EQ(error.message(), "m");
}

TEST(HttpResponseError, WhatIsCutByCharactersNotBytes) {
    std::string body;
    for (int i = 0; i < 3000; ++i) {
        body += "\xc3\xa9";  // é
    }
    const HttpResponseError error("m", make_response(500, "Oops", body));
    const std::string what = error.what();
    EXPECT_EQ(code_points(what), 2048u);
    EXPECT_EQ(what.size(), 11u + 2u * 2037u);  // "m\nContent: " then whole é's only
}

TEST(HttpResponseError, AStreamedUnreadResponseIsNotParsedAndDoesNotThrow) {
    const auto response = make_response(500, "Internal Server Error", std::nullopt);
    const HttpResponseError error(response);
    EXPECT_EQ(error.error(), nullptr);
    EXPECT_STREQ(error.what(), "Operation returned an invalid status 'Internal Server Error'");
}

struct ServiceErrorModel {
    std::string code;
};

TEST(HttpResponseError, KeepsModelInnerExceptionAndContinuationToken) {
    const auto inner = std::make_exception_ptr(std::runtime_error("cause"));
    const HttpResponseError error("m", nullptr, {.error = inner, .model = ServiceErrorModel{"Conflict"}, .continuation_token = "ct"});
    ASSERT_TRUE(error.has_model());
    ASSERT_NE(error.model<ServiceErrorModel>(), nullptr);
    EXPECT_EQ(error.model<ServiceErrorModel>()->code, "Conflict");
    EXPECT_EQ(error.model<std::string>(), nullptr) << "a model of another type is not handed out as this one";
    const HttpResponseError copy = error;  // as a throw copies it
    EXPECT_EQ(copy.model<ServiceErrorModel>(), error.model<ServiceErrorModel>()) << "copies share the model";
    EXPECT_EQ(error.inner_exception(), inner);
    EXPECT_EQ(error.continuation_token(), "ct");
    EXPECT_FALSE(HttpResponseError("m", nullptr).has_model());
    EXPECT_EQ(HttpResponseError("m", nullptr).model<ServiceErrorModel>(), nullptr);
}

TEST(HttpResponseError, SubclassesShareItsConstructorsAndMessages) {
    const ResourceNotFoundError error(make_response(404, "Not Found", "no such blob"));
    EXPECT_EQ(error.status_code(), 404);
    EXPECT_STREQ(error.what(), "Operation returned an invalid status 'Not Found'\nContent: no such blob");
    const IncompleteReadError incomplete("Connection closed early", nullptr,
                                         {.error_code = std::make_error_code(std::errc::connection_reset)});
    EXPECT_EQ(incomplete.message(), "Connection closed early");
    EXPECT_EQ(incomplete.error_code(), std::errc::connection_reset);
}

TEST(TooManyRedirectsError, SaysReachedMaximumRedirectAttemptsAndKeepsTheHistory) {
    std::vector<azcore::RequestHistory> history(3);
    history[0].http_request = std::make_shared<HttpRequest>("GET", "https://example.org/1");
    const TooManyRedirectsError error(history);
    EXPECT_STREQ(error.what(), "Reached maximum redirect attempts.");
    ASSERT_EQ(error.history().size(), 3u);
    EXPECT_EQ(error.history()[0].http_request->url, "https://example.org/1");
    EXPECT_EQ(error.status_code(), std::nullopt);
}

// ---- ODataV4Format ------------------------------------------------------------------------------

TEST(ODataV4Format, ReadsEveryFieldAndSkipsDetailsThatAreNotErrors) {
    const ODataV4Format format(boost::json::parse(kODataBody));
    EXPECT_EQ(format.code(), "BadArgument");
    EXPECT_EQ(format.message(), "Invalid argument.");
    EXPECT_EQ(format.target(), "query");
    ASSERT_EQ(format.details().size(), 3u);
    EXPECT_EQ(format.details()[0]->target(), "$search");
    EXPECT_EQ(format.details()[1]->target(), std::nullopt);
    EXPECT_EQ(format.details()[2]->message(), "42");
    EXPECT_EQ(format.innererror().at("trace"), "abc");
}

TEST(ODataV4Format, FormatsLikePython) {
    const ODataV4Format format(boost::json::parse(kODataBody));
    const std::string details =
        "Code: BadArgument\n"
        "Message: Invalid argument.\n"
        "Target: query\n"
        "Exception Details:"
        "\t(NullValue) Is null.\n\tCode: NullValue\n\tMessage: Is null.\n\tTarget: $search"
        "\t(Missing) Required.\n\tCode: Missing\n\tMessage: Required."
        "\t() 42\n\tCode: \n\tMessage: 42\n"
        "Inner error: {\n"
        "    \"trace\": \"abc\",\n"
        "    \"nested\": {\n"
        "        \"list\": [\n"
        "            1,\n"
        "            2.5,\n"
        "            true,\n"
        "            null\n"
        "        ],\n"
        "        \"empty\": {}\n"
        "    },\n"
        "    \"text\": \"\\u00e9\\n\"\n"
        "}";
    EXPECT_EQ(format.message_details(), details);
    EXPECT_EQ(format.str(), "(BadArgument) Invalid argument.\n" + details);
}

TEST(ODataV4Format, AnAbsentCodeShowsAsNone) {
    const ODataV4Format format(boost::json::parse(R"({"error": {"message": "Only a message."}})"));
    EXPECT_EQ(format.str(), "(None) Only a message.\nCode: None\nMessage: Only a message.");
}

TEST(ODataV4Format, RequiresACodeOrAMessage) {
    try {
        ODataV4Format format(boost::json::parse(R"({"error": {"code": "", "target": "x"}})"));
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_EQ(std::string(error.what()),
                  "Impossible to extract code/message from received JSON:\n{\"code\": \"\", \"target\": \"x\"}");
    }
    EXPECT_THROW(ODataV4Format(boost::json::parse("[1, 2]")), std::invalid_argument);
    EXPECT_THROW(ODataV4Format(boost::json::parse(R"({"error": "just text"})")), std::invalid_argument);
    EXPECT_THROW(ODataV4Format(boost::json::parse(R"({"code": "C", "details": 5})")), std::invalid_argument);
    EXPECT_TRUE(ODataV4Format(boost::json::parse(R"({"code": "C", "details": null})")).details().empty()) << "as Python's `or []`";
}

TEST(ODataV4Format, PrintsFloatsAsPythonDoes) {
    const ODataV4Format format(
        boost::json::parse(R"({"code": "C", "message": "M", "innererror": {"a": 1e16, "b": 0.00001, "c": 100.0, "d": 0.001}})"));
    EXPECT_EQ(format.message_details(),
              "Code: C\nMessage: M\nInner error: {\n    \"a\": 1e+16,\n    \"b\": 1e-05,\n    \"c\": 100.0,\n    \"d\": 0.001\n}");
}

// ---- ODataV4Error -------------------------------------------------------------------------------

TEST(ODataV4Error, ExposesTheParsedBody) {
    const ODataV4Error error(make_response(400, "Bad Request", kODataBody));
    ASSERT_TRUE(error.odata_json().has_value());
    EXPECT_EQ(error.code(), "BadArgument");
    EXPECT_EQ(error.target(), "query");
    EXPECT_EQ(error.details().size(), 3u);
    EXPECT_EQ(error.innererror().at("trace"), "abc");
    EXPECT_EQ(std::string(error.what()).rfind("(BadArgument) Invalid argument.\nCode: BadArgument", 0), 0u);
}

TEST(ODataV4Error, WithABodyThatIsNotJsonBehavesAsAnHttpResponseError) {
    const ODataV4Error error(make_response(502, "Bad Gateway", "<html>"));
    EXPECT_FALSE(error.odata_json().has_value());
    EXPECT_EQ(error.code(), std::nullopt);
    EXPECT_STREQ(error.what(), "Operation returned an invalid status 'Bad Gateway'\nContent: <html>");
}

// ---- stream errors ------------------------------------------------------------------------------

TEST(StreamErrors, NameTheRequestAsPythonDoes) {
    const auto response = make_response(200, "OK", std::nullopt, "https://example.org/blob");
    EXPECT_STREQ(StreamConsumedError(response).what(),
                 "You are attempting to read or stream the content from request <HttpRequest [GET], url: "
                 "'https://example.org/blob'>. You have likely already consumed this stream, so it can not be "
                 "accessed anymore.");
    EXPECT_STREQ(StreamClosedError(response).what(),
                 "The content for response from request <HttpRequest [GET], url: 'https://example.org/blob'> can no "
                 "longer be read or streamed, since the response has already been closed.");
    EXPECT_STREQ(ResponseNotReadError(response).what(),
                 "You have not read in the bytes for the response from request <HttpRequest [GET], url: "
                 "'https://example.org/blob'>. Call .read() on the response first.");
    EXPECT_EQ(ResponseNotReadError(response).response(), response);
    EXPECT_EQ(ResponseNotReadError(*response).response(), nullptr);
}

TEST(StreamErrors, NeverShowASasSignature) {
    const auto response = make_response(200, "OK", std::nullopt, "https://a.blob.core.windows.net/c/b?sv=1&sig=s3cr3t");
    const std::string what = StreamClosedError(response).what();
    EXPECT_EQ(what.find("s3cr3t"), std::string::npos) << what;
    EXPECT_NE(what.find("sig=REDACTED"), std::string::npos) << what;
}

TEST(StreamErrors, ComeFromAResponseWhoseBodyWasNotRead) {
    const auto response = make_response(200, "OK", std::nullopt, "https://example.org/x");
    try {
        (void)response->content();
        FAIL() << "no exception";
    } catch (const ResponseNotReadError& error) {
        EXPECT_EQ(error.response(), response);
    }
}

// ---- map_error ----------------------------------------------------------------------------------

TEST(MapError, ThrowsTheErrorMappedToTheStatusCodeWithTheResponse) {
    const auto response = make_response(404, "Not Found", "");
    const ErrorMap map{.errors = {{404, raise_as<ResourceNotFoundError>()}, {409, raise_as<ResourceExistsError>()}}};
    try {
        map_error(404, response, map);
        FAIL() << "no exception";
    } catch (const ResourceNotFoundError& error) {
        EXPECT_EQ(error.response(), response);
        EXPECT_EQ(error.status_code(), 404);
    }
}

TEST(MapError, UsesTheDefaultErrorForAnUnmappedStatus) {
    const ErrorMap map{.errors = {{404, raise_as<ResourceNotFoundError>()}},
                       .default_error = raise_as<ClientAuthenticationError>()};
    EXPECT_THROW(map_error(401, make_response(401, "Unauthorized", ""), map), ClientAuthenticationError);
    EXPECT_THROW(map_error(404, make_response(404, "Not Found", ""), map), ResourceNotFoundError);
}

TEST(MapError, DoesNothingWhenNoErrorApplies) {
    EXPECT_NO_THROW(map_error(500, make_response(500, "Oops", ""), ErrorMap{}));
    const ErrorMap map{.errors = {{404, raise_as<ResourceNotFoundError>()}, {409, ErrorFactory{}}}};
    EXPECT_NO_THROW(map_error(500, make_response(500, "Oops", ""), map));
    EXPECT_NO_THROW(map_error(409, make_response(409, "Conflict", ""), map));
    EXPECT_EQ(map.get(500), nullptr);
    EXPECT_NE(map.get(404), nullptr);
}

}  // namespace
