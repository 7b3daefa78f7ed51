#pragma once
// MatchConditions: how an ETag conditions a request (Python's azure.core.MatchConditions).

namespace azcore {

/// Python's values: IfNotModified → `If-Match: <etag>`, IfModified → `If-None-Match: <etag>`,
/// IfPresent → If-Match: *, IfMissing → If-None-Match: *; Unconditionally sends neither.
enum class MatchConditions {
    Unconditionally = 1,
    IfNotModified = 2,
    IfModified = 3,
    IfPresent = 4,
    IfMissing = 5,
};

}  // namespace azcore
