#include <azcore/async_resumable_body.hpp>

#include <azcore/rest/async_http_response.hpp>

#include "resume/resume_step.hpp"

#include <stdexcept>

namespace azcore {

struct AsyncResumableBody::State {
    State(const AsyncPipelineClient& client, std::shared_ptr<rest::AsyncHttpResponse> first, ResumableBodyOptions opts)
        : client(&client), response(std::move(first)), options(std::move(opts)), step(*response, options) {
        options.send_options.stream = true;
        open();
    }
    void open() {
        chunks.emplace(options.raw ? response->iter_raw(options.chunk_size) : response->iter_bytes(options.chunk_size));
    }

    const AsyncPipelineClient* client;
    std::shared_ptr<rest::AsyncHttpResponse> response;
    ResumableBodyOptions options;
    detail::ResumeStep step;
    std::optional<rest::AsyncByteChunks> chunks;
};

AsyncResumableBody::AsyncResumableBody(const AsyncPipelineClient& client, std::shared_ptr<rest::AsyncHttpResponse> response,
                                       ResumableBodyOptions options) {
    if (!response) throw std::invalid_argument("AsyncResumableBody: response is null");
    state_ = std::make_unique<State>(client, std::move(response), std::move(options));
}

AsyncResumableBody::~AsyncResumableBody() = default;
AsyncResumableBody::AsyncResumableBody(AsyncResumableBody&&) noexcept = default;
AsyncResumableBody& AsyncResumableBody::operator=(AsyncResumableBody&&) noexcept = default;

net::awaitable<std::optional<BytesView>> AsyncResumableBody::next() {
    State& s = *state_;
    for (;;) {
        std::exception_ptr failure;
        try {
            std::optional<BytesView> chunk = co_await s.chunks->next();
            if (chunk) s.step.delivered(chunk->size());
            co_return chunk;
        } catch (...) {
            failure = std::current_exception();
        }
        rest::HttpRequest request = s.step.resume_request(failure);
        s.response->close();
        SendRequestOptions send_options = s.options.send_options;
        auto answer = co_await s.client->send_request(std::move(request), std::move(send_options));
        s.step.check_answer(*answer, answer);
        s.response = std::move(answer);
        s.open();
    }
}

std::size_t AsyncResumableBody::bytes_read() const { return state_->step.offset(); }
std::optional<std::size_t> AsyncResumableBody::content_length() const { return state_->step.length(); }
int AsyncResumableBody::resumes() const { return state_->step.resumes(); }
const std::shared_ptr<rest::AsyncHttpResponse>& AsyncResumableBody::response() const { return state_->response; }

}  // namespace azcore
