#pragma once
// Shared by the polling tests: the service URL they use, a response body as JSON, and a canned
// MockTransport response; a MockTransport whose async waits are real timers.
#include <azcore/bytes.hpp>
#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <utility>

namespace azcore::polling {

inline const std::string base_url = "https://svc.example";

/// The body of a read response as JSON; null when it is empty.
inline boost::json::value json_body(const pipeline::PipelineResponse& response) {
    const Bytes& content = response.http_response->content();
    if (content.empty()) return nullptr;
    return boost::json::parse(as_string_view(content));
}

/// A MockTransport response with status, body and headers.
inline transport::MockResponse reply(int status, const std::string& body = {}, CaseInsensitiveDict headers = {}) {
    return transport::MockResponse{.status_code = status, .headers = std::move(headers), .body = to_bytes(body)};
}

/// MockTransport whose async waits are real timers (recorded too), so that they can be cancelled
/// mid-way and interleave; counts the waits under way.
class TimerTransport : public transport::MockTransport {
public:
    using MockTransport::MockTransport;
    int sleeping = 0;
    int most_sleeping_at_once = 0;
    net::awaitable<void> async_sleep(double seconds) override {
        MockTransport::sleep(seconds);  // recorded
        ++sleeping;
        most_sleeping_at_once = std::max(most_sleeping_at_once, sleeping);
        try {
            co_await HttpTransport::async_sleep(seconds);
        } catch (...) {
            --sleeping;
            throw;
        }
        --sleeping;
    }
};

}  // namespace azcore::polling
