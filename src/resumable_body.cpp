#include <azcore/resumable_body.hpp>

#include <azcore/rest/http_response.hpp>

#include "resume/resume_step.hpp"

#include <stdexcept>

namespace azcore {

struct ResumableBody::State {
    State(const PipelineClient& client, std::shared_ptr<rest::HttpResponse> first, ResumableBodyOptions opts)
        : client(&client), response(std::move(first)), options(std::move(opts)), step(*response, options) {
        options.send_options.stream = true;
        open();
    }
    void open() {
        chunks.emplace(options.raw ? response->iter_raw(options.chunk_size) : response->iter_bytes(options.chunk_size));
        started = false;
    }

    const PipelineClient* client;
    std::shared_ptr<rest::HttpResponse> response;
    ResumableBodyOptions options;
    detail::ResumeStep step;
    std::optional<rest::ByteChunks> chunks;
    rest::ByteChunks::iterator at;
    bool started = false;
};

ResumableBody::ResumableBody(const PipelineClient& client, std::shared_ptr<rest::HttpResponse> response,
                             ResumableBodyOptions options) {
    if (!response) throw std::invalid_argument("ResumableBody: response is null");
    state_ = std::make_unique<State>(client, std::move(response), std::move(options));
}

ResumableBody::~ResumableBody() = default;
ResumableBody::ResumableBody(ResumableBody&&) noexcept = default;
ResumableBody& ResumableBody::operator=(ResumableBody&&) noexcept = default;

std::optional<BytesView> ResumableBody::next() {
    State& s = *state_;
    for (;;) {
        std::exception_ptr failure;
        try {
            if (s.started) ++s.at;
            else s.at = s.chunks->begin(), s.started = true;
            if (s.at == std::default_sentinel) return std::nullopt;
            BytesView chunk = *s.at;
            s.step.delivered(chunk.size());
            return chunk;
        } catch (...) {
            failure = std::current_exception();
        }
        rest::HttpRequest request = s.step.resume_request(failure);
        s.response->close();
        auto answer = s.client->send_request(std::move(request), s.options.send_options);
        s.step.check_answer(*answer, answer);
        s.response = std::move(answer);
        s.open();
    }
}

std::size_t ResumableBody::bytes_read() const { return state_->step.offset(); }
std::optional<std::size_t> ResumableBody::content_length() const { return state_->step.length(); }
int ResumableBody::resumes() const { return state_->step.resumes(); }
const std::shared_ptr<rest::HttpResponse>& ResumableBody::response() const { return state_->response; }

}  // namespace azcore
