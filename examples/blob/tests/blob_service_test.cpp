// The example Blob client against Azurite, in both faces: SharedKey, SAS and bearer (https)
// authentication; a 64 MiB upload streamed from a file; paging; ranged streamed downloads; ETag
// conditions; Storage errors mapped to azcore's exceptions; secrets kept out of logs and errors.
#include "blob_test_support.hpp"
#include "crypto.hpp"
#include "sas.hpp"

#include "support/azurite_server.hpp"
#include "support/log_capture.hpp"
#include "support/temp_dir.hpp"

#include <azcore/exceptions.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <random>

namespace blob::test {
namespace {

using azcore::MatchConditions;
using azcore::test::AzuriteServer;
namespace errors = azcore::exceptions;

constexpr std::int64_t MiB = 1 << 20;

/// A container name unique to the running test and face: lower-case letters, digits and '-'.
std::string container_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->name()) + "-" + info->type_param();
    std::string out;
    for (char c : name)
        if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    out = out.substr(0, 40) + (std::string(info->type_param()).find("Async") != std::string::npos ? "-async" : "-sync");
    return out;
}

/// `size` pseudo-random bytes written to path.
std::string write_random_file(const std::string& path, std::int64_t size) {
    std::mt19937_64 random(42);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    for (std::size_t i = 0; i + 8 <= bytes.size(); i += 8) {
        const auto value = random();
        std::memcpy(bytes.data() + i, &value, 8);
    }
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return bytes;
}

/// The message of the exception operation() throws as E, and E's status code.
template <class E, class Fixture, class Operation>
std::pair<int, std::string> expect_error(Fixture& fixture, Operation&& operation) {
    try {
        fixture.call(operation);
    } catch (const E& error) {
        return {error.status_code().value_or(0), error.what()};
    } catch (const std::exception& error) {
        ADD_FAILURE() << "unexpected exception: " << error.what();
        return {};
    }
    ADD_FAILURE() << "no exception";
    return {};
}

template <class Face>
class BlobServiceTest : public FaceFixture<Face> {
protected:
    void SetUp() override {
        if (auto why = AzuriteServer::missing()) GTEST_SKIP() << *why;
        azurite = &AzuriteServer::shared();
    }

    ClientOptions<Face> shared_key() const {
        return {.credential = std::make_shared<azcore::credentials::AzureNamedKeyCredential>(
                    std::string(AzuriteServer::account_name), std::string(AzuriteServer::account_key))};
    }
    std::string container_url(const AzuriteServer& server) const { return server.account_url() + "/" + container_name(); }

    /// A created container of the shared Azurite, with SharedKey.
    ContainerClient<Face> new_container() {
        auto container = this->template make<ContainerClient>(container_url(*azurite), shared_key());
        this->call([&] { return container.create(); });
        return container;
    }

    /// The whole body of a streamed download, and how many chunks it came in.
    std::pair<std::string, std::size_t> read_stream(BlobDownload<Face>& download) {
        std::string body;
        std::size_t chunks = 0;
        if constexpr (azcore::test::is_async_face<Face>) {
            this->call([&]() -> azcore::net::awaitable<void> {
                auto stream = download.response->iter_bytes();
                while (auto chunk = co_await stream.next()) {
                    body.append(reinterpret_cast<const char*>(chunk->data()), chunk->size());
                    ++chunks;
                }
            });
        } else {
            for (auto chunk : download.response->iter_bytes()) {
                body.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
                ++chunks;
            }
        }
        return {body, chunks};
    }

    /// Every page of list_blobs(options) from token, as names.
    std::vector<std::vector<std::string>> list_pages(const ContainerClient<Face>& container, ListBlobsOptions options,
                                                     std::optional<std::string> token = {},
                                                     std::optional<std::string>* first_token = nullptr) {
        auto pages = container.list_blobs(options).by_page(token);
        std::vector<std::vector<std::string>> names;
        while (auto page = this->call([&] { return pages.next(); })) {
            names.emplace_back();
            for (const auto& item : *page) names.back().push_back(item.name);
            if (first_token && names.size() == 1) *first_token = pages.continuation_token();
        }
        return names;
    }

