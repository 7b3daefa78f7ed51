#pragma once
// --debug and --trace: azcore's HTTP log and span tree, on stderr.
#include <memory>

namespace azcore::tracing::sdk {
class InMemorySpanExporter;
}

namespace azrest {

/// Sends the records of HttpLoggingPolicy (headers and query values redacted) to stderr.
void enable_http_log();

/// Tracing on with azcore's SDK and an in-memory exporter for its lifetime; print_span_tree()
/// writes the spans ended so far to stderr as format_span_tree lays them out.
class TraceSession {
public:
    TraceSession();
    ~TraceSession();
    TraceSession(const TraceSession&) = delete;
    TraceSession& operator=(const TraceSession&) = delete;
    void print_span_tree() const;

private:
    std::shared_ptr<azcore::tracing::sdk::InMemorySpanExporter> exporter_;
};

}  // namespace azrest
