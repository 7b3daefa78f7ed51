#include "transport/curl/curl_multi_driver.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <new>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace azcore::transport::detail {
namespace net = boost::asio;

namespace {
void global_init() {
    static const bool done = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!done) throw std::runtime_error("curl_global_init failed");
}
constexpr std::size_t max_idle_easy = 1024;
constexpr std::size_t idle_connections = 1024;  // kept alive for reuse, at most
constexpr long max_streams_per_connection = 1000;
}  // namespace

CurlMultiDriver::CurlMultiDriver(net::any_io_executor executor, ConnectionConfiguration config)
    : executor_(std::move(executor)), config_(std::move(config)) {
    global_init();
    share_ = curl_share_init();
    if (share_ == nullptr) throw std::bad_alloc();
    // One thread drives this multi: TLS sessions are shared without locks.
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    create_multi();
    timer_.emplace(executor_);
    context_members_ = azcore::detail::join_context(executor_, this);
}

void CurlMultiDriver::create_multi() {
    multi_ = curl_multi_init();
    if (multi_ == nullptr) throw std::bad_alloc();
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMultiDriver::on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMultiDriver::on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
    // curl's default idle cache (4 x the handles added at the moment a connection is released)
    // closed connections that the next request then had to open again.
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(std::max<std::size_t>(config_.max_connections, idle_connections)));
    // HTTP/2: the server's SETTINGS decide how many streams share a connection (curl's default
    // caps it at 100, so a burst of 1,000 requests opened hundreds of connections).
    curl_multi_setopt(multi_, CURLMOPT_MAX_CONCURRENT_STREAMS, max_streams_per_connection);
    // curl queues transfers over the limits itself: excess requests wait, they do not fail.
    if (config_.max_connections_per_host > 0)
        curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(config_.max_connections_per_host));
    if (config_.max_connections > 0)
        curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(config_.max_connections));
}

CurlMultiDriver::~CurlMultiDriver() {
    if (context_members_) context_members_->remove(this);
    if (timer_) timer_->cancel();
    for (const PooledEasy& idle : idle_easy_) curl_easy_cleanup(idle.easy);
    curl_multi_cleanup(multi_);
    for (auto& [socket, watch] : watches_) {
        watch->removed = true;
        watch->descriptor.release();
    }
    curl_share_cleanup(share_);
}

void CurlMultiDriver::on_context_shutdown() noexcept {
    if (detached_.exchange(true, std::memory_order_acq_rel)) return;
    // Pending waits complete as aborted and are destroyed with the context's other handlers.
    timer_.reset();
    while (!watches_.empty()) drop(watches_.begin());  // curl still owns the sockets: it closes them at cleanup
    for (MultiTransfer* transfer = transfers_; transfer != nullptr; transfer = transfer->next_) transfer->on_context_shutdown();
    executor_ = net::any_io_executor();  // a strand's executor refers to its service
}

void CurlMultiDriver::check_attached() const {
    if (detached())
        throw std::logic_error(
            "AsyncCurlTransport: the io_context it runs on was destroyed; a transport and its responses cannot be used after it");
}

void CurlMultiDriver::track(MultiTransfer* transfer) noexcept {
    transfer->previous_ = nullptr;
    transfer->next_ = transfers_;
    if (transfers_ != nullptr) transfers_->previous_ = transfer;
    transfers_ = transfer;
}

void CurlMultiDriver::untrack(MultiTransfer* transfer) noexcept {
    if (transfer->previous_ != nullptr) transfer->previous_->next_ = transfer->next_;
    else if (transfers_ == transfer) transfers_ = transfer->next_;
    if (transfer->next_ != nullptr) transfer->next_->previous_ = transfer->previous_;
    transfer->previous_ = transfer->next_ = nullptr;
}

CurlMultiDriver::PooledEasy CurlMultiDriver::acquire_easy() {
    if (!idle_easy_.empty()) {
        PooledEasy pooled = std::move(idle_easy_.back());
        idle_easy_.pop_back();
        return pooled;
    }
    CURL* easy = curl_easy_init();
    if (easy == nullptr) throw std::bad_alloc();
    prepare_easy(easy);
    return {easy, {}};
}

void CurlMultiDriver::reset_easy(CURL* easy) {
    curl_easy_reset(easy);
    prepare_easy(easy);
}

