#pragma once
// MockTransport: scripted responses for tests, in both faces; records what was sent.
#include <azcore/bytes.hpp>
#include <azcore/transport/http_transport.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

namespace azcore::transport {

/// One scripted response.
struct MockResponse {
    /// The status code.
    int status_code = 200;
    /// The reason phrase (may be empty).
    std::string reason{};
    /// The response headers.
    CaseInsensitiveDict headers{};
    /// The body's bytes, as on the wire.
    Bytes body{};
};

/// A request as the mock transport received it, its body read out of any stream.
struct RecordedRequest {
    /// The method ("GET").
    std::string method;
    /// The URL, query included.
    std::string url;
    /// The headers as sent.
    CaseInsensitiveDict headers;
    /// The body's bytes; empty when there was none.
    Bytes body;
};

/// A transport for unit tests: answers from a handler or a script, never touches the network,
/// records requests, sleeps and options, and never really sleeps.
class MockTransport : public HttpTransport {
public:
    /// What a request gets: a response, or an exception thrown from send.
    using Outcome = std::variant<MockResponse, std::exception_ptr>;
    /// Decides the outcome of each request.
    using Handler = std::function<Outcome(const RecordedRequest&)>;

    /// Answers each request with handler(request).
    explicit MockTransport(Handler handler);
    /// Answers with the outcomes in order; std::logic_error once they run out.
    explicit MockTransport(std::vector<Outcome> script);

    std::shared_ptr<rest::HttpResponse> send(const std::shared_ptr<rest::HttpRequest>& request,
                                             const options::Kwargs& options) override;
    net::awaitable<std::shared_ptr<rest::AsyncHttpResponse>> async_send(std::shared_ptr<rest::HttpRequest> request,
                                                                        const options::Kwargs& options) override;
    void sleep(double seconds) override;
    net::awaitable<void> async_sleep(double seconds) override;

    /// The requests sent so far, in order.
    std::vector<RecordedRequest> requests() const;
    /// The seconds each sleep() and async_sleep() was asked for, in order.
    std::vector<double> sleeps() const;
    /// The options of each send, as names.
    std::vector<std::vector<std::string>> options_seen() const;

private:
    Outcome next(const rest::HttpRequest& request, const options::Kwargs& options);
    Handler handler_;
    mutable std::mutex mutex_;
    std::vector<RecordedRequest> requests_;
    std::vector<double> sleeps_;
    std::vector<std::vector<std::string>> options_seen_;
};

}  // namespace azcore::transport