    UploadResult upload_text(const BlobClient<Face>& blob, const std::string& text, UploadOptions options = {}) {
        auto body = std::make_shared<azcore::rest::BytesStream>(azcore::Bytes(text.begin(), text.end()));
        return this->call([&] { return blob.upload(body, options); });
    }

    AzuriteServer* azurite = nullptr;
};
TYPED_TEST_SUITE(BlobServiceTest, Faces, FaceNames);

TYPED_TEST(BlobServiceTest, ContainerCreateTwiceIsResourceExistsAndDeleteTwiceIsResourceNotFound) {
    auto container = this->new_container();

    auto [status, message] = expect_error<errors::ResourceExistsError>(*this, [&] { return container.create(); });
    EXPECT_EQ(status, 409);
    EXPECT_NE(message.find("ErrorCode:ContainerAlreadyExists"), std::string::npos) << message;

    this->call([&] { return container.delete_container(); });
    std::tie(status, message) = expect_error<errors::ResourceNotFoundError>(*this, [&] { return container.delete_container(); });
    EXPECT_EQ(status, 404);
    EXPECT_NE(message.find("ErrorCode:ContainerNotFound"), std::string::npos) << message;
}

TYPED_TEST(BlobServiceTest, A64MiBFileIsUploadedStreamedAndDownloadedWholeAndByRange) {
    azcore::test::TempDir dir;
    const auto path = dir.file("upload.bin");
    const auto bytes = write_random_file(path, 64 * MiB);
    auto container = this->new_container();
    auto blob = container.get_blob_client("big.bin");

    const auto uploaded = this->call([&] { return blob.upload_file(path); });
    EXPECT_FALSE(uploaded.etag.empty());
    const auto properties = this->call([&] { return blob.get_properties(); });
    EXPECT_EQ(properties.size, 64 * MiB);
    EXPECT_EQ(properties.etag, uploaded.etag);
    EXPECT_EQ(properties.content_type, "application/octet-stream");

    // A range in the middle, not aligned to anything.
    const std::int64_t offset = 10 * MiB + 3, length = MiB + 5;
    auto part = this->call([&] { return blob.download({.range = ByteRange{offset, length}}); });
    EXPECT_EQ(part.response->status_code(), 206);
    EXPECT_EQ(part.properties.size, 64 * MiB);  // from Content-Range
    const auto [part_body, part_chunks] = this->read_stream(part);
    EXPECT_TRUE(part_body == bytes.substr(offset, length)) << "the range's bytes differ";
    EXPECT_GT(part_chunks, 1u);

    auto whole = this->call([&] { return blob.download(); });
    EXPECT_EQ(whole.response->status_code(), 200);
    const auto [body, chunks] = this->read_stream(whole);
    EXPECT_EQ(body.size(), bytes.size());
    EXPECT_TRUE(body == bytes) << "the downloaded bytes differ";
    EXPECT_GT(chunks, 64u);  // streamed: no chunk holds more than the transport's block size
    this->call([&] { return blob.delete_blob(); });
}

TYPED_TEST(BlobServiceTest, ListingPagesThroughNextMarkerAndResumesFromAContinuationToken) {
    auto container = this->new_container();
    for (const auto* name : {"b3", "b0", "x-other", "b4", "b1", "b2"})
        this->upload_text(container.get_blob_client(name), name);
    const ListBlobsOptions options{.prefix = "b", .results_per_page = 2};

    std::optional<std::string> token;
    EXPECT_EQ(this->list_pages(container, options, {}, &token),
              (std::vector<std::vector<std::string>>{{"b0", "b1"}, {"b2", "b3"}, {"b4"}}));
    ASSERT_TRUE(token.has_value());
    EXPECT_EQ(this->list_pages(container, options, token), (std::vector<std::vector<std::string>>{{"b2", "b3"}, {"b4"}}));

    // Item by item, every blob, one request per page.
    std::vector<BlobItem> items;
    auto paged = container.list_blobs({.results_per_page = 4});
    while (auto item = this->call([&] { return paged.next(); })) items.push_back(*item);
    ASSERT_EQ(items.size(), 6u);
    EXPECT_EQ(items.back().name, "x-other");
    EXPECT_EQ(items.back().size, 7);
    EXPECT_FALSE(items.back().etag.empty());
}

