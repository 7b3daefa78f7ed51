#pragma once
// The Blob service's data as the example client returns it, and the options of its operations.
#include <azcore/match_conditions.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace blob {

/// The Storage service version every request is sent with (x-ms-version).
inline constexpr const char* service_version = "2025-01-05";

/// A blob as a listing shows it.
struct BlobItem {
    std::string name{};
    std::int64_t size = 0;
    std::string etag{};
    std::string content_type{};
};

/// A blob's properties (HEAD, or the headers of a download).
struct BlobProperties {
    std::int64_t size = 0;
    std::string etag{};
    std::string content_type{};
    std::string last_modified{};
};

/// What an upload returns.
struct UploadResult {
    std::string etag{};
    std::string last_modified{};
};

/// An ETag condition (Python storage's `etag` + `match_condition` keyword arguments).
struct ETagCondition {
    std::string etag{};
    azcore::MatchConditions condition = azcore::MatchConditions::Unconditionally;
};

/// Bytes [offset, offset + length) of a blob; no length: to the end.
struct ByteRange {
    std::int64_t offset = 0;
    std::optional<std::int64_t> length{};
};

struct UploadOptions {
    std::string content_type = "application/octet-stream";
    std::optional<ETagCondition> condition{};
};

struct DownloadOptions {
    std::optional<ByteRange> range{};
    std::optional<ETagCondition> condition{};
};

struct ListBlobsOptions {
    /// Only blobs whose names start with it.
    std::string prefix{};
    /// Blobs per page (maxresults); none: the service's default (5,000).
    std::optional<int> results_per_page{};
};

}  // namespace blob
