#pragma once
// What PipelineClient and AsyncPipelineClient share: how their configuration is chosen and what
// send_request does before the pipeline runs. The two clients differ only in the face they run.
#include <azcore/configuration.hpp>
#include <azcore/options/kwargs.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>

#include <string>

namespace azcore::detail {

/// options.config, or default_configuration() (the standard policies).
Configuration configuration_of(const PipelineClientOptions& options);

/// Prepares a send_request call: a request URL that is not absolute (Python's test) is joined to
/// base_url (formatted without arguments); nothing else of the URL changes: a `{name}` in it is
/// not a placeholder here (send_request has no arguments) and the request check refuses it. Returns
/// the per-call options with `stream` set.
options::Kwargs prepare_send(const std::string& base_url, rest::HttpRequest& request, SendRequestOptions send_options);

}  // namespace azcore::detail
