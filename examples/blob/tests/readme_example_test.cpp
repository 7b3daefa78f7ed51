// The README's example, run against Azurite.
#include "blob_client.hpp"

#include "support/azurite_server.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace blob {
namespace {

using azcore::test::AzuriteServer;

TEST(BlobServiceReadmeExample, Runs) {
    if (auto why = AzuriteServer::missing()) GTEST_SKIP() << *why;
    const std::string account_url = AzuriteServer::shared().account_url();
    const std::string account_name(AzuriteServer::account_name), account_key(AzuriteServer::account_key);
    azcore::test::TempDir dir;
    const std::string path = dir.file("cat.jpg");
    std::ofstream(path) << std::string(4096, 'c');
    std::ostringstream std_cout;
    std::size_t consumed = 0;
    auto consume = [&](azcore::BytesView chunk) { consumed += chunk.size(); };
    auto* const real_cout = std::cout.rdbuf(std_cout.rdbuf());
    // --- README ---
    auto key = std::make_shared<azcore::credentials::AzureNamedKeyCredential>(account_name, account_key);
    blob::ContainerClient<azcore::Sync> container(account_url + "/photos", {.credential = key});
    container.create();
    auto photo = container.get_blob_client("cat.jpg");
    auto uploaded = photo.upload_file(path);                       // streamed from disk
    for (const blob::BlobItem& item : container.list_blobs({.results_per_page = 100}))
        std::cout << item.name << " " << item.size << "\n";
    auto part = photo.download({.range = blob::ByteRange{0, 1024}});  // 206, body read as consumed
    for (auto chunk : part.response->iter_bytes()) consume(chunk);
    photo.delete_blob(blob::ETagCondition{uploaded.etag, azcore::MatchConditions::IfNotModified});
    // --- end ---
    std::cout.rdbuf(real_cout);
    EXPECT_EQ(std_cout.str(), "cat.jpg 4096\n");
    EXPECT_EQ(consumed, 1024u);
    EXPECT_THROW(photo.get_properties(), azcore::exceptions::ResourceNotFoundError);
}

}  // namespace
}  // namespace blob