void CurlMultiDriver::prepare_easy(CURL* easy) {
    curl_easy_setopt(easy, CURLOPT_SHARE, share_);
    // The driver opens the sockets of connections made through this handle, and is told when
    // curl closes them (except connection attempts that never completed: see Watch).
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &CurlMultiDriver::on_open_socket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &CurlMultiDriver::on_close_socket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
}

curl_socket_t CurlMultiDriver::on_open_socket(void* self_ptr, curlsocktype, curl_sockaddr* address) {
    auto* self = static_cast<CurlMultiDriver*>(self_ptr);
    ino_t inode = 0;
    const curl_socket_t socket = self->monitor_.open(*address, &inode);
    if (socket == CURL_SOCKET_BAD) return CURL_SOCKET_BAD;
    auto it = self->watches_.find(socket);
    if (it == self->watches_.end()) {
        self->opened_[socket] = inode;
        return socket;
    }
    // The number is free again, so the watched socket was closed without telling us. curl may
    // not report the new socket (to it, the same number wants the same events): watch it now.
    const int wanted = it->second->wanted;
    self->drop(it);
    auto watch = std::make_shared<Watch>(net::posix::stream_descriptor(self->executor_, socket), inode);
    watch->wanted = wanted;
    self->watches_.emplace(socket, watch);
    self->arm(watch, socket);
    return socket;
}

int CurlMultiDriver::on_close_socket(void* self_ptr, curl_socket_t socket) {
    auto* self = static_cast<CurlMultiDriver*>(self_ptr);
    self->opened_.erase(socket);
    self->monitor_.socket_closed(socket);
    if (auto it = self->watches_.find(socket); it != self->watches_.end()) self->drop(it);  // before the close below
    return ::close(socket);
}

CurlMultiDriver::Watches::iterator CurlMultiDriver::watch_for(curl_socket_t socket) {
    if (auto it = watches_.find(socket); it != watches_.end()) return it;
    ino_t inode = 0;
    if (auto opened = opened_.find(socket); opened != opened_.end()) {
        inode = opened->second;
        opened_.erase(opened);
    }
    auto watch = std::make_shared<Watch>(net::posix::stream_descriptor(executor_, socket), inode);
    return watches_.emplace(socket, std::move(watch)).first;
}

void CurlMultiDriver::drop(Watches::iterator it) {
    Watch& watch = *it->second;
    watch.removed = true;
    watch.descriptor.cancel();   // pending waits complete (and are ignored) instead of being lost
    watch.descriptor.release();  // deregisters; never closes
    watches_.erase(it);
}

bool CurlMultiDriver::still_open(curl_socket_t socket, const Watch& watch) const {
    return watch.inode != 0 && ConnectionMonitor::inode_of(socket) == watch.inode;
}

void CurlMultiDriver::add(CURL* easy, MultiTransfer* transfer) {
    curl_easy_setopt(easy, CURLOPT_PRIVATE, static_cast<void*>(transfer));
    if (curl_multi_add_handle(multi_, easy) != CURLM_OK) throw std::runtime_error("curl_multi_add_handle failed");
    ++in_flight_;
}

void CurlMultiDriver::remove(CURL* easy, std::string standing) noexcept {
    curl_multi_remove_handle(multi_, easy);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, nullptr);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
    --in_flight_;
    if (idle_easy_.size() < max_idle_easy) idle_easy_.push_back({easy, std::move(standing)});
    else curl_easy_cleanup(easy);
}

