// A Table entity-group transaction (POST /devstoreaccount1/$batch: a multipart/mixed batch holding
// one changeset) against Azurite's Table service, in both faces: the batch signed with SharedKey for
// Table, every part read back from parts(), the table queried afterwards. A changeset is atomic: when
// one operation fails, Tables answers with one failed part for the whole changeset and applies nothing.
#include "blob_test_support.hpp"
#include "crypto.hpp"
#include "shared_key_policy.hpp"

#include "support/azurite_server.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/configuration.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/policies/headers_policy.hpp>
#include <azcore/send_checked.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace blob::test {
namespace {

using azcore::rest::HttpRequest;
using azcore::test::AzuriteTableServer;

// SharedKey for the Table service (azure-data-tables' SharedKeyCredentialPolicy): the verb,
// Content-MD5, Content-Type and x-ms-date, then `/account/path`, plus `?comp=` when the URL has one.
class TableSharedKeyPolicy : public azcore::pipeline::SansIOHTTPPolicy {
public:
    explicit TableSharedKeyPolicy(std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential)
        : credential_(std::move(credential)) {}

    static std::string string_to_sign(const HttpRequest& request, const std::string& account) {
        std::string out = request.method + "\n";
        for (const char* name : {"Content-MD5", "Content-Type", "x-ms-date"}) out += request.headers.get(name).value_or("") + "\n";
        const auto url = boost::urls::parse_uri_reference(request.url);
        if (!url) throw std::invalid_argument("the request URL does not parse");
        out += "/" + account + std::string(url->encoded_path());
        if (auto comp = url->params().find("comp"); comp != url->params().end()) out += "?comp=" + std::string((*comp).value);
        return out;
    }

    void on_request(azcore::pipeline::PipelineRequest& request) const override {
        auto& http_request = *request.http_request;
        http_request.headers.set("x-ms-date", http_date_now());
        const auto [account, key] = credential_->named_key();
        http_request.headers.set("Authorization",
                                 "SharedKey " + account + ":" + sign_hmac_sha256(base64_decode(key), string_to_sign(http_request, account)));
    }

private:
    std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential_;
};

TEST(TableSigning, StringToSignIsVerbMd5TypeDateAndTheResourceWithComp) {
    HttpRequest request("POST", "http://127.0.0.1:10002/devstoreaccount1/$batch?comp=x&timeout=5",
                        {.headers = {{"Content-Type", "multipart/mixed; boundary=b"}, {"x-ms-date", "Fri, 04 Dec 2026 20:00:00 GMT"}}});
    EXPECT_EQ(TableSharedKeyPolicy::string_to_sign(request, "devstoreaccount1"),
              "POST\n\nmultipart/mixed; boundary=b\nFri, 04 Dec 2026 20:00:00 GMT\n/devstoreaccount1/devstoreaccount1/$batch?comp=x");
}

// The headers every Table operation sends (Python's azure-data-tables: JSON, OData 3.0).
azcore::CaseInsensitiveDict table_headers(azcore::CaseInsensitiveDict extra = {}) {
    azcore::CaseInsensitiveDict headers{{"DataServiceVersion", "3.0"},
                                        {"MaxDataServiceVersion", "3.0;NetFx"},
                                        {"Accept", "application/json;odata=minimalmetadata"}};
    for (const auto& [name, value] : extra) headers.set(name, value);
    return headers;
}

// What a test checks of one part; the ETag (a time) only by its form.
struct PartSummary {
    int status = 0;
    std::string content_id{};
    std::string data_service_version{};
    std::string location{};
    std::string content_type{};
    bool weak_datetime_etag = false;
    std::string body{};
    std::string url{};
    bool operator==(const PartSummary&) const = default;
};

std::ostream& operator<<(std::ostream& out, const PartSummary& part) {
    return out << part.status << " Content-ID=" << part.content_id << " DataServiceVersion=" << part.data_service_version
               << " Location=" << part.location << " Content-Type=" << part.content_type << " etag=" << part.weak_datetime_etag
               << " body=" << part.body << " url=" << part.url;
}

template <class Face>
class TableBatchTest : public FaceFixture<Face> {
protected:
    void SetUp() override {
        if (auto why = AzuriteTableServer::missing()) GTEST_SKIP() << *why;
        azurite = &AzuriteTableServer::shared();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        table = std::string(is_async ? "async" : "sync");
        for (const char* c = info->name(); *c != 0 && table.size() < 60; ++c)
            if (std::isalnum(static_cast<unsigned char>(*c))) table.push_back(*c);
        send(HttpRequest("POST", azurite->account_url() + "/Tables",
                         {.headers = table_headers({{"Prefer", "return-no-content"}}), .json = boost::json::object{{"TableName", table}}}),
             {204});
    }

    std::string table_url() const { return azurite->account_url() + "/" + table; }
    std::string entity_url(const std::string& row) const { return table_url() + "(PartitionKey='p',RowKey='" + row + "')"; }

