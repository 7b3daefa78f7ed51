#pragma once
// azrest's exit codes, one per class of error (documented in docs/azrest.md).

namespace azrest {

enum ExitCode : int {
    /// The request (every page, the operation) succeeded.
    exit_ok = 0,
    /// The service answered with an error status (4xx or 5xx, other than 401 and 403).
    exit_http_error = 1,
    /// The command line is wrong: an unknown option, a bad value, a missing environment variable.
    exit_usage = 2,
    /// No answer: the connection failed, was reset or timed out (after the retries).
    exit_connection = 3,
    /// Authentication failed: 401 or 403, or the credential could not be used.
    exit_authentication = 4,
    /// The long-running operation ended Failed or Canceled.
    exit_operation_failed = 5,
    /// The response is not what the command needs: not JSON, no items array, no status link.
    exit_bad_response = 6,
};

}  // namespace azrest
