#pragma once
// The pipeline client of one azrest command, built from its options.
#include <azcore/options/kwargs.hpp>
#include <azcore/pipeline_client.hpp>

#include <memory>

namespace azrest {

struct Arguments;

/// The client and the per-call options every request of the command is sent with.
struct CommandClient {
    std::unique_ptr<azcore::PipelineClient> client{};
    azcore::options::Kwargs call_options{};
};

/// The default policies with --header (HeadersPolicy), --query (QueryParametersPolicy, per call),
/// --retries (RetryPolicy), --auth (the credential policy), on a CurlTransport with --timeout and
/// --insecure. UsageError when a secret's environment variable is unset or empty.
CommandClient make_client(const Arguments& arguments);

}  // namespace azrest
