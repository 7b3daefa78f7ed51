#pragma once
// DualClient: one client API over both faces, so a transport test is written once and run in both.
//
// Sync mode wraps PipelineClient + CurlTransport. Async mode owns an io_context, an
// AsyncCurlTransport on it and an AsyncPipelineClient; each call runs that io_context on the
// calling thread until the call completes (and only then), reusing it across calls so that
// connections are kept alive. Exceptions propagate unchanged in both modes.
#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/connection_configuration.hpp>
#include <azcore/transport/connection_pool_stats.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace azcore::transport {
class AsyncCurlTransport;
class CurlTransport;
}

namespace azcore::test {

/// How DualClient::send reads the body of the response.
struct ReadOptions {
    /// Read a streamed body with iter_raw (the bytes as sent) instead of iter_bytes (decoded).
    /// Only meaningful with SendRequestOptions::stream.
    bool raw = false;
    /// Chunk size of iter_bytes / iter_raw for streamed responses (0: the transport's block size).
    std::size_t chunk_size = 0;
    /// Streamed responses: record chunk_sizes but keep no body (for bodies too large to hold).
    bool discard = false;
    /// Streamed responses: how long to wait once send_request returned before reading the body
    /// (the async face waits on a timer), so that the bytes the server sent meanwhile wait in the
    /// socket.
    std::chrono::milliseconds wait_before_reading{0};
    /// Read the body as a multipart/mixed batch with parts() (co_await parts() in the async face)
    /// instead: Result::parts holds each part; Result::body stays empty.
    bool parts = false;
    /// Read a streamed body through a ResumableBody (AsyncResumableBody) over this client, with
    /// chunk_size and raw as above: a body cut mid-way is resumed. Result::resumes counts resumes.
    bool resumable = false;
};

/// One part of a multipart/mixed batch response, read with ReadOptions::parts.
struct PartResult {
    int status_code = 0;
    std::string body{};
};

/// What came back, with the body read to the end.
struct Result {
    int status_code = 0;
    std::string reason{};
    CaseInsensitiveDict headers{};
    std::string http_version{};
    /// Non-streamed responses: the body was already in content() when send_request returned.
    bool read_by_send = false;
    /// The decoded body (empty when read raw).
    std::string body{};
    /// The body as sent, when read with ReadOptions::raw.
    std::optional<std::string> raw_body{};
    /// Sizes of the chunks a streamed body came in.
    std::vector<std::size_t> chunk_sizes{};
    /// The parts of a multipart/mixed body, with ReadOptions::parts.
    std::vector<PartResult> parts{};
    /// Resumes made while reading with ReadOptions::resumable.
    int resumes = 0;
    /// is_closed() once the body was read.
    bool closed_after_reading = false;
    /// What the response needs alive: an AsyncHttpResponse must be destroyed before its
    /// io_context (as every Asio object), and a Result may outlive its DualClient.
    std::shared_ptr<void> io_owner{};
    /// The response itself (HttpResponse or AsyncHttpResponse), read and closed.
    std::shared_ptr<rest::HttpResponseBase> response{};
};

/// One request of DualClient::send_all: its result, or the exception it ended with.
struct Outcome {
    std::optional<Result> result{};
    std::exception_ptr error{};
    /// send_request returned a response (the error, if any, came while reading the body).
    bool got_response = false;
};

/// How DualClient builds its client beyond the transport's settings.
struct DualClientSetup {
    /// The client's policy slots (Python's Configuration); default Configuration{}.
    std::optional<Configuration> config{};
    /// Wraps the transport the client uses (CurlTransport or AsyncCurlTransport), e.g. in a
    /// SleepRecordingTransport; unset: used as it is.
    std::function<std::shared_ptr<transport::HttpTransport>(std::shared_ptr<transport::HttpTransport>)> wrap_transport{};
};

class DualClient {
public:
    DualClient(std::string base_url, RunMode mode, transport::ConnectionConfiguration config = {},
               DualClientSetup setup = {});
    ~DualClient();
    DualClient(const DualClient&) = delete;
    DualClient& operator=(const DualClient&) = delete;

