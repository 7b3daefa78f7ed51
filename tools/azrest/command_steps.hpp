#pragma once
// The three ways azrest sends a command: one request, a paged list, a long-running operation.
#include <azcore/options/kwargs.hpp>
#include <azcore/rest/http_request.hpp>

namespace azcore {
class PipelineClient;
}

namespace azrest {

struct Arguments;
struct OutputStyle;

/// Sends request, prints the response (head with --include) and returns the exit code.
int send_once(const azcore::PipelineClient& client, azcore::rest::HttpRequest request, const azcore::options::Kwargs& kwargs,
              const Arguments& arguments, const OutputStyle& style);

/// Sends request, then follows the next links (ItemPaged), printing every item as one JSON line.
int list_pages(const azcore::PipelineClient& client, azcore::rest::HttpRequest request, const azcore::options::Kwargs& kwargs,
               const Arguments& arguments);

/// Sends request, polls the operation it started to its end (LROPoller with LROBasePolling),
/// with a status line on a terminal, and prints the final resource.
int wait_for_operation(const azcore::PipelineClient& client, azcore::rest::HttpRequest request,
                       const azcore::options::Kwargs& kwargs, const Arguments& arguments, const OutputStyle& style);

}  // namespace azrest
