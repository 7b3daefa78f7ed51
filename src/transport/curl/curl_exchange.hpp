#pragma once
// CurlExchange: one request/response on a curl easy handle, for either face: the options set on
// the handle, the callbacks, the parsed status and headers, the buffered body and the outcome.
// The sync transfer and the async transfer differ only in how they wait for it to progress.
#include <azcore/bytes.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/utils/case_insensitive_dict.hpp>

#include "transport/curl/connection_monitor.hpp"
#include "transport/curl/curl_error_mapping.hpp"
#include "transport/curl/curl_timings.hpp"
#include "transport/curl/response_head.hpp"
#include "transport/transfer_settings.hpp"

#include <curl/curl.h>

#include <chrono>
#include <exception>
#include <memory>
#include <span>
#include <string>

namespace azcore::transport::detail {

class CurlExchange {
public:
    using Clock = std::chrono::steady_clock;

    /// Counts itself in monitor (its transport's) from now until it ends.
    CurlExchange(std::shared_ptr<const rest::HttpRequest> request, TransferSettings settings, ConnectionMonitor& monitor);
    ~CurlExchange();
    CurlExchange(const CurlExchange&) = delete;
    CurlExchange& operator=(const CurlExchange&) = delete;

    /// Sets the request's options on a pooled handle whose last request left `standing` (see
    /// leaves()). The handle is kept as it is when this request is a GET without a body whose
    /// connection settings (proxy, no_proxy, verification, client certificate) are those it
    /// holds: only the options that change per request are set. Otherwise reset() (the pool's:
    /// curl's defaults plus the pool's own options) runs first, then every option is set.
    template <class Reset>
    void configure(CURL* easy, const std::string& standing, Reset&& reset) {
        const bool keep = !standing_.empty() && standing == standing_;
        if (!keep) reset();
        configure(easy, !keep);
    }
    /// What the handle holds for the next request once this exchange lets it go: the key of its
    /// settings when it was such a GET and completed, else empty (the next user resets it).
    std::string leaves() const { return completed_ ? standing_ : std::string(); }
    /// Called whenever headers, body bytes or the end arrive (the async face wakes its waiter).
    void set_progress_hook(void (*hook)(void*), void* context) {
        hook_ = hook;
        hook_context_ = context;
    }

    bool headers_done() const { return headers_done_; }
    bool finished() const { return finished_; }
    bool has_body_bytes() const { return buffer_.size() > buffer_offset_; }
    /// Body bytes are there for the reader: buffered, or handed to its read_into().
    bool reader_has_bytes() const { return has_body_bytes() || (direct_ != nullptr && direct_delivered_ > 0); }
    /// Appends at most max buffered body bytes to out (handing the buffer over when out is
    /// empty and takes it all); returns how many.
    std::size_t take(Bytes& out, std::size_t max);
    /// While it lives, body bytes that curl hands over go straight to out (at most max of them)
    /// and only the rest to the buffer: one copy instead of two. For a read that found nothing
    /// buffered (read_step() said resume or wait).
    class DirectRead {
    public:
        explicit DirectRead(CurlExchange& exchange) : exchange_(&exchange) {}
        ~DirectRead() { exchange_->direct_ = nullptr; }
        DirectRead(const DirectRead&) = delete;
        DirectRead& operator=(const DirectRead&) = delete;
        /// Bytes appended to out so far.
        std::size_t delivered() const { return exchange_->direct_delivered_; }

    private:
        CurlExchange* exchange_;
    };
    DirectRead read_into(Bytes& out, std::size_t max) {
        direct_ = &out;
        direct_room_ = max;
        direct_delivered_ = 0;
        return DirectRead(*this);
    }
    /// What a body read does next, the same in both faces: take buffered bytes, end (0; the
    /// transfer's failure is rethrown), resume the transfer the write callback paused, or wait for
    /// curl to make progress.
    enum class ReadStep { take, end, resume, wait };
    ReadStep read_step();