TYPED_TEST(BlobServiceTest, ETagConditionsMapTo412And409And304) {
    auto container = this->new_container();
    auto blob = container.get_blob_client("conditional.txt");
    const auto first = this->upload_text(blob, "v1");
    const auto second = this->upload_text(blob, "v2", {.condition = ETagCondition{first.etag, MatchConditions::IfNotModified}});
    EXPECT_NE(second.etag, first.etag);

    auto [status, message] = expect_error<errors::ResourceModifiedError>(
        *this, [&] { return this->upload_text(blob, "v3", {.condition = ETagCondition{first.etag, MatchConditions::IfNotModified}}); });
    EXPECT_EQ(status, 412);
    EXPECT_NE(message.find("ErrorCode:ConditionNotMet"), std::string::npos) << message;

    std::tie(status, message) = expect_error<errors::ResourceExistsError>(
        *this, [&] { return this->upload_text(blob, "v3", {.condition = ETagCondition{{}, MatchConditions::IfMissing}}); });
    EXPECT_EQ(status, 409);
    EXPECT_NE(message.find("ErrorCode:BlobAlreadyExists"), std::string::npos) << message;

    std::tie(status, message) = expect_error<errors::ResourceNotModifiedError>(
        *this, [&] { return blob.get_properties(ETagCondition{second.etag, MatchConditions::IfModified}); });
    EXPECT_EQ(status, 304);

    // A streamed download's error body is read before the error is raised.
    std::tie(status, message) = expect_error<errors::ResourceModifiedError>(
        *this, [&] { return blob.download({.condition = ETagCondition{first.etag, MatchConditions::IfNotModified}}); });
    EXPECT_EQ(status, 412);
    EXPECT_NE(message.find("ErrorCode:ConditionNotMet"), std::string::npos) << message;

    std::tie(status, message) = expect_error<errors::ResourceModifiedError>(
        *this, [&] { return blob.delete_blob(ETagCondition{first.etag, MatchConditions::IfNotModified}); });
    EXPECT_EQ(status, 412);
    this->call([&] { return blob.delete_blob(ETagCondition{second.etag, MatchConditions::IfNotModified}); });

    // HEAD errors have no body: the code comes from x-ms-error-code.
    std::tie(status, message) = expect_error<errors::ResourceNotFoundError>(*this, [&] { return blob.get_properties(); });
    EXPECT_EQ(status, 404);
    EXPECT_NE(message.find("ErrorCode:BlobNotFound"), std::string::npos) << message;
    std::tie(status, message) = expect_error<errors::ResourceNotFoundError>(*this, [&] { return blob.download(); });
    EXPECT_NE(message.find("ErrorCode:BlobNotFound"), std::string::npos) << message;
    EXPECT_THROW(this->call([&] { return blob.download({.condition = ETagCondition{{}, MatchConditions::IfNotModified}}); }),
                 std::invalid_argument);
}

TYPED_TEST(BlobServiceTest, AnAccountSasAuthorizesThroughAzureSasCredentialAndAWrongOneIs403) {
    this->new_container();  // SharedKey; the SAS client works in it
    const auto sas = generate_account_sas(std::string(AzuriteServer::account_name), std::string(AzuriteServer::account_key),
                                          {.permissions = "rwdlac"});
    auto container = this->template make<ContainerClient>(
        this->container_url(*this->azurite),
        ClientOptions<TypeParam>{.credential = std::make_shared<azcore::credentials::AzureSasCredential>(sas)});
    auto blob = container.get_blob_client("sas.txt");
    this->upload_text(blob, "by sas");
    auto download = this->call([&] { return blob.download(); });
    EXPECT_EQ(this->read_stream(download).first, "by sas");
    EXPECT_EQ(this->list_pages(container, {}), (std::vector<std::vector<std::string>>{{"sas.txt"}}));

    const std::string other_key = base64_encode("a key that is not the account's");
    const auto wrong = generate_account_sas(std::string(AzuriteServer::account_name), other_key, {.permissions = "rwdlac"});
    auto forged = this->template make<ContainerClient>(
        this->container_url(*this->azurite),
        ClientOptions<TypeParam>{.credential = std::make_shared<azcore::credentials::AzureSasCredential>(wrong)});
    auto forged_blob = forged.get_blob_client("sas.txt");  // outlives the awaitable in the Async face
    auto [status, message] = expect_error<errors::ClientAuthenticationError>(*this, [&] { return forged_blob.get_properties(); });
    EXPECT_EQ(status, 403);
    const auto sig = wrong.substr(wrong.find("sig=") + 4);
    EXPECT_EQ(message.find(sig), std::string::npos) << message;
}