void CurlMultiDriver::close_idle() {
    if (detached()) return;
    if (in_flight_ == 0) {
        // The multi's connection cache holds the idle connections: a new multi starts empty.
        timer_->cancel();
        curl_multi_cleanup(multi_);
        create_multi();
        return;
    }
    // curl has no call to drop only the idle connections of a multi. A connection no transfer is
    // using (no transfer's active socket, and curl wants nothing from it) is shut down: the server
    // sees it close now, and curl, finding it dead, discards it (closing the socket) instead of
    // reusing it. curl owns the descriptor, so it is not closed here.
    std::vector<curl_socket_t> busy;
    for (MultiTransfer* transfer = transfers_; transfer != nullptr; transfer = transfer->next_) {
        curl_socket_t socket = CURL_SOCKET_BAD;
        if (CURL* easy = transfer->easy_handle(); easy != nullptr && curl_easy_getinfo(easy, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK)
            busy.push_back(socket);
    }
    for (const auto& [socket, watch] : watches_) {
        if (watch->wanted != 0 || !still_open(socket, *watch) || std::find(busy.begin(), busy.end(), socket) != busy.end())
            continue;
        ::shutdown(socket, SHUT_RDWR);
    }
}

int CurlMultiDriver::on_socket(CURL*, curl_socket_t socket, int what, void* self_ptr, void*) {
    auto* self = static_cast<CurlMultiDriver*>(self_ptr);
    if (self->detached()) return 0;  // removing a transfer after on_context_shutdown()
    if (what == CURL_POLL_REMOVE) {
        auto it = self->watches_.find(socket);
        if (it == self->watches_.end()) return 0;
        // A kept-alive connection stays registered and wants nothing; no wait outlives curl's
        // interest (a wait on a socket closed behind our back would hold the io_context forever).
        it->second->wanted = 0;
        it->second->descriptor.cancel();
        if (!self->still_open(socket, *it->second)) self->drop(it);
        return 0;
    }
    auto it = self->watch_for(socket);
    it->second->wanted = what;
    self->arm(it->second, socket);
    return 0;
}

void CurlMultiDriver::arm(const std::shared_ptr<Watch>& watch, curl_socket_t socket) {
    if ((watch->wanted & CURL_POLL_IN) && !watch->reading) {
        watch->reading = true;
        watch->descriptor.async_wait(net::posix::stream_descriptor::wait_read,
                                     [self = shared_from_this(), watch, socket](boost::system::error_code error) {
                                         watch->reading = false;
                                         self->on_ready(watch, socket, CURL_CSELECT_IN, error);
                                     });
    }
    if ((watch->wanted & CURL_POLL_OUT) && !watch->writing) {
        watch->writing = true;
        watch->descriptor.async_wait(net::posix::stream_descriptor::wait_write,
                                     [self = shared_from_this(), watch, socket](boost::system::error_code error) {
                                         watch->writing = false;
                                         self->on_ready(watch, socket, CURL_CSELECT_OUT, error);
                                     });
    }
}

void CurlMultiDriver::on_ready(const std::shared_ptr<Watch>& watch, curl_socket_t socket, int direction,
                               boost::system::error_code error) {
    if (watch->removed) return;
    if (error == net::error::operation_aborted) {  // cancelled at CURL_POLL_REMOVE: curl may want it again
        arm(watch, socket);
        return;
    }
    // Readiness in a direction curl no longer wants (it checks a kept-alive connection before reuse).
    if ((watch->wanted & (direction == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT)) == 0) return;
    socket_action(socket, error ? CURL_CSELECT_ERR : direction);
    if (!watch->removed) arm(watch, socket);
}

int CurlMultiDriver::on_timer(CURLM*, long timeout_ms, void* self_ptr) {
    auto* self = static_cast<CurlMultiDriver*>(self_ptr);
    if (self->detached()) return 0;
    const std::uint64_t generation = ++self->timer_generation_;
    self->timer_->cancel();
    if (timeout_ms < 0) return 0;
    std::weak_ptr<CurlMultiDriver> weak = self->weak_from_this();
    if (timeout_ms == 0) {
        // socket_action must not run inside a curl callback: post it. A posted handler costs
        // no timerfd update, and curl asks for 0 ms on every new transfer.
        net::post(self->executor_, [weak, generation] {
            auto driver = weak.lock();
            if (driver && driver->timer_generation_ == generation) driver->socket_action(CURL_SOCKET_TIMEOUT, 0);
        });
        return 0;
    }
    self->timer_->expires_after(std::chrono::milliseconds(timeout_ms));
    self->timer_->async_wait([weak, generation](boost::system::error_code error) {
        if (error) return;
        auto driver = weak.lock();
        if (driver && driver->timer_generation_ == generation) driver->socket_action(CURL_SOCKET_TIMEOUT, 0);
    });
    return 0;
}

void CurlMultiDriver::socket_action(curl_socket_t socket, int events) {
    if (detached()) return;
    int running = 0;
    curl_multi_socket_action(multi_, socket, events, &running);
    drain();
}

void CurlMultiDriver::drain() {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        void* transfer = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
        CURLcode result = message->data.result;
        if (transfer != nullptr) static_cast<MultiTransfer*>(transfer)->on_done(result);
    }
}

}  // namespace azcore::transport::detail
