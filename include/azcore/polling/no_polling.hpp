#pragma once
// NoPolling: the result is the initial response (Python's `NoPolling`, also `AsyncNoPolling`).
#include <azcore/polling/polling_method.hpp>

#include <optional>
#include <string>

namespace azcore::polling {

/// Sends nothing: status "succeeded", finished, and the result is built from the initial response
/// (whatever its body).
class NoPolling : public PollingMethod {
public:
    void initialize(PollingClient client, pipeline::PipelineResponse initial_response) override;
    void run() override {}
    net::awaitable<void> async_run() override;
    std::string status() const override { return "succeeded"; }
    bool finished() const override { return true; }
    std::optional<pipeline::PipelineResponse> resource() const override { return initial_response_; }
    std::string get_continuation_token() const override;
    pipeline::PipelineResponse from_continuation_token(const std::string& continuation_token,
                                                       const PollingClient& client) const override;

private:
    std::optional<pipeline::PipelineResponse> initial_response_;
};

/// Python's AsyncNoPolling: the same class.
using AsyncNoPolling = NoPolling;

}  // namespace azcore::polling
