// Rows: what a hostile or broken server sends where a caller reads structure out of a body: a
// multipart/mixed batch response read with parts(), and CloudEvents read with from_json. Each
// bad body is a clear error naming what was wrong (a cut connection stays IncompleteReadError,
// as for any body), and the client still answers afterwards.
#include <azcore/exceptions.hpp>
#include <azcore/messaging/cloud_event.hpp>

#include "fault_matrix/matrix.hpp"

namespace azcore::test::matrix {

using rest::HttpRequest;

namespace {

namespace ex = azcore::exceptions;

const std::string batch_type = "multipart/mixed; boundary=batch_x";

std::string part(std::string_view http) {
    return "--batch_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" + std::string(http) +
           "\r\n";
}

const std::string ok_part = part("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
const std::string missing_part = part("HTTP/1.1 404 The specified blob does not exist.\r\nContent-Length: 4\r\n\r\ngone");

/// A complete HTTP response whose body is `body`, of Content-Type `type`.
HttpRequest answered_with(std::string body, std::string type, int status = 202) {
    return HttpRequest("GET", "/status/" + std::to_string(status),
                       {.params = {{"body", std::move(body)}, {"content_type", std::move(type)}}});
}

/// The batch is read with parts(); expects exactly E with a message containing part.
template <class E>
Row batch_error_row(std::string name, HttpRequest request, std::string part, bool stream = false) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                expect_throws<E>([&] { client->send(request, {.stream = stream}, {.parts = true}); }, part);
                m.expect_still_works(*client);
            }};
}

/// The body (one event or a batch) is read with CloudEvent::from_json; expects DeserializationError.
Row cloud_event_error_row(std::string name, std::string body, std::string part) {
    return {std::move(name), [=](Matrix& m) {
                auto client = m.client();
                // Streamed, as a consumer reads a large batch: ContentDecodePolicy leaves the body to from_json.
                Result result = client->send(answered_with(body, "application/cloudevents-batch+json; charset=utf-8", 200),
                                             {.stream = true});
                expect_throws<ex::DeserializationError>([&] { messaging::CloudEvent::from_json(result.body); }, part);
                m.expect_still_works(*client);
            }};
}

}  // namespace

std::vector<Row> batch_rows() {
    const std::string whole = ok_part + missing_part + "--batch_x--\r\n";
    // The connection closes 300 bytes early, in the middle of the second part's body.
    const std::string cut = ok_part + missing_part.substr(0, missing_part.size() - 4);
    const std::string short_target = "/short?declared=" + std::to_string(cut.size() + 300);
    return {
        {"BatchOfTwoPartsReadsEachPart",
         [whole](Matrix& m) {
             auto client = m.client();
             for (bool stream : {false, true}) {
                 Result result = client->send(answered_with(whole, batch_type), {.stream = stream}, {.parts = true});
                 ASSERT_EQ(result.parts.size(), 2u);
                 EXPECT_EQ(result.parts[0].status_code, 200);
                 EXPECT_EQ(result.parts[0].body, "ok");
                 EXPECT_EQ(result.parts[1].status_code, 404);
                 EXPECT_EQ(result.parts[1].body, "gone");
             }
             m.expect_still_works(*client);
         }},
        batch_error_row<ex::IncompleteReadError>(
            "BatchCutMidPartIsIncompleteReadErrorFromParts",
            HttpRequest("GET", short_target, {.params = {{"body", cut}, {"content_type", batch_type}}}), "300 bytes remaining",
            /*stream=*/true),
        batch_error_row<ex::DecodeError>("BatchEndingMidPartBodyIsDecodeError", answered_with(cut, batch_type),
                                         "Failed to parse the multipart/mixed body: the body ends before the close delimiter '--batch_x--'"),
        batch_error_row<ex::DecodeError>("BatchWithoutCloseDelimiterIsDecodeError", answered_with(ok_part, batch_type),
                                         "the body ends before the close delimiter '--batch_x--'"),
        batch_error_row<ex::DecodeError>("BatchPartThatIsNotHttpIsDecodeErrorNamingThePart",
                                         answered_with(ok_part + part("HTTP/1.1 abc Broken\r\n\r\n") + "--batch_x--\r\n",
                                                       batch_type),
                                         "Failed to parse the multipart/mixed body: part 2: its HTTP response does not parse (bad status)"),
        batch_error_row<ex::DecodeError>("BatchWithoutBoundaryIsDecodeError", answered_with(whole, "multipart/mixed"),
                                         "the Content-Type 'multipart/mixed' has no boundary"),
        batch_error_row<ex::DecodeError>("BatchOfAnotherTypeIsDecodeError", answered_with(whole, "text/plain"),
                                         "the Content-Type 'text/plain' is not multipart/mixed"),
        cloud_event_error_row("CloudEventBatchCutShortIsDeserializationError",
                              R"([{"id":"1","source":"/s","type":"t","specversion":"1.0"},{"id":"2","sou)",
                              "Failed to load JSON content from the object."),
        cloud_event_error_row("CloudEventWithoutSourceIsDeserializationError", R"({"id":"1","type":"t","specversion":"1.0"})",
                              "The `source` and `type` params are required."),
        cloud_event_error_row("CloudEventWithBadBase64DataIsDeserializationError",
                              R"({"id":"1","source":"/s","type":"t","specversion":"1.0","data_base64":"!!!"})",
                              "CloudEvent attribute 'data_base64': "),
    };
}

}  // namespace azcore::test::matrix
