// ResumableBody / AsyncResumableBody end to end: PipelineClient + CurlTransport and
// AsyncPipelineClient + AsyncCurlTransport against the test server's /resumable route, which cuts
// the first tries of a body mid-way, honours Range and If-Match, and records every request.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/async_resumable_body.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/resumable_body.hpp>
#include <azcore/testserver/test_server.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;

struct Download {
    std::string bytes;
    int resumes = 0;
};

/// Range and If-Match of one recorded request ("" when absent).
struct Conditions {
    std::string range;
    std::string if_match;
    bool operator==(const Conditions&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Conditions& c) {
    return out << "{Range: '" << c.range << "', If-Match: '" << c.if_match << "'}";
}

void append(std::string& out, BytesView chunk) { out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size()); }

class ResumableBodyTest : public ::testing::TestWithParam<RunMode> {
protected:
    /// GETs target streamed and reads it all through a ResumableBody of the mode's face, in chunks
    /// of 1000 bytes unless options say otherwise (so that a cut falls at a chunk's end).
    Download download(const std::string& target, ResumableBodyOptions options = {}) {
        if (options.chunk_size == 0) options.chunk_size = 1000;
        HttpRequest request("GET", server_.base_url() + target);
        if (GetParam() == RunMode::Sync) {
            PipelineClient client(server_.base_url());
            ResumableBody body(client, client.send_request(request, {.stream = true}), options);
            Download result;
            while (auto chunk = body.next()) append(result.bytes, *chunk);
            result.resumes = body.resumes();
            EXPECT_EQ(body.bytes_read(), result.bytes.size());
            return result;
        }
        boost::asio::io_context io;
        AsyncPipelineClient client(server_.base_url(), io.get_executor());
        auto run = [&]() -> net::awaitable<Download> {
            SendRequestOptions send{.stream = true};
            auto response = co_await client.send_request(request, std::move(send));
            AsyncResumableBody body(client, std::move(response), options);
            Download result;
            while (auto chunk = co_await body.next()) append(result.bytes, *chunk);
            result.resumes = body.resumes();
            EXPECT_EQ(body.bytes_read(), result.bytes.size());
            co_return result;
        };
        return run_awaitable(io, run());
    }

    /// Range and If-Match of every request the server got for path, in order.
    std::vector<Conditions> sent(const std::string& path) const {
        std::vector<Conditions> out;
        for (const auto& request : server_.requests()) {
            if (!request.target.starts_with(path)) continue;
            Conditions c;
            for (const auto& [name, value] : request.headers) {
                if (name == "Range") c.range = value;
                if (name == "If-Match") c.if_match = value;
            }
            out.push_back(c);
        }
        return out;
    }

    /// download(target) must throw E; returns its message.
    template <class E>
    std::string refusal(const std::string& target, ResumableBodyOptions options = {}) {
        try {
            download(target, std::move(options));
        } catch (const E& error) {
            return error.message();
        } catch (const std::exception& other) {
            ADD_FAILURE() << "another error: " << typeid(other).name() << ": " << other.what();
            return {};
        }
        ADD_FAILURE() << "no error";
        return {};
    }

    TestServer server_;
};

const std::string body_100k = testserver::generated_bytes(100000);

TEST_P(ResumableBodyTest, ResumesTwiceWithRangeAndIfMatchAndDeliversTheOriginalBytes) {
    Download got = download("/resumable/100000?key=two&cuts=2&cut=30000");
    EXPECT_EQ(got.resumes, 2);
    EXPECT_TRUE(got.bytes == body_100k) << got.bytes.size() << " bytes";
    EXPECT_EQ(sent("/resumable/"), (std::vector<Conditions>{{"", ""},
                                                            {"bytes=30000-", "\"v1\""},
                                                            {"bytes=60000-", "\"v1\""}}));
}

TEST_P(ResumableBodyTest, ResumesAfterAConnectionResetMidBody) {
    Download got = download("/resumable/100000?key=rst&cuts=1&cut=40000&cut_mode=reset");
    EXPECT_EQ(got.resumes, 1);
    EXPECT_TRUE(got.bytes == body_100k);
    EXPECT_EQ(sent("/resumable/").size(), 2u);
}

