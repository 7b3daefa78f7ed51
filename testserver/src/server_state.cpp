#include "server_state.hpp"

#include <algorithm>

namespace azcore::testserver::detail {

void ServerState::raise_peak(std::atomic<std::size_t>& peak, std::size_t value) {
    std::size_t seen = peak.load();
    while (value > seen && !peak.compare_exchange_weak(seen, value)) {
    }
}

void ServerState::notify() {
    {
        std::lock_guard lock(event_mutex_);
        ++event_seq_;
    }
    event_cv_.notify_all();
}

std::size_t ServerState::connection_opened(std::weak_ptr<ConnectionControl> connection) {
    std::size_t id = 0;
    bool close_now = false;
    {
        std::lock_guard lock(mutex_);
        id = ++accepted_;
        raise_peak(peak_open_, id - closed_.load());
        live_.emplace(id, connection);
        close_now = stopping_.load();
    }
    if (close_now) {
        if (auto c = connection.lock()) c->post_close();
    }
    notify();
    return id;
}

void ServerState::connection_closed(std::size_t id) {
    {
        std::lock_guard lock(mutex_);
        live_.erase(id);
        ++closed_;
    }
    notify();
}

void ServerState::record(RecordedRequest request) {
    if (recording_) {
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(request));
    }
    ++requests_received_;
    notify();
}

std::vector<RecordedRequest> ServerState::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void ServerState::clear_requests() {
    std::lock_guard lock(mutex_);
    requests_.clear();
}

std::size_t ServerState::flaky_hit(const std::string& key, FlakyTry attempt) {
    std::size_t n = 0;
    {
        std::lock_guard lock(mutex_);
        auto& tries = flaky_[key];
        tries.push_back(std::move(attempt));
        n = tries.size();
    }
    notify();
    return n;
}

std::string ServerState::lro_start() {
    std::lock_guard lock(mutex_);
    return std::to_string(++lro_started_);
}

std::size_t ServerState::lro_poll(const std::string& id) {
    std::lock_guard lock(mutex_);
    return ++lro_polls_[id];
}

void ServerState::flaky_mark_failed(const std::string& key, std::size_t n) {
    std::lock_guard lock(mutex_);
    auto it = flaky_.find(key);
    if (it != flaky_.end() && n >= 1 && n <= it->second.size()) it->second[n - 1].failed = true;
}

std::vector<FlakyTry> ServerState::flaky_tries(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = flaky_.find(key);
    return it == flaky_.end() ? std::vector<FlakyTry>{} : it->second;
}

std::map<std::string, std::size_t> ServerState::flaky_counts() const {
    std::lock_guard lock(mutex_);
    std::map<std::string, std::size_t> counts;
    for (const auto& [key, tries] : flaky_) counts.emplace(key, tries.size());
    return counts;
}

bool ServerState::begin_hold(std::size_t id) {
    {
        std::lock_guard lock(mutex_);
        if (released_ || stopping_.load()) return false;
        held_.insert(id);
        raise_peak(held_peak_, ++held_now_);
    }
    notify();
    return true;
}

bool ServerState::is_held(std::size_t id) const {
    std::lock_guard lock(mutex_);
    return held_.contains(id);
}

void ServerState::end_hold(std::size_t id) {
    {
        std::lock_guard lock(mutex_);
        if (held_.erase(id) == 0) return;
        --held_now_;
    }
    notify();
}

void ServerState::release_held() {
    std::vector<std::shared_ptr<ConnectionControl>> to_wake;
    {
        std::lock_guard lock(mutex_);
        released_ = true;
        for (std::size_t id : held_) {
            auto it = live_.find(id);
            if (it != live_.end()) {
                if (auto c = it->second.lock()) to_wake.push_back(std::move(c));
            }
        }
        held_now_ -= held_.size();
        held_.clear();
    }
    for (auto& c : to_wake) c->post_wake();
    notify();
}

void ServerState::reset_hold() {
    std::lock_guard lock(mutex_);
    released_ = false;
}

void ServerState::stop() {
    std::vector<std::shared_ptr<ConnectionControl>> to_close;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, weak] : live_) {
            if (auto c = weak.lock()) to_close.push_back(std::move(c));
        }
    }
    for (auto& c : to_close) c->post_close();
    notify();
}

bool ServerState::wait_until(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    // Events wake the wait; the short slice also covers conditions that change without one.
    constexpr auto slice = std::chrono::milliseconds(20);
    for (;;) {
        std::uint64_t seen = 0;
        {
            std::lock_guard lock(event_mutex_);
            seen = event_seq_;
        }
        if (pred()) return true;
        auto now = std::chrono::steady_clock::now();
        if (now >= deadline) return false;
        std::unique_lock lock(event_mutex_);
        event_cv_.wait_until(lock, std::min(deadline, now + slice), [&] { return event_seq_ != seen; });
    }
}

}  // namespace azcore::testserver::detail