TYPED_TEST(BlobServiceTest, SecretsStayOutOfLogsAndErrors) {
    azcore::test::LogCapture logs("azure", azcore::logging::DEBUG);
    auto container = this->new_container();
    auto blob = container.get_blob_client("missing.txt");
    auto [status, message] = expect_error<errors::ResourceNotFoundError>(*this, [&] { return blob.get_properties(); });
    const auto sas = generate_account_sas(std::string(AzuriteServer::account_name), std::string(AzuriteServer::account_key), {});
    auto by_sas = this->template make<ContainerClient>(
        this->container_url(*this->azurite),
        ClientOptions<TypeParam>{.credential = std::make_shared<azcore::credentials::AzureSasCredential>(sas)});
    auto missing_by_sas = by_sas.get_blob_client("missing.txt");
    auto [sas_status, sas_message] =
        expect_error<errors::ResourceNotFoundError>(*this, [&] { return missing_by_sas.get_properties(); });
    EXPECT_EQ(sas_status, 404);

    const auto sig = sas.substr(sas.find("sig=") + 4);
    const auto messages = logs.messages();
    ASSERT_FALSE(messages.empty());
    bool logged_authorization = false;
    for (const auto& line : messages) {
        EXPECT_EQ(line.find("SharedKey"), std::string::npos) << line;
        EXPECT_EQ(line.find(sig), std::string::npos) << line;
        EXPECT_EQ(line.find(AzuriteServer::account_key), std::string::npos) << line;
        logged_authorization |= line.find("'Authorization': 'REDACTED'") != std::string::npos;
    }
    EXPECT_TRUE(logged_authorization) << "the request headers were not logged";
    for (const auto* text : {&message, &sas_message}) {
        EXPECT_EQ(text->find("SharedKey"), std::string::npos) << *text;
        EXPECT_EQ(text->find(sig), std::string::npos) << *text;
    }
}

// ---------------------------------------------------------------------------------------------
// Bearer tokens: Azurite accepts them only over https (`--oauth basic`, a certificate made for
// the test and trusted through connection_verify).

AzuriteServer& https_azurite() {
    static AzuriteServer server({.https = true});
    return server;
}

template <class Face>
using BlobServiceBearerTest = BlobServiceTest<Face>;
TYPED_TEST_SUITE(BlobServiceBearerTest, Faces, FaceNames);

TYPED_TEST(BlobServiceBearerTest, ATokenCredentialAuthorizesOverHttpsWithTheStorageScope) {
    auto& azurite = https_azurite();
    auto credential = jwt_credential<TypeParam>();
    ClientOptions<TypeParam> options{.credential = credential};
    options.connection.connection_verify = azurite.cert_file();
    auto container = this->template make<ContainerClient>(this->container_url(azurite), options);
    this->call([&] { return container.create(); });
    auto blob = container.get_blob_client("token.txt");
    this->upload_text(blob, "by token");
    auto download = this->call([&] { return blob.download({.range = ByteRange{3, 5}}); });
    EXPECT_EQ(this->read_stream(download).first, "token");
    EXPECT_EQ(credential->scopes, std::vector<std::string>{storage_scope});
}

TYPED_TEST(BlobServiceBearerTest, AnExpiredTokenIs403ClientAuthenticationError) {
    auto& azurite = https_azurite();
    ClientOptions<TypeParam> options{.credential = jwt_credential<TypeParam>(-600)};
    options.connection.connection_verify = azurite.cert_file();
    auto container = this->template make<ContainerClient>(this->container_url(azurite), options);
    auto [status, message] = expect_error<errors::ClientAuthenticationError>(*this, [&] { return container.create(); });
    EXPECT_EQ(status, 403);
    EXPECT_NE(message.find("ErrorCode:AuthenticationFailed"), std::string::npos) << message;
}

}  // namespace
}  // namespace blob::test