    RunMode mode() const { return mode_; }

    /// Sends the request and reads the whole body (read(), or iter_bytes/iter_raw when streamed).
    Result send(rest::HttpRequest request, SendRequestOptions options = {}, ReadOptions read = {});
    /// Whether the last send() got a response from send_request before it returned or threw:
    /// tells an exception of send_request from one raised while reading the body.
    bool got_response() const { return got_response_; }
    /// The transport's connection_pool() (CurlTransport or AsyncCurlTransport); any thread.
    transport::ConnectionPoolStats connection_pool() const;

    /// Sends every request at once (Sync: one thread each; Async: one coroutine each on this
    /// client's io_context, run by the calling thread) and runs while_in_flight on another thread
    /// meanwhile; returns when all requests and while_in_flight have finished. while_in_flight
    /// must let held requests finish (TestServer::release_held).
    std::vector<Outcome> send_all(std::vector<rest::HttpRequest> requests, const std::function<void()>& while_in_flight,
                                  SendRequestOptions options = {}, ReadOptions read = {});

private:
    net::awaitable<Result> async_send(rest::HttpRequest request, SendRequestOptions options, ReadOptions read,
                                      bool* got_response);
    /// Runs the io_context on this thread until done() holds.
    void run_until(const std::function<bool()>& done);

    RunMode mode_;
    bool got_response_ = false;
    std::function<transport::ConnectionPoolStats()> pool_;
    std::optional<PipelineClient> sync_client_;
    // Async mode; declared in destruction order: the client, then the transport, then the io_context.
    std::shared_ptr<boost::asio::io_context> io_owner_ = std::make_shared<boost::asio::io_context>();
    boost::asio::io_context& io_ = *io_owner_;
    std::shared_ptr<transport::HttpTransport> async_transport_;
    std::unique_ptr<AsyncPipelineClient> async_client_;
};

// ------------------------------------------------------------------------------------------
// Sockets for the connection rows of the error table.

/// A loopback port with nothing listening.
std::uint16_t closed_port();

/// A loopback listener whose accept queue is full: connection attempts hang in SYN_SENT.
class FullBacklogListener {
public:
    FullBacklogListener();
    ~FullBacklogListener();
    FullBacklogListener(const FullBacklogListener&) = delete;
    FullBacklogListener& operator=(const FullBacklogListener&) = delete;
    std::uint16_t port() const { return port_; }

private:
    int fd_ = -1;
    int fillers_[4] = {-1, -1, -1, -1};
    std::uint16_t port_ = 0;
};

/// A loopback listener that never accepts: connections complete in the kernel's backlog and then
/// hear nothing (a request waits for its response; a TLS handshake for the server's hello).
class SilentListener {
public:
    SilentListener();
    ~SilentListener();
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;
    std::uint16_t port() const { return port_; }
    /// Whether a connection is waiting in the accept queue (taken and closed when there is).
    bool was_connected();

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

// ------------------------------------------------------------------------------------------
// For async-only tests that drive an io_context themselves.

/// Runs io on the calling thread until pred() holds (checked every few milliseconds) or timeout
/// passes; returns pred(). Restarts io when it ran out of work.
bool run_io_until(boost::asio::io_context& io, const std::function<bool()>& pred, std::chrono::milliseconds timeout);

/// A GET made by spawn_get: status and body, or the exception it ended with.
struct Fetched {
    bool done = false;
    int status_code = 0;
    std::string body{};
    std::exception_ptr error{};
};

/// Starts a GET of url on io through client (non-streamed; the body read with read()); into is
/// filled when it completes and must outlive io's handlers. Returns at once.
void spawn_get(boost::asio::io_context& io, const AsyncPipelineClient& client, std::string url, Fetched& into);

}  // namespace azcore::test