    // Inserts an entity: 201 with the entity (return-content) or 204 (return-no-content).
    HttpRequest insert(boost::json::object entity, const std::string& prefer) const {
        return HttpRequest("POST", table_url(), {.headers = table_headers({{"Prefer", prefer}}), .json = std::move(entity)});
    }

    auto make_client() {
        auto pipeline = pipeline_options(std::make_shared<TableSharedKeyPolicy>(credential), {}, nullptr);
        pipeline.config->headers_policy =
            std::make_shared<azcore::policies::HeadersPolicy>(azcore::CaseInsensitiveDict{{"x-ms-version", "2019-02-02"}});
        if constexpr (is_async) {
            pipeline.transport = std::make_shared<azcore::transport::AsyncCurlTransport>(this->io_.get_executor());
            return std::make_shared<azcore::AsyncPipelineClient>(azurite->account_url(), this->io_.get_executor(), std::move(pipeline));
        } else {
            pipeline.transport = std::make_shared<azcore::transport::CurlTransport>();
            return std::make_shared<azcore::PipelineClient>(azurite->account_url(), std::move(pipeline));
        }
    }

    // Sends a request expecting one of `expected`; returns the response's body text.
    std::string send(HttpRequest request, std::vector<int> expected) {
        auto client = make_client();
        if constexpr (is_async) {
            return this->call([&]() -> azcore::net::awaitable<std::string> {
                auto response = co_await azcore::send_checked(*client, std::move(request), expected);
                co_return response->text();
            });
        } else {
            return azcore::send_checked(*client, std::move(request), expected)->text();
        }
    }

    // Sends `operations` as one changeset in a $batch; the batch's own status is 202.
    // `part_policies` run on every operation (e.g. a signing policy); none by default, as in Python's
    // azure-data-tables, which signs only the batch.
    std::vector<PartSummary> submit(std::vector<HttpRequest> operations,
                                    std::vector<std::shared_ptr<azcore::pipeline::SansIOHTTPPolicy>> part_policies = {}) {
        HttpRequest changeset("POST", "");
        changeset.set_multipart_mixed(std::move(operations), {.policies = part_policies, .boundary = "changeset_azcore"});
        HttpRequest batch("POST", azurite->account_url() + "/$batch", {.headers = table_headers({{"Accept", "application/json"}})});
        batch.set_multipart_mixed({changeset}, {.boundary = "batch_azcore"});
        std::vector<PartSummary> out;
        const auto summarise = [&](const auto& response, const auto& parts) {
            EXPECT_EQ(response->headers().get("Content-Type").value_or("").rfind("multipart/mixed; boundary=batchresponse_", 0), 0u);
            for (const auto& part : parts) {
                const auto header = [&](const char* name) { return part->headers().get(name).value_or(""); };
                auto body = part->text();
                // The error message ends with an (escaped) "\nRequestId:" and a time: keep what comes before.
                if (auto request_id = body.find("\\nRequestId:"); request_id != std::string::npos) body.resize(request_id);
                out.push_back({part->status_code(), header("Content-ID"), header("DataServiceVersion"), header("Location"),
                               header("Content-Type"), header("ETag").starts_with("W/\"datetime'"), body, part->request().url});
            }
        };
        auto client = make_client();
        if constexpr (is_async) {
            this->call([&]() -> azcore::net::awaitable<void> {
                std::vector<int> accepted{202};
                auto response = co_await azcore::send_checked(*client, std::move(batch), accepted);
                auto parts = co_await response->parts();
                summarise(response, parts);
            });
        } else {
            auto response = azcore::send_checked(*client, std::move(batch), {202});
            summarise(response, response->parts());
        }
        return out;
    }

    // The table's entities without their Timestamp (GET <table>(), no metadata), in key order.
    std::string entities() {
        auto body = send(HttpRequest("GET", table_url() + "()", {.headers = table_headers({{"Accept", "application/json;odata=nometadata"}})}),
                         {200});
        auto value = boost::json::parse(body).at("value").as_array();
        for (auto& entity : value) entity.as_object().erase("Timestamp");
        return boost::json::serialize(value);
    }

