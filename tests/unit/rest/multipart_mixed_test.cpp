// multipart/mixed batches: the request body byte for byte against Python 1.41's, and parts() of
// both response faces.
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline/sans_io_http_policy.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/invalid_argument_message.hpp"
#include "support/run_mode.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace azcore::rest {
namespace {

using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }
std::string text_of(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

// What the oracle's test policy does: stamp every part.
class DatePolicy : public pipeline::SansIOHTTPPolicy {
public:
    void on_request(pipeline::PipelineRequest& request) const override {
        request.http_request->headers.set("x-ms-date", "Thu, 14 Jun 2018 16:46:54 GMT");
    }
};

// Records the status of every response it sees.
class StatusJournal : public pipeline::SansIOHTTPPolicy {
public:
    void on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const override {
        seen->push_back(request.http_request->method + " " + request.http_request->url + " " +
                        std::to_string(response.http_response->status_code()));
    }
    std::shared_ptr<std::vector<std::string>> seen = std::make_shared<std::vector<std::string>>();
};

class MultipartMixedTest : public ::testing::TestWithParam<RunMode> {
protected:
    // Sends request through a pipeline whose transport answers `answer`; returns what was sent.
    transport::RecordedRequest send(HttpRequest request, MockResponse answer = {}) {
        auto mock = std::make_shared<MockTransport>(std::vector<MockTransport::Outcome>{answer});
        pipeline::Pipeline pipeline(mock);
        response_ = test::run_pipeline(pipeline, GetParam(), std::move(request)).http_response;
        return mock->requests().at(0);
    }
    // parts() of the last response, in the face under test.
    std::vector<std::shared_ptr<HttpResponseBase>> parts() {
        std::vector<std::shared_ptr<HttpResponseBase>> out;
        if (GetParam() == RunMode::Sync) {
            for (auto& part : std::dynamic_pointer_cast<HttpResponse>(response_)->parts()) out.push_back(part);
        } else {
            auto response = std::dynamic_pointer_cast<AsyncHttpResponse>(response_);
            for (auto& part : test::run_awaitable(response->parts())) out.push_back(part);
        }
        return out;
    }
    std::shared_ptr<HttpResponseBase> response_;
};

// Oracle case A (Python 1.41, Pipeline._prepare_multipart_mixed_request + prepare_multipart_body).
TEST_P(MultipartMixedTest, ABlobBatchBodyEqualsPythons) {
    HttpRequest batch("POST", "http://account.blob.core.windows.net/?comp=batch");
    batch.set_multipart_mixed({HttpRequest("DELETE", "/container0/blob0"), HttpRequest("DELETE", "/container1/blob1"),
                               HttpRequest("PUT", "/container2/blob2?comp=tier", {.headers = {{"x-ms-access-tier", "Cool"}}})},
                              {.policies = {std::make_shared<DatePolicy>()},
                               .boundary = "batch_357de4f7-6d0b-4e02-8cd2-6361411a9525"});
    const auto sent = send(std::move(batch));
    EXPECT_EQ(text_of(sent.body),
              "--batch_357de4f7-6d0b-4e02-8cd2-6361411a9525\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: "
              "binary\r\nContent-ID: 0\r\n\r\nDELETE /container0/blob0 HTTP/1.1\r\nx-ms-date: Thu, 14 Jun 2018 16:46:54 "
              "GMT\r\n\r\n\r\n--batch_357de4f7-6d0b-4e02-8cd2-6361411a9525\r\nContent-Type: "
              "application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\nDELETE /container1/blob1 "
              "HTTP/1.1\r\nx-ms-date: Thu, 14 Jun 2018 16:46:54 GMT\r\n\r\n\r\n--batch_357de4f7-6d0b-4e02-8cd2-6361411a9525\r\n"
              "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\nPUT "
              "/container2/blob2?comp=tier HTTP/1.1\r\nContent-Length: 0\r\nx-ms-access-tier: Cool\r\nx-ms-date: Thu, 14 "
              "Jun 2018 16:46:54 GMT\r\n\r\n\r\n--batch_357de4f7-6d0b-4e02-8cd2-6361411a9525--\r\n");
    EXPECT_EQ(sent.headers.get("Content-Type"), "multipart/mixed; boundary=batch_357de4f7-6d0b-4e02-8cd2-6361411a9525");
    EXPECT_EQ(sent.headers.get("Content-Length"), "731");
}

// Oracle case B: a Table transaction, one changeset of an insert and a merge (the same JSON bytes
// given as content= to both).
TEST_P(MultipartMixedTest, AChangesetBodyEqualsPythons) {
    HttpRequest changeset("POST", "");
    changeset.set_multipart_mixed(
        {HttpRequest("POST", "http://127.0.0.1:10002/devstoreaccount1/t1",
                     {.headers = {{"Content-Type", "application/json"},
                                  {"Accept", "application/json;odata=nometadata"},
                                  {"DataServiceVersion", "3.0"}},
                      .content = bytes_of(R"({"PartitionKey": "p", "RowKey": "r1", "n": 1})")}),
         HttpRequest("MERGE", "http://127.0.0.1:10002/devstoreaccount1/t1(PartitionKey='p',RowKey='r0')",
                     {.headers = {{"Content-Type", "application/json"}, {"If-Match", "*"}},
                      .content = bytes_of(R"({"n": 2})")})},
        {.boundary = "changeset_8f3a"});
    HttpRequest batch("POST", "http://127.0.0.1:10002/devstoreaccount1/$batch");
    batch.set_multipart_mixed({changeset}, {.boundary = "batch_b1"});
    const auto sent = send(std::move(batch));
    EXPECT_EQ(text_of(sent.body),
              "--batch_b1\r\nContent-Type: multipart/mixed; boundary=changeset_8f3a\r\n\r\n--changeset_8f3a\r\nContent-Type: "
              "application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 0\r\n\r\nPOST "
              "http://127.0.0.1:10002/devstoreaccount1/t1 HTTP/1.1\r\nContent-Length: 45\r\nContent-Type: "
              "application/json\r\nAccept: application/json;odata=nometadata\r\nDataServiceVersion: 3.0\r\n\r\n"
              "{\"PartitionKey\": \"p\", \"RowKey\": \"r1\", \"n\": 1}\r\n--changeset_8f3a\r\nContent-Type: "
              "application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\nMERGE "
              "http://127.0.0.1:10002/devstoreaccount1/t1(PartitionKey='p',RowKey='r0') HTTP/1.1\r\nContent-Length: "
              "8\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n{\"n\": 2}\r\n--changeset_8f3a--\r\n\r\n"
              "--batch_b1--\r\n");
    EXPECT_EQ(sent.headers.get("Content-Type"), "multipart/mixed; boundary=batch_b1");
}

// Oracle case C: parts before and after a changeset number on; the batch's policies run on the
// changeset request but not inside it (a changeset runs its own).
TEST_P(MultipartMixedTest, ContentIdsNumberAcrossAChangesetWhichRunsItsOwnPolicies) {
    HttpRequest changeset("POST", "");
    changeset.set_multipart_mixed({HttpRequest("PATCH", "/a", {.content = bytes_of("x")}), HttpRequest("DELETE", "/b")},
                                  {.boundary = "cs"});
    HttpRequest batch("POST", "http://h/batch");
    batch.set_multipart_mixed(
        {HttpRequest("GET", "/first"), changeset, HttpRequest("HEAD", "/last", {.headers = {{"Accept", "*/*"}}})},
        {.policies = {std::make_shared<DatePolicy>()}, .boundary = "outer"});
    const auto sent = send(std::move(batch));
    EXPECT_EQ(text_of(sent.body),
              "--outer\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 0\r\n\r\nGET "
              "/first HTTP/1.1\r\nx-ms-date: Thu, 14 Jun 2018 16:46:54 GMT\r\n\r\n\r\n--outer\r\nContent-Type: "
              "multipart/mixed; boundary=cs\r\n\r\n--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: "
              "binary\r\nContent-ID: 1\r\n\r\nPATCH /a HTTP/1.1\r\nContent-Length: 1\r\n\r\nx\r\n--cs\r\nContent-Type: "
              "application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\nDELETE /b "
              "HTTP/1.1\r\n\r\n\r\n--cs--\r\n\r\n--outer\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: "
              "binary\r\nContent-ID: 3\r\n\r\nHEAD /last HTTP/1.1\r\nAccept: */*\r\nx-ms-date: Thu, 14 Jun 2018 16:46:54 "
              "GMT\r\n\r\n\r\n--outer--\r\n");
}

// Oracle case D: no boundary given, Python's email form of a random one.
TEST_P(MultipartMixedTest, WithoutABoundaryOneIsMadeInPythonsForm) {
    HttpRequest batch("POST", "http://h/batch");
    batch.set_multipart_mixed({HttpRequest("GET", "/only")});
    const auto sent = send(std::move(batch));
    const std::string content_type = sent.headers.get("Content-Type").value_or("");
    std::smatch match;
    ASSERT_TRUE(std::regex_match(content_type, match, std::regex("multipart/mixed; boundary=(={15}[0-9]{19}==)")))
        << content_type;
    const std::string boundary = match[1];
    EXPECT_EQ(text_of(sent.body), "--" + boundary +
                                      "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
                                      "Content-ID: 0\r\n\r\nGET /only HTTP/1.1\r\n\r\n\r\n--" + boundary + "--\r\n");
}

TEST_P(MultipartMixedTest, ASubRequestThatCannotBeWrittenIsRefusedBeforeSending) {
    HttpRequest batch("POST", "http://h/batch");
    batch.set_multipart_mixed({HttpRequest("GET", "/a b")}, {.boundary = "b"});
    EXPECT_EQ(test::invalid_argument_message([&] { send(batch); }),
              "serialize: the URL '/a b' holds a space, a control character or a non-ASCII byte");
    HttpRequest streamed("POST", "http://h/batch");
    streamed.set_multipart_mixed(
        {HttpRequest("PUT", "/s", {.content = std::shared_ptr<BodyStream>(std::make_shared<BytesStream>(Bytes{1, 2}))})},
        {.boundary = "b"});
    EXPECT_EQ(test::invalid_argument_message([&] { send(streamed); }),
              "serialize: the body of PUT /s is a stream; a multipart/mixed part needs bytes");
}

const char* const BLOB_BATCH_RESPONSE =
    "--batchresponse_66925647\r\n"
    "Content-Type: application/http\r\n"
    "Content-ID: 0\r\n"
    "\r\n"
    "HTTP/1.1 202 Accepted\r\n"
    "x-ms-delete-type-permanent: true\r\n"
    "x-ms-request-id: 778fdc83-801e-0000-62ff-0334671e284f\r\n"
    "x-ms-version: 2018-11-09\r\n"
    "\r\n"
    "\r\n"
    "--batchresponse_66925647\r\n"
    "Content-Type: application/http\r\n"
    "Content-ID: 1\r\n"
    "\r\n"
    "HTTP/1.1 404 The specified blob does not exist.\r\n"
    "x-ms-error-code: BlobNotFound\r\n"
    "Content-Length: 63\r\n"
    "Content-Type: application/xml\r\n"
    "\r\n"
    "<Error><Code>BlobNotFound</Code><Message>gone</Message></Error>\r\n"
    "--batchresponse_66925647\r\n"
    "Content-Type: application/http\r\n"
    "Content-ID: 2\r\n"
    "\r\n"
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: application/json\r\n"
    "\r\n"
    "{\"tier\":\"Cool\"}\r\n"
    "--batchresponse_66925647--\r\n";

TEST_P(MultipartMixedTest, PartsAreFullResponsesMatchedToTheirSubRequestsAndSeenByThePolicies) {
    auto journal = std::make_shared<StatusJournal>();
    HttpRequest batch("POST", "http://account.blob.core.windows.net/?comp=batch");
    batch.set_multipart_mixed({HttpRequest("DELETE", "/c/b0"), HttpRequest("DELETE", "/c/missing"),
                               HttpRequest("PUT", "/c/b2?comp=tier")},
                              {.policies = {journal}, .boundary = "batch_x"});
    send(std::move(batch), MockResponse{.status_code = 202,
                                        .headers = {{"Content-Type", "multipart/mixed; boundary=batchresponse_66925647"}},
                                        .body = bytes_of(BLOB_BATCH_RESPONSE)});
    const auto got = parts();
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0]->status_code(), 202);
    EXPECT_EQ(got[0]->reason(), "Accepted");
    EXPECT_EQ(got[0]->headers().get("x-ms-request-id"), "778fdc83-801e-0000-62ff-0334671e284f");
    EXPECT_EQ(got[0]->headers().size(), 3u);
    EXPECT_EQ(text_of(got[0]->content()), "");
    EXPECT_EQ(got[0]->request().url, "/c/b0");
    EXPECT_NO_THROW(got[0]->raise_for_status());
    EXPECT_EQ(got[1]->status_code(), 404);
    EXPECT_EQ(got[1]->reason(), "The specified blob does not exist.");
    EXPECT_EQ(got[1]->text(), "<Error><Code>BlobNotFound</Code><Message>gone</Message></Error>");
    EXPECT_EQ(got[1]->request().url, "/c/missing");
    try {
        got[1]->raise_for_status();
        ADD_FAILURE() << "no HttpResponseError";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 404);
        EXPECT_EQ(error.reason(), "The specified blob does not exist.");
    }
    EXPECT_EQ(got[2]->json().at("tier").as_string(), "Cool");
    EXPECT_EQ(got[2]->http_version(), "1.1");
    EXPECT_EQ(*journal->seen, (std::vector<std::string>{"DELETE /c/b0 202", "DELETE /c/missing 404", "PUT /c/b2?comp=tier 200"}));
}

