#pragma once
// AsyncHTTPPolicy: a policy that only makes sense in async pipelines.
#include <azcore/pipeline/http_policy.hpp>

namespace azcore::pipeline {

/// An HTTPPolicy whose sync face throws std::logic_error; implement async_send only.
class AsyncHTTPPolicy : public HTTPPolicy {
public:
    /// Throws std::logic_error: the policy runs in async pipelines only (async_run, AsyncPipelineClient).
    PipelineResponse send(PipelineRequest& request, NextPolicy next) const final;
};

}  // namespace azcore::pipeline
