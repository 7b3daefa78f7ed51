#pragma once
// ThingsClient and AsyncThingsClient: service-client methods traced as Azure SDK clients trace
// theirs. Each method runs in a span of its own (distributed_trace / distributed_trace_async,
// Python's @distributed_trace), and the pipeline's DistributedTracingPolicy adds a CLIENT span per
// try under it, so a retried call shows as one method span over two HTTP spans.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>

#include <string>

namespace contoso {

class ThingsClient {
public:
    explicit ThingsClient(std::string endpoint);
    /// Span "ThingsClient.get_thing"; GET /flaky?key=KEY&fail=1: the service fails the first try (503) and
    /// the retry succeeds. Returns the status.
    int get_thing(const std::string& key) const;

private:
    azcore::PipelineClient client_;
};

class AsyncThingsClient {
public:
    AsyncThingsClient(std::string endpoint, azcore::net::any_io_executor executor);
    /// Span "AsyncThingsClient.put_thing"; PUT /echo with text as the body. Returns the status.
    azcore::net::awaitable<int> put_thing(std::string text) const;

private:
    azcore::AsyncPipelineClient client_;
};

}  // namespace contoso
