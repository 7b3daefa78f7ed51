// The test service's paged list (/paged/items) and long-running operation (/lro/...) answer as
// test_server.hpp says: what `azrest demo`, azrest --paged / --wait and the docs rely on.
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>

namespace {

using azcore::rest::HttpRequest;
using boost::json::parse;

class PagedLroRoutes : public ::testing::Test {
protected:
    std::shared_ptr<azcore::rest::HttpResponse> send(const std::string& method, const std::string& target) {
        return client_.send_request(HttpRequest(method, target));
    }

    azcore::testserver::TestServer server_;
    azcore::PipelineClient client_{server_.base_url()};
};

TEST_F(PagedLroRoutes, PagedItemsComeInPagesLinkedByRelativeNextLinks) {
    auto first = send("GET", "/paged/items?count=5&page_size=2");
    EXPECT_EQ(first->status_code(), 200);
    EXPECT_EQ(first->json(), parse(R"({"value":[{"id":1,"name":"item-1"},{"id":2,"name":"item-2"}],
                                       "nextLink":"/paged/items?count=5&page_size=2&skip=2"})"));
    auto last = send("GET", "/paged/items?count=5&page_size=2&skip=4");
    EXPECT_EQ(last->json(), parse(R"({"value":[{"id":5,"name":"item-5"}]})"));
    EXPECT_EQ(send("GET", "/paged/items")->json().at("value").as_array().size(), 4u);  // count 10, page_size 4
    EXPECT_EQ(send("GET", "/paged/items?count=0")->json(), parse(R"({"value":[]})"));
    auto bad = send("GET", "/paged/items?page_size=0");
    EXPECT_EQ(bad->status_code(), 400);
    EXPECT_EQ(bad->json().at("error").at("message"), "page_size must be a number from 1 to 1000");
}

TEST_F(PagedLroRoutes, AnOperationIsInProgressForItsPollsThenSucceedsWithTheResourceLocation) {
    auto started = send("PUT", "/lro/resources/thing?polls=2&retry_after_ms=0");
    EXPECT_EQ(started->status_code(), 202);
    EXPECT_EQ(started->json(), parse(R"({"name":"thing","provisioningState":"InProgress"})"));
    const std::string* monitor = started->headers().find("Operation-Location");
    ASSERT_NE(monitor, nullptr);
    EXPECT_EQ(*monitor, "/lro/operations/1?polls=2&outcome=succeeded&name=thing&retry_after_ms=0");
    EXPECT_EQ(*started->headers().find("retry-after-ms"), "0");

    for (int poll = 0; poll < 2; ++poll) {
        auto status = send("GET", *monitor);
        EXPECT_EQ(status->json(), parse(R"({"id":"1","status":"InProgress"})")) << poll;
        EXPECT_EQ(*status->headers().find("retry-after-ms"), "0");
    }
    EXPECT_EQ(send("GET", *monitor)->json(), parse(R"({"id":"1","status":"Succeeded","resourceLocation":"/lro/resources/thing"})"));
    EXPECT_EQ(send("GET", "/lro/resources/thing")->json(), parse(R"({"name":"thing","provisioningState":"Succeeded"})"));

    // A second operation has its own id and count; POST starts one too.
    auto again = send("POST", "/lro/resources/other?polls=0");
    EXPECT_EQ(*again->headers().find("Operation-Location"), "/lro/operations/2?polls=0&outcome=succeeded&name=other&retry_after_ms=10");
    EXPECT_EQ(send("GET", *again->headers().find("Operation-Location"))->json().at("status"), "Succeeded");
}

TEST_F(PagedLroRoutes, AFailingOperationEndsFailedWithAnODataError) {
    auto started = send("PUT", "/lro/resources/doomed?polls=1&outcome=failed");
    const std::string monitor = *started->headers().find("Operation-Location");
    EXPECT_EQ(send("GET", monitor)->json().at("status"), "InProgress");
    EXPECT_EQ(send("GET", monitor)->json(), parse(R"({"id":"1","status":"Failed","error":{"code":"ProvisioningFailed",
                                                      "message":"The operation failed, as it was asked to."}})"));
}

TEST_F(PagedLroRoutes, BadOperationRequestsAreNamedErrors) {
    EXPECT_EQ(send("PUT", "/lro/resources/x?outcome=maybe")->json().at("error").at("message"), "outcome must be succeeded or failed");
    EXPECT_EQ(send("PUT", "/lro/resources/a%20b")->status_code(), 400);
    EXPECT_EQ(send("DELETE", "/lro/resources/x")->status_code(), 405);
    EXPECT_EQ(send("GET", "/lro/operations/1")->json().at("error").at("message"), "not an operation this server started");
}

}  // namespace
