// Rows: what a hostile or broken server answers when a ResumableBody resumes a download cut
// mid-way (GET with Range: bytes=N- and If-Match). A 206 whose Content-Range is malformed, absent,
// of another unit or not the rest of the same body is a ResourceModifiedError quoting it, never
// bytes spliced from elsewhere; the range unit in another case is still the rest of the body.
#include <azcore/exceptions.hpp>
#include <azcore/testserver/test_server.hpp>

#include "fault_matrix/matrix.hpp"

#include <atomic>

namespace azcore::test::matrix {

using rest::HttpRequest;

namespace {

constexpr std::size_t body_size = 20000;

/// GET /resumable/20000, cut once at byte 8000, whose resumed 206 carries Content-Range: content_range
/// (none when empty). A fresh key each time: the route cuts the first request of each key.
HttpRequest cut_download(const std::string& content_range) {
    static std::atomic<int> downloads{0};
    return HttpRequest("GET", "/resumable/" + std::to_string(body_size),
                       {.params = {{"key", "resume-row-" + std::to_string(++downloads)},
                                   {"cut", "8000"},
                                   {"content_range", content_range}}});
}

constexpr ReadOptions resumable{.chunk_size = 1000, .resumable = true};

Row refused_range_row(std::string name, std::string content_range) {
    return {std::move(name), [content_range](Matrix& m) {
                auto client = m.client();
                const std::string shown = content_range.empty() ? "absent" : content_range;
                expect_throws<exceptions::ResourceModifiedError>(
                    [&] { client->send(cut_download(content_range), {.stream = true}, resumable); },
                    "The resource changed during the download: resuming at byte 8000 of 20000 was answered with "
                    "Content-Range: " +
                        shown);
                m.expect_still_works(*client);
            }};
}

}  // namespace

std::vector<Row> resume_rows() {
    return {
        {"ResumedRangeWithUpperCaseUnitDeliversTheWholeBody",
         [](Matrix& m) {
             auto client = m.client();
             Result result = client->send(cut_download("BYTES 8000-19999/20000"), {.stream = true}, resumable);
             EXPECT_EQ(result.resumes, 1);
             EXPECT_TRUE(result.body == testserver::generated_bytes(body_size)) << result.body.size() << " bytes";
             m.expect_still_works(*client);
         }},
        refused_range_row("ResumedRangeAbsentIsResourceModifiedError", ""),
        refused_range_row("ResumedRangeWithoutNumbersIsResourceModifiedError", "bytes x-y/z"),
        refused_range_row("ResumedRangeWithUnknownTotalIsResourceModifiedError", "bytes 8000-19999/*"),
        refused_range_row("ResumedRangeUnsatisfiedIsResourceModifiedError", "bytes */20000"),
        refused_range_row("ResumedRangeOfAnotherUnitIsResourceModifiedError", "items 8000-19999/20000"),
        refused_range_row("ResumedRangeWithTrailingPartIsResourceModifiedError", "bytes 8000-19999/20000/20000"),
        refused_range_row("ResumedRangeEndingBeforeItStartsIsResourceModifiedError", "bytes 8000-7999/20000"),
        refused_range_row("ResumedRangeOverflowingIsResourceModifiedError", "bytes 8000-99999999999999999999999/20000"),
        refused_range_row("ResumedRangeStoppingShortIsResourceModifiedError", "bytes 8000-9999/20000"),
        refused_range_row("ResumedRangeFromElsewhereIsResourceModifiedError", "bytes 0-19999/20000"),
    };
}

}  // namespace azcore::test::matrix
