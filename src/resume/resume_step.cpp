#include "resume/resume_step.hpp"

#include "resume/content_range.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>

#include <fmt/format.h>

#include <string_view>
#include <variant>

namespace azcore::detail {
namespace {

bool is_mid_body_error(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const exceptions::IncompleteReadError&) {
        return true;
    } catch (const exceptions::ServiceResponseError&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::string header_or_empty(const rest::HttpResponseBase& response, std::string_view name) {
    const std::string* value = response.headers().find(name);
    return value ? *value : std::string();
}

}  // namespace

ResumeStep::ResumeStep(const rest::HttpResponseBase& first, const ResumableBodyOptions& options)
    : etag_(header_or_empty(first, "ETag")),
      content_encoding_(header_or_empty(first, "Content-Encoding")),
      max_resumes_(options.max_resumes) {
    if (const std::string* length = first.headers().find("Content-Length")) length_ = parse_byte_count(*length);
    const rest::HttpRequest& request = first.request();
    const bool encoded = !content_encoding_.empty() && content_encoding_ != "identity";
    const bool resumable = first.status_code() == 200 && !etag_.empty() && !etag_.starts_with("W/") && length_ &&
                           (options.raw || !encoded) && !request.headers.contains("Range") &&
                           !std::holds_alternative<std::shared_ptr<rest::BodyStream>>(request.content);
    if (resumable) request_ = request;
}

rest::HttpRequest ResumeStep::resume_request(std::exception_ptr failure) {
    if (!request_ || resumes_ >= max_resumes_ || !is_mid_body_error(failure)) std::rethrow_exception(failure);
    failure_ = std::move(failure);
    ++resumes_;
    rest::HttpRequest request = *request_;
    request.headers.set("Range", fmt::format("bytes={}-", offset_));
    request.headers.set("If-Match", etag_);
    return request;
}

void ResumeStep::modified(rest::HttpResponseBase& answer, const std::shared_ptr<rest::HttpResponseBase>& owner,
                          const std::string& what) {
    answer.close();
    throw exceptions::ResourceModifiedError("The resource changed during the download: " + what, owner);
}

void ResumeStep::check_answer(rest::HttpResponseBase& answer, const std::shared_ptr<rest::HttpResponseBase>& owner) {
    if (answer.status_code() == 412) {
        modified(answer, owner,
                 fmt::format("resuming at byte {} with If-Match: {} was answered 412 Precondition Failed", offset_, etag_));
    }
    if (answer.status_code() != 206) {
        answer.close();
        std::rethrow_exception(failure_);
    }
    const std::string etag = header_or_empty(answer, "ETag");
    if (etag != etag_) {
        modified(answer, owner,
                 fmt::format("its ETag was {}, the resumed response's is {}", etag_, etag.empty() ? "absent" : etag));
    }
    const std::string range = header_or_empty(answer, "Content-Range");
    auto parsed = parse_content_range(range);
    if (!parsed || parsed->first != offset_ || parsed->total != *length_ || parsed->last + 1 != *length_) {
        modified(answer, owner,
                 fmt::format("resuming at byte {} of {} was answered with Content-Range: {}", offset_, *length_,
                             range.empty() ? "absent" : range));
    }
    const std::string encoding = header_or_empty(answer, "Content-Encoding");
    if (encoding != content_encoding_) {
        modified(answer, owner,
                 fmt::format("its Content-Encoding was '{}', the resumed response's is '{}'", content_encoding_, encoding));
    }
}

}  // namespace azcore::detail
