#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "azcore/testserver/test_server.hpp"

namespace azcore::testserver::detail {

/// What the server state may ask of a live connection, from any thread.
class ConnectionControl {
public:
    virtual ~ConnectionControl() = default;
    /// Closes the connection soon, ending whatever it waits for.
    virtual void post_close() = 0;
    /// Interrupts the connection's current timer wait (used to release /hold).
    virtual void post_wake() = 0;
};

/// Counters, request records, /hold bookkeeping and the connection registry, shared by all
/// connections; thread-safe.
class ServerState {
public:
    /// Registers a new connection and returns its id (1, 2, ...). Closes it at once when stopping.
    std::size_t connection_opened(std::weak_ptr<ConnectionControl> connection);
    void connection_closed(std::size_t id);

    void record(RecordedRequest request);
    /// Off: record() only counts.
    void set_recording(bool on) { recording_ = on; }
    /// On: CONNECT opens a tunnel (TestServerOptions::tunnel). Set before the first connection.
    void set_tunnel(bool on) { tunnel_ = on; }
    bool tunnels() const { return tunnel_; }
    std::vector<RecordedRequest> requests() const;
    void clear_requests();

    /// Counts connection id as held unless holding is released; returns whether it is held.
    bool begin_hold(std::size_t id);
    /// Whether connection id is still held (not released yet).
    bool is_held(std::size_t id) const;
    /// Stops counting id as held if it still is (the server stopped under it).
    void end_hold(std::size_t id);
    void release_held();
    void reset_hold();

    /// Counts a request to a /flaky route for key; returns its number (1 for the first).
    std::size_t flaky_hit(const std::string& key, FlakyTry attempt);
    /// Whether try number n of key was failed on purpose (set once the route decided).
    void flaky_mark_failed(const std::string& key, std::size_t n);
    std::vector<FlakyTry> flaky_tries(const std::string& key) const;
    /// Every key and its count.
    std::map<std::string, std::size_t> flaky_counts() const;

    /// A new long-running operation's id: "1", "2", ...
    std::string lro_start();
    /// Counts a status request of operation id; returns its number (1 for the first).
    std::size_t lro_poll(const std::string& id);

    /// Stops: every current connection is closed, and any opened later too.
    void stop();
    bool stopping() const { return stopping_.load(); }

    std::size_t held_now() const { return held_now_.load(); }
    std::size_t held_peak() const { return held_peak_.load(); }
    std::size_t connections_accepted() const { return accepted_.load(); }
    std::size_t connections_closed() const { return closed_.load(); }
    std::size_t open_connections() const { return accepted_.load() - closed_.load(); }
    std::size_t peak_open_connections() const { return peak_open_.load(); }
    std::size_t requests_received() const { return requests_received_.load(); }
    void count_sent(std::size_t bytes) { bytes_sent_ += bytes; }
    std::uint64_t bytes_sent() const { return bytes_sent_.load(); }

    bool wait_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout);
    /// Wakes wait_until to check its predicate.
    void notify();

private:
    static void raise_peak(std::atomic<std::size_t>& peak, std::size_t value);

    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> accepted_{0};
    std::atomic<std::size_t> closed_{0};
    std::atomic<std::size_t> peak_open_{0};
    std::atomic<std::size_t> held_now_{0};
    std::atomic<std::size_t> held_peak_{0};
    std::atomic<std::size_t> requests_received_{0};
    std::atomic<std::uint64_t> bytes_sent_{0};
    bool tunnel_ = false;

    mutable std::mutex mutex_;  // guards the members below
    std::unordered_map<std::size_t, std::weak_ptr<ConnectionControl>> live_;
    std::unordered_set<std::size_t> held_;
    bool released_ = false;
    std::vector<RecordedRequest> requests_;
    bool recording_ = true;
    std::map<std::string, std::vector<FlakyTry>> flaky_;
    std::size_t lro_started_ = 0;
    std::map<std::string, std::size_t> lro_polls_;

    std::mutex event_mutex_;
    std::condition_variable event_cv_;
    std::uint64_t event_seq_ = 0;
};

}  // namespace azcore::testserver::detail