TEST_P(ResumableBodyTest, GivesUpWithTheLastErrorAfterMaxResumes) {
    std::string message = refusal<exceptions::IncompleteReadError>("/resumable/100000?key=bound&cuts=3&cut=10000",
                                                                    {.max_resumes = 2});
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(sent("/resumable/"), (std::vector<Conditions>{{"", ""},
                                                            {"bytes=10000-", "\"v1\""},
                                                            {"bytes=20000-", "\"v1\""}}));
}

TEST_P(ResumableBodyTest, TheDefaultBoundIsThreeResumes) {
    Download got = download("/resumable/100000?key=three&cuts=3&cut=10000");
    EXPECT_EQ(got.resumes, 3);
    EXPECT_TRUE(got.bytes == body_100k);
    refusal<exceptions::IncompleteReadError>("/resumable/100000?key=four&cuts=4&cut=10000");
    EXPECT_EQ(sent("/resumable/100000?key=four").size(), 4u);
}

TEST_P(ResumableBodyTest, A412IsResourceModifiedError) {
    EXPECT_EQ(refusal<exceptions::ResourceModifiedError>("/resumable/100000?key=c&mode=changed"),
              "The resource changed during the download: resuming at byte 50000 with If-Match: \"v1\" was answered "
              "412 Precondition Failed");
}

TEST_P(ResumableBodyTest, ADifferentETagIsResourceModifiedError) {
    EXPECT_EQ(refusal<exceptions::ResourceModifiedError>("/resumable/100000?key=e&mode=changed-etag"),
              "The resource changed during the download: its ETag was \"v1\", the resumed response's is \"v2\"");
}

TEST_P(ResumableBodyTest, AContentRangeNotStartingWhereItStoppedIsResourceModifiedError) {
    EXPECT_EQ(refusal<exceptions::ResourceModifiedError>("/resumable/100000?key=s&mode=wrong-start"),
              "The resource changed during the download: resuming at byte 50000 of 100000 was answered with "
              "Content-Range: bytes 50001-99999/100000");
}

TEST_P(ResumableBodyTest, AnotherTotalIsResourceModifiedError) {
    EXPECT_EQ(refusal<exceptions::ResourceModifiedError>("/resumable/100000?key=t&mode=wrong-total"),
              "The resource changed during the download: resuming at byte 50000 of 100000 was answered with "
              "Content-Range: bytes 50000-99999/100001");
}

TEST_P(ResumableBodyTest, WithoutAnETagTheOriginalErrorPropagates) {
    refusal<exceptions::IncompleteReadError>("/resumable/100000?key=n&mode=no-etag");
    EXPECT_EQ(sent("/resumable/").size(), 1u);
}

TEST_P(ResumableBodyTest, AServerIgnoringRangeLeavesTheOriginalError) {
    refusal<exceptions::IncompleteReadError>("/resumable/100000?key=i&mode=ignore-range");
    EXPECT_EQ(sent("/resumable/"), (std::vector<Conditions>{{"", ""}, {"bytes=50000-", "\"v1\""}}));
}

TEST_P(ResumableBodyTest, AGzipBodyReadDecodedIsNotResumed) {
    refusal<exceptions::IncompleteReadError>("/resumable/100000?key=g&coding=gzip&cut=100", {.chunk_size = 50});
    EXPECT_EQ(sent("/resumable/").size(), 1u);
}

TEST_P(ResumableBodyTest, AGzipBodyReadRawIsResumedByteForByte) {
    Download whole = download("/resumable/100000?key=whole&coding=gzip&cuts=0", {.chunk_size = 50, .raw = true});
    Download got = download("/resumable/100000?key=graw&coding=gzip&cut=100", {.chunk_size = 50, .raw = true});
    EXPECT_EQ(got.resumes, 1);
    EXPECT_GT(whole.bytes.size(), 100u);
    EXPECT_TRUE(got.bytes == whole.bytes);
    EXPECT_EQ(sent("/resumable/100000?key=graw"), (std::vector<Conditions>{{"", ""}, {"bytes=100-", "\"v1\""}}));
}

INSTANTIATE_TEST_SUITE_P(BothModes, ResumableBodyTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

}  // namespace
}  // namespace azcore::test
