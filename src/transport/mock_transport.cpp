#include <azcore/transport/mock_transport.hpp>

#include <azcore/options/keys.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>

#include <azcore/transport/transport_response.hpp>
#include "rest/memory_body.hpp"
#include "utils/redact_url.hpp"

#include <stdexcept>

namespace azcore::transport {
namespace {

RecordedRequest record(const rest::HttpRequest& request) {
    RecordedRequest recorded{request.method, request.url, request.headers, {}};
    if (const auto* bytes = std::get_if<std::shared_ptr<const Bytes>>(&request.content)) {
        if (*bytes) recorded.body = **bytes;
    } else if (const auto* stream = std::get_if<std::shared_ptr<rest::BodyStream>>(&request.content)) {
        // Consume the stream as a real transport would, so that rewinding is observable.
        std::uint8_t buffer[16384];
        while (std::size_t got = (*stream)->read(buffer)) recorded.body.insert(recorded.body.end(), buffer, buffer + got);
    }
    return recorded;
}

ReceivedHead head_of(MockResponse& scripted) {
    return {scripted.status_code, std::move(scripted.reason), std::move(scripted.headers)};
}

}  // namespace

MockTransport::MockTransport(Handler handler) : handler_(std::move(handler)) {
    if (!handler_) throw std::invalid_argument("handler: MockTransport needs a handler");
}

MockTransport::MockTransport(std::vector<Outcome> script) {
    auto shared = std::make_shared<std::vector<Outcome>>(std::move(script));
    auto position = std::make_shared<std::size_t>(0);
    handler_ = [shared, position](const RecordedRequest& request) -> Outcome {
        if (*position >= shared->size())
            throw std::logic_error("MockTransport: no scripted response left for " + request.method + " " +
                                   utils::detail::redact_url_for_message(request.url));
        return (*shared)[(*position)++];
    };
}

MockTransport::Outcome MockTransport::next(const rest::HttpRequest& request, const options::Kwargs& options) {
    RecordedRequest recorded = record(request);
    Handler handler;
    {
        std::lock_guard lock(mutex_);
        requests_.push_back(recorded);
        options_seen_.push_back(options.names());
        handler = handler_;
    }
    return handler(recorded);
}

std::shared_ptr<rest::HttpResponse> MockTransport::send(const std::shared_ptr<rest::HttpRequest>& request,
                                                        const options::Kwargs& options) {
    Outcome outcome = next(*request, options);
    if (auto* error = std::get_if<std::exception_ptr>(&outcome)) std::rethrow_exception(*error);
    auto& scripted = std::get<MockResponse>(outcome);
    return make_response(request, head_of(scripted), std::make_unique<rest::detail::MemoryBody>(std::move(scripted.body)),
                         ResponseReading::from(options, nullptr));
}

net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> MockTransport::async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                                  const options::Kwargs& options) {
    Outcome outcome = next(*request, options);
    if (auto* error = std::get_if<std::exception_ptr>(&outcome)) std::rethrow_exception(*error);
    auto& scripted = std::get<MockResponse>(outcome);
    co_return co_await make_async_response(request, head_of(scripted), std::make_unique<rest::detail::MemoryBody>(std::move(scripted.body)),
                                           ResponseReading::from(options, nullptr));
}

void MockTransport::sleep(double seconds) {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(seconds);
}

net::awaitable<void> MockTransport::async_sleep(double seconds) {
    sleep(seconds);
    co_return;
}

std::vector<RecordedRequest> MockTransport::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::vector<double> MockTransport::sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
}

std::vector<std::vector<std::string>> MockTransport::options_seen() const {
    std::lock_guard lock(mutex_);
    return options_seen_;
}

}  // namespace azcore::transport
