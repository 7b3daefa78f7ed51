// A Blob batch (POST ?comp=batch, multipart/mixed) against Azurite, in both faces: every part
// signed by the SharedKey policy, every part's status read back from parts(), and the container
// read afterwards. Azurite, like Azure, wants one kind of sub-request per batch: one batch sets
// tiers, another deletes; each names a missing blob, whose part alone fails with 404.
#include "blob_test_support.hpp"
#include "shared_key_policy.hpp"

#include "support/azurite_server.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/async_pipeline_client.hpp>

#include <cctype>

namespace blob::test {
namespace {

using azcore::test::AzuriteServer;
using azcore::rest::HttpRequest;

struct PartSummary {
    int status = 0;
    std::string error_code{};
    std::string url{};
    bool operator==(const PartSummary&) const = default;
};

std::ostream& operator<<(std::ostream& out, const PartSummary& part) {
    return out << part.status << " " << part.error_code << " " << part.url;
}

template <class Face>
class BlobBatchTest : public FaceFixture<Face> {
protected:
    void SetUp() override {
        if (auto why = AzuriteServer::missing()) GTEST_SKIP() << *why;
        azurite = &AzuriteServer::shared();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        container = "batch-" + std::string(is_async ? "async" : "sync");
        for (const char* c = info->name(); *c != 0 && container.size() < 40; ++c)
            if (std::isalnum(static_cast<unsigned char>(*c))) container.push_back(static_cast<char>(std::tolower(*c)));
    }

    ClientOptions<Face> options() const { return {.credential = credential}; }

    // A sub-request: the path Azurite's batch wants (account, container, blob), signed on its own.
    HttpRequest part(const std::string& method, const std::string& blob, const std::string& query = "",
                     azcore::CaseInsensitiveDict headers = {}) const {
        return HttpRequest(method, "/" + std::string(AzuriteServer::account_name) + "/" + container + "/" + blob + query,
                           {.headers = std::move(headers)});
    }

    // Sends the batch through a SharedKey client; every part signed by the same policy.
    std::vector<PartSummary> submit(std::vector<HttpRequest> requests) {
        HttpRequest batch("POST", azurite->account_url() + "/?comp=batch");
        batch.set_multipart_mixed(std::move(requests),
                                  {.policies = {std::make_shared<SharedKeyCredentialPolicy>(credential)},
                                   .boundary = "batch_azcore"});
        std::vector<PartSummary> out;
        const auto summarise = [&](const auto& parts) {
            for (const auto& part : parts)
                out.push_back({part->status_code(), part->headers().get("x-ms-error-code").value_or(""),
                               part->request().url});
        };
        if constexpr (is_async) {
            auto client = make_client();
            this->call([&]() -> azcore::net::awaitable<void> {
                auto response = co_await detail::send(*client, std::move(batch), {202});
                EXPECT_EQ(response->headers().get("Content-Type").value_or("").rfind("multipart/mixed; boundary=", 0), 0u);
                summarise(co_await response->parts());
            });
        } else {
            auto client = make_client();
            auto response = detail::send(*client, std::move(batch), {202});
            summarise(response->parts());
        }
        return out;
    }

    auto make_client() {
        if constexpr (is_async) return detail::make_pipeline_client(azurite->account_url(), options(), this->io_.get_executor());
        else return detail::make_pipeline_client(azurite->account_url(), options());
    }

    // x-ms-access-tier of a blob, from a HEAD.
    std::string tier_of(const std::string& blob) {
        auto request = HttpRequest("HEAD", azurite->account_url() + "/" + container + "/" + blob);
        auto client = make_client();
        if constexpr (is_async) {
            return this->call([&]() -> azcore::net::awaitable<std::string> {
                auto response = co_await detail::send(*client, std::move(request), {200});
                co_return response->headers().get("x-ms-access-tier").value_or("");
            });
        } else {
            return detail::send(*client, std::move(request), {200})->headers().get("x-ms-access-tier").value_or("");
        }
    }

    static constexpr bool is_async = azcore::test::is_async_face<Face>;
    AzuriteServer* azurite = nullptr;
    std::string container;
    std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential =
        std::make_shared<azcore::credentials::AzureNamedKeyCredential>(std::string(AzuriteServer::account_name),
                                                                       std::string(AzuriteServer::account_key));
};
TYPED_TEST_SUITE(BlobBatchTest, Faces, FaceNames);

TYPED_TEST(BlobBatchTest, SetsTiersThenDeletesInBatchesWhereOnlyTheMissingBlobsPartFails) {
    auto container = this->template make<ContainerClient>(this->azurite->account_url() + "/" + this->container, this->options());
    this->call([&] { return container.create(); });
    for (const char* name : {"a", "b", "c"}) {
        auto body = std::make_shared<azcore::rest::BytesStream>(azcore::Bytes{'x'});
        auto blob = container.get_blob_client(name);  // outlives the awaitable that refers to it
        this->call([&] { return blob.upload(body); });
    }
    const std::string prefix = "/" + std::string(AzuriteServer::account_name) + "/" + this->container + "/";

    const auto tiers = this->submit({this->part("PUT", "a", "?comp=tier", {{"x-ms-access-tier", "Cool"}}),
                                     this->part("PUT", "missing", "?comp=tier", {{"x-ms-access-tier", "Cool"}}),
                                     this->part("PUT", "b", "?comp=tier", {{"x-ms-access-tier", "Archive"}})});
    EXPECT_EQ(tiers, (std::vector<PartSummary>{{200, "", prefix + "a?comp=tier"},
                                               {404, "BlobNotFound", prefix + "missing?comp=tier"},
                                               {200, "", prefix + "b?comp=tier"}}));
    EXPECT_EQ(this->tier_of("a"), "Cool");
    EXPECT_EQ(this->tier_of("b"), "Archive");
    EXPECT_EQ(this->tier_of("c"), "Hot");

    const auto deletes = this->submit({this->part("DELETE", "a"), this->part("DELETE", "missing"), this->part("DELETE", "c")});
    EXPECT_EQ(deletes, (std::vector<PartSummary>{{202, "", prefix + "a"},
                                                 {404, "BlobNotFound", prefix + "missing"},
                                                 {202, "", prefix + "c"}}));

    std::vector<std::string> names;
    auto paged = container.list_blobs();
    while (auto item = this->call([&] { return paged.next(); })) names.push_back(item->name);
    EXPECT_EQ(names, std::vector<std::string>{"b"});
    this->call([&] { return container.delete_container(); });
}

}  // namespace
}  // namespace blob::test