    /// Notes that the connection exists (from curl's pre-transfer time) and starts the read clock.
    void observe_connection(CURL* easy);
    bool connected() const { return connected_; }
    /// How long to wait for progress: longest, or less when read_timeout (once connected) or the
    /// deadline (until the headers; until the end of the body unless streamed) runs out sooner.
    Clock::duration wait_limit(Clock::duration longest) const;
    /// Observes the connection, then finishes with the timeout error when the deadline or
    /// read_timeout ran out. Returns whether it did.
    bool time_ran_out(CURL* easy);
    /// The transfer ended with result (CURLMSG_DONE); maps a failure (or an end without a
    /// response) to its exception.
    void finish(CURLcode result, CURL* easy);
    /// Ends an unfinished exchange without a result (closed or cancelled by the caller).
    void abandon();
    /// The failure, if the exchange ended with one.
    const std::exception_ptr& failure() const { return failure_; }
    /// What the reader sees of the try's timings: the head's once the headers arrived, everything
    /// once a read_step() said end after the transfer completed.
    const rest::TransferTimings& timings() const { return timings_; }

    int status_code() const { return head_.status_code(); }
    /// The status line and headers received (the headers moved out).
    ReceivedHead take_head() { return {head_.status_code(), head_.reason(), head_.take_headers(), head_.http_version()}; }
    const TransferSettings& settings() const { return settings_; }
    const std::string& host_key() const { return settings_.host_key; }

private:
    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
    static std::size_t on_read(char* data, std::size_t size, std::size_t count, void* self);
    static int on_seek(void* self, curl_off_t offset, int origin);
    static int on_prereq(void* self, char* primary_ip, char* local_ip, int primary_port, int local_port);
    /// All options (fresh: a new or reset handle), else only those that change per request.
    void configure(CURL* easy, bool fresh);
    void configure_body(CURL* easy);
    TransferPhase phase() const;
    /// Whether the deadline bounds the exchange now.
    bool deadline_applies() const { return settings_.deadline && (!headers_done_ || !settings_.reading.stream); }
    bool tls() const { return settings_.host_key.starts_with("https:"); }
    Clock::time_point read_deadline() const;
    std::exception_ptr failure_of(CURLcode result, CURL* easy) const;
    /// Tells the monitor the request ended (once); easy, when given, tells how many connections it opened.
    void leave_monitor(CURL* easy) noexcept;
    void progressed() {
        if (hook_ != nullptr) hook_(hook_context_);
    }

    std::shared_ptr<const rest::HttpRequest> request_;
    TransferSettings settings_;
    ConnectionMonitor* monitor_;
    ConnectionMonitor::Host* monitored_ = nullptr;  // null once the monitor was told the request ended
    int local_port_ = -1;                 // of the connection the request went out on
    std::string standing_;  // the key configure() compares; empty: not a request a handle can keep
    curl_slist* header_list_ = nullptr;
    char error_buffer_[CURL_ERROR_SIZE] = {};
    void (*hook_)(void*) = nullptr;
    void* hook_context_ = nullptr;

    std::uint64_t stream_start_ = 0;
    int sends_ = 0;  // times curl was about to send the request
    bool resend_refused_ = false;
    std::exception_ptr upload_error_;
    std::exception_ptr framing_error_;  // the response's headers cannot frame its body

    ResponseHead head_;
    bool headers_done_ = false;

    Bytes buffer_;
    std::size_t buffer_offset_ = 0;
    Bytes* direct_ = nullptr;  // a read in progress (read_into), else null
    std::size_t direct_room_ = 0;
    std::size_t direct_delivered_ = 0;
    std::size_t pause_threshold_;
    bool paused_ = false;
    bool finished_ = false;
    bool completed_ = false;  // finished by curl without an error (not timed out, not abandoned)
    std::exception_ptr failure_;

    bool connected_ = false;
    Clock::time_point last_activity_{};

    CURL* easy_ = nullptr;                 // the handle configure() set up, for the header callback
    rest::TransferTimings timings_;        // what the reader sees (timings())
    rest::TransferTimings ended_timings_;  // all of it, from the end of a completed transfer
};


}  // namespace azcore::transport::detail