TEST_P(MultipartMixedTest, AChangesetsPartsTakeItsPlaceAndExtraPartsAnswerTheBatch) {
    HttpRequest changeset("POST", "");
    changeset.set_multipart_mixed({HttpRequest("POST", "/t1"), HttpRequest("MERGE", "/t1(r)")}, {.boundary = "cs"});
    HttpRequest batch("POST", "http://h/$batch");
    batch.set_multipart_mixed({changeset}, {.boundary = "b"});
    const std::string body =
        "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=\"changesetresponse_2\"\r\n\r\n"
        "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        "HTTP/1.1 204 No Content\r\nContent-ID: 0\r\n\r\n\r\n"
        "--changesetresponse_2\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
        "HTTP/1.1 204 No Content\r\nContent-ID: 1\r\n\r\n\r\n"
        "--changesetresponse_2--\r\n\r\n"
        "--batchresponse_1\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok\r\n"
        "--batchresponse_1--\r\n";
    send(std::move(batch), MockResponse{.status_code = 202,
                                        .headers = {{"Content-Type", "multipart/mixed; boundary=batchresponse_1"}},
                                        .body = bytes_of(body)});
    const auto got = parts();
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0]->status_code(), 204);
    EXPECT_EQ(got[0]->request().url, "/t1");
    EXPECT_EQ(got[1]->headers().get("Content-ID"), "1");
    EXPECT_EQ(got[1]->request().url, "/t1(r)");
    EXPECT_EQ(text_of(got[2]->content()), "ok");
    EXPECT_EQ(got[2]->request().url, "http://h/$batch");  // no sub-request left: the batch (as in Python)
}

TEST_P(MultipartMixedTest, ABodyThatIsNotABatchIsADecodeErrorNamingWhy) {
    HttpRequest batch("POST", "http://h/batch");
    batch.set_multipart_mixed({HttpRequest("GET", "/a")}, {.boundary = "b"});
    send(std::move(batch), MockResponse{.status_code = 200, .headers = {{"Content-Type", "application/json"}},
                                        .body = bytes_of("{}")});
    try {
        parts();
        ADD_FAILURE() << "no DecodeError";
    } catch (const exceptions::DecodeError& error) {
        EXPECT_EQ(error.message(),
                  "Failed to parse the multipart/mixed body: the Content-Type 'application/json' is not multipart/mixed");
        EXPECT_EQ(error.status_code(), 200);
    }
}

INSTANTIATE_TEST_SUITE_P(BothModes, MultipartMixedTest, ::testing::Values(RunMode::Sync, RunMode::Async));

}  // namespace
}  // namespace azcore::rest
