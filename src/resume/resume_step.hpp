#pragma once
// The one decision behind ResumableBody and AsyncResumableBody: whether a body cut mid-way may be
// resumed, the request that resumes it, and whether the answer continues the same bytes. No I/O:
// the two faces are loops of a few lines around it.
#include <azcore/resumable_body.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>

namespace azcore::detail {

class ResumeStep {
public:
    ResumeStep(const rest::HttpResponseBase& first, const ResumableBodyOptions& options);

    /// Counts bytes handed to the caller.
    void delivered(std::size_t n) { offset_ += n; }
    std::size_t offset() const { return offset_; }
    int resumes() const { return resumes_; }
    std::optional<std::size_t> length() const { return length_; }

    /// After reading failed with failure: the request for the rest of the body. Rethrows failure
    /// when it is not a mid-body error, the body cannot be resumed, or max_resumes were made.
    rest::HttpRequest resume_request(std::exception_ptr failure);
    /// Checks the answer to resume_request: returns when reading goes on from it; throws
    /// ResourceModifiedError when the resource changed; rethrows the failure when the answer is
    /// neither 206 nor 412. The answer is closed when it is not used.
    void check_answer(rest::HttpResponseBase& answer, const std::shared_ptr<rest::HttpResponseBase>& owner);

private:
    [[noreturn]] void modified(rest::HttpResponseBase& answer, const std::shared_ptr<rest::HttpResponseBase>& owner,
                               const std::string& what);

    std::optional<rest::HttpRequest> request_;  // the request as first sent; none: not resumable
    std::string etag_;
    std::optional<std::size_t> length_;
    std::string content_encoding_;
    int max_resumes_ = 0;
    std::size_t offset_ = 0;
    int resumes_ = 0;
    std::exception_ptr failure_;
};

}  // namespace azcore::detail