    static constexpr bool is_async = azcore::test::is_async_face<Face>;
    AzuriteTableServer* azurite = nullptr;
    std::string table;
    std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential =
        std::make_shared<azcore::credentials::AzureNamedKeyCredential>(std::string(AzuriteTableServer::account_name),
                                                                       std::string(AzuriteTableServer::account_key));
};
TYPED_TEST_SUITE(TableBatchTest, Faces, FaceNames);

TYPED_TEST(TableBatchTest, AChangesetInsertsMergesAndUpsertsInOnePartition) {
    this->send(this->insert({{"PartitionKey", "p"}, {"RowKey", "r0"}, {"n", 0}, {"s", "zero"}}, "return-no-content"), {204});

    const auto parts = this->submit(
        {this->insert({{"PartitionKey", "p"}, {"RowKey", "r1"}, {"n", 1}}, "return-content"),
         this->insert({{"PartitionKey", "p"}, {"RowKey", "r2"}, {"n", 2}, {"s", "two"}}, "return-no-content"),
         HttpRequest("MERGE", this->entity_url("r0"), {.headers = table_headers({{"If-Match", "*"}}), .json = boost::json::object{{"n", 5}}}),
         // Upsert (insert or replace): PUT without If-Match.
         HttpRequest("PUT", this->entity_url("r3"), {.headers = table_headers(), .json = boost::json::object{{"s", "three"}}})});
    // Azurite answers an insert with 201 and no body even for return-content, and sends no
    // Preference-Applied nor Content-ID in a changeset that succeeds.
    EXPECT_EQ(parts, (std::vector<PartSummary>{
                         {201, "", "3.0;", this->entity_url("r1"), "", true, "", this->table_url()},
                         {204, "", "3.0;", this->entity_url("r2"), "", true, "", this->table_url()},
                         {204, "", "3.0;", "", "", true, "", this->entity_url("r0")},
                         {204, "", "3.0;", "", "", true, "", this->entity_url("r3")},
                     }));
    EXPECT_EQ(this->entities(), R"([{"PartitionKey":"p","RowKey":"r0","n":5,"s":"zero"},{"PartitionKey":"p","RowKey":"r1","n":1},)"
                                R"({"PartitionKey":"p","RowKey":"r2","n":2,"s":"two"},{"PartitionKey":"p","RowKey":"r3","s":"three"}])");
}

TYPED_TEST(TableBatchTest, AFailingInsertFailsTheWholeChangesetWithOnePart) {
    this->send(this->insert({{"PartitionKey", "p"}, {"RowKey", "r0"}, {"n", 0}}, "return-no-content"), {204});
    this->send(this->insert({{"PartitionKey", "p"}, {"RowKey", "r1"}, {"n", 1}}, "return-no-content"), {204});
    const std::string before = R"([{"PartitionKey":"p","RowKey":"r0","n":0},{"PartitionKey":"p","RowKey":"r1","n":1}])";
    ASSERT_EQ(this->entities(), before);

    const auto parts = this->submit({this->insert({{"PartitionKey", "p"}, {"RowKey", "r2"}, {"n", 2}}, "return-no-content"),
                                     HttpRequest("MERGE", this->entity_url("r0"),
                                                 {.headers = table_headers({{"If-Match", "*"}}), .json = boost::json::object{{"n", 7}}}),
                                     this->insert({{"PartitionKey", "p"}, {"RowKey", "r1"}, {"n", 9}}, "return-no-content")});
    // One part for the changeset: the error names the failed operation by its index ("2:"), Azurite's
    // Content-ID counts from 1 (azcore sent 0, 1, 2, as Python does); as in Python, the one part is
    // matched to the changeset's first sub-request.
    EXPECT_EQ(parts, (std::vector<PartSummary>{
                         {409, "3", "3.0;", "", "application/json;odata=minimalmetadata;charset=utf-8", false,
                          R"({"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"2:The specified entity already exists.)",
                          this->table_url()},
                     }));
    EXPECT_EQ(this->entities(), before);
}

// Azurite checks the batch's signature only: operations signed with a wrong key still succeed
// (Python's azure-data-tables signs only the batch), a batch signed with one is refused.
TYPED_TEST(TableBatchTest, OnlyTheBatchsSignatureIsChecked) {
    const auto wrong_key = std::make_shared<azcore::credentials::AzureNamedKeyCredential>(
        std::string(AzuriteTableServer::account_name), "d3Jvbmcga2V5");  // base64("wrong key")
    const auto parts = this->submit({this->insert({{"PartitionKey", "p"}, {"RowKey", "r1"}, {"n", 1}}, "return-no-content")},
                                    {std::make_shared<TableSharedKeyPolicy>(wrong_key)});
    EXPECT_EQ(parts, (std::vector<PartSummary>{{204, "", "3.0;", this->entity_url("r1"), "", true, "", this->table_url()}}));

    this->credential->update(std::string(AzuriteTableServer::account_name), wrong_key->named_key().key);
    try {
        this->submit({this->insert({{"PartitionKey", "p"}, {"RowKey", "r2"}, {"n", 2}}, "return-no-content")});
        ADD_FAILURE() << "no HttpResponseError";
    } catch (const azcore::exceptions::HttpResponseError& error) {
        EXPECT_EQ(error.status_code(), 403);
    }
    this->credential->update(std::string(AzuriteTableServer::account_name), std::string(AzuriteTableServer::account_key));
    EXPECT_EQ(this->entities(), R"([{"PartitionKey":"p","RowKey":"r1","n":1}])");
}

}  // namespace
}  // namespace blob::test
