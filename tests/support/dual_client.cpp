#include "support/dual_client.hpp"

#include "support/test_transport.hpp"

#include <azcore/async_resumable_body.hpp>
#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/transport/async_beast_transport.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/beast_transport.hpp>
#include <azcore/resumable_body.hpp>
#include <azcore/transport/curl_transport.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdlib>
#include <future>
#include <string_view>
#include <stdexcept>
#include <thread>
#include <utility>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace azcore::test {
namespace {

Result head_of(const rest::HttpResponseBase& response) {
    Result result;
    result.status_code = response.status_code();
    result.reason = response.reason();
    result.headers = response.headers();
    result.http_version = response.http_version();
    return result;
}

bool has_content(const rest::HttpResponseBase& response) {
    try {
        (void)response.content();
        return true;
    } catch (const exceptions::ResponseNotReadError&) {
        return false;
    }
}

PartResult part_of(const rest::HttpResponseBase& part) {
    return {.status_code = part.status_code(), .body = std::string(as_string_view(part.content()))};
}

ResumableBodyOptions resumable_options(const ReadOptions& read) {
    return {.chunk_size = read.chunk_size, .raw = read.raw};
}

void finish(Result& result, std::string body, bool raw) {
    if (raw) result.raw_body = std::move(body);
    else result.body = std::move(body);
}

Result sync_send(const PipelineClient& client, rest::HttpRequest request, SendRequestOptions options, ReadOptions read,
                 bool& got_response) {
    const bool stream = options.stream;
    got_response = false;
    std::shared_ptr<rest::HttpResponse> response = client.send_request(std::move(request), std::move(options));
    got_response = true;
    Result result = head_of(*response);
    if (stream) std::this_thread::sleep_for(read.wait_before_reading);
    std::string body;
    if (read.parts) {
        for (const auto& part : response->parts()) result.parts.push_back(part_of(*part));
    } else if (read.resumable) {
        ResumableBody resumable(client, response, resumable_options(read));
        while (std::optional<BytesView> chunk = resumable.next()) {
            result.chunk_sizes.push_back(chunk->size());
            if (!read.discard) body += as_string_view(*chunk);
        }
        result.resumes = resumable.resumes();
    } else if (!stream) {
        result.read_by_send = has_content(*response);
        body.assign(as_string_view(response->read()));
    } else {
        for (BytesView chunk : read.raw ? response->iter_raw(read.chunk_size) : response->iter_bytes(read.chunk_size)) {
            result.chunk_sizes.push_back(chunk.size());
            if (!read.discard) body += as_string_view(chunk);
        }
    }
    finish(result, std::move(body), stream && read.raw);
    result.closed_after_reading = response->is_closed();
    result.response = std::move(response);
    return result;
}

// Joins a thread however the scope is left.
class JoinOnExit {
public:
    explicit JoinOnExit(std::thread& thread) : thread_(thread) {}
    ~JoinOnExit() {
        if (thread_.joinable()) thread_.join();
    }
    JoinOnExit(const JoinOnExit&) = delete;
    JoinOnExit& operator=(const JoinOnExit&) = delete;

private:
    std::thread& thread_;
};

}  // namespace

DualClient::DualClient(std::string base_url, RunMode mode, transport::ConnectionConfiguration config, DualClientSetup setup)
    : mode_(mode) {
    auto wrap = [&](std::shared_ptr<transport::HttpTransport> transport) {
        return setup.wrap_transport ? setup.wrap_transport(std::move(transport)) : transport;
    };
    const bool beast = test_transport() == TestTransport::Beast;
    std::shared_ptr<transport::HttpTransport> transport;
    if (mode == RunMode::Sync) {
        if (beast) {
            auto made = std::make_shared<transport::BeastTransport>(std::move(config));
            pool_ = [made] { return made->connection_pool(); };
            transport = made;
        } else {
            auto made = std::make_shared<transport::CurlTransport>(std::move(config));
            pool_ = [made] { return made->connection_pool(); };
            transport = made;
        }
        sync_client_.emplace(std::move(base_url),
                             PipelineClientOptions{.transport = wrap(transport), .config = setup.config.value_or(Configuration{})});
    } else {
        if (beast) {
            auto made = std::make_shared<transport::AsyncBeastTransport>(io_.get_executor(), std::move(config));
            pool_ = [made] { return made->connection_pool(); };
            transport = made;
        } else {
            auto made = std::make_shared<transport::AsyncCurlTransport>(io_.get_executor(), std::move(config));
            pool_ = [made] { return made->connection_pool(); };
            transport = made;
        }
        async_transport_ = transport;
        async_client_ = std::make_unique<AsyncPipelineClient>(
            std::move(base_url), io_.get_executor(),
            PipelineClientOptions{.transport = wrap(transport), .config = setup.config.value_or(Configuration{})});
    }
}

transport::ConnectionPoolStats DualClient::connection_pool() const { return pool_(); }

DualClient::~DualClient() = default;

net::awaitable<Result> DualClient::async_send(rest::HttpRequest request, SendRequestOptions options, ReadOptions read,
                                              bool* got_response) {
    const bool stream = options.stream;
    *got_response = false;
    std::shared_ptr<rest::AsyncHttpResponse> response =
        co_await async_client_->send_request(std::move(request), std::move(options));
    *got_response = true;
    Result result = head_of(*response);
    if (stream && read.wait_before_reading.count() != 0) {
        net::steady_timer timer(co_await net::this_coro::executor, read.wait_before_reading);
        co_await timer.async_wait(net::use_awaitable);
    }
    std::string body;
    if (read.parts) {
        for (const auto& part : co_await response->parts()) result.parts.push_back(part_of(*part));
    } else if (read.resumable) {
        AsyncResumableBody resumable(*async_client_, response, resumable_options(read));
        for (;;) {
            std::optional<BytesView> chunk = co_await resumable.next();
            if (!chunk) break;
            result.chunk_sizes.push_back(chunk->size());
            if (!read.discard) body += as_string_view(*chunk);
        }
        result.resumes = resumable.resumes();
    } else if (!stream) {
        result.read_by_send = has_content(*response);
        BytesView content = co_await response->read();
        body.assign(as_string_view(content));
    } else {
        rest::AsyncByteChunks chunks = read.raw ? response->iter_raw(read.chunk_size) : response->iter_bytes(read.chunk_size);
        for (;;) {
            std::optional<BytesView> chunk = co_await chunks.next();
            if (!chunk) break;
            result.chunk_sizes.push_back(chunk->size());
            if (!read.discard) body += as_string_view(*chunk);
        }
    }
    finish(result, std::move(body), stream && read.raw);
    result.closed_after_reading = response->is_closed();
    result.io_owner = io_owner_;
    result.response = std::move(response);
    co_return result;
}

void DualClient::run_until(const std::function<bool()>& done) {
    io_.restart();
    while (!done()) {
        if (io_.run_one() == 0 && !done())
            throw std::logic_error("DualClient: the io_context ran out of work before the call completed");
    }
}

Result DualClient::send(rest::HttpRequest request, SendRequestOptions options, ReadOptions read) {
    if (mode_ == RunMode::Sync) return sync_send(*sync_client_, std::move(request), std::move(options), read, got_response_);
    std::optional<Result> result;
    std::exception_ptr failure;
    bool finished = false;
    boost::asio::co_spawn(io_, async_send(std::move(request), std::move(options), read, &got_response_),
                          [&](std::exception_ptr error, Result value) {
                              failure = error;
                              if (!error) result.emplace(std::move(value));
                              finished = true;
                          });
    run_until([&] { return finished; });
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
}

std::vector<Outcome> DualClient::send_all(std::vector<rest::HttpRequest> requests,
                                          const std::function<void()>& while_in_flight, SendRequestOptions options,
                                          ReadOptions read) {
    std::vector<Outcome> outcomes(requests.size());
    std::exception_ptr observer_failure;
    if (mode_ == RunMode::Sync) {
        std::vector<std::future<Result>> futures;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            futures.push_back(std::async(std::launch::async,
                                         [this, request = std::move(requests[i]), options, read, &got = outcomes[i].got_response]() mutable {
                                             return sync_send(*sync_client_, std::move(request), std::move(options), read, got);
                                         }));
        }
        try {
            while_in_flight();
        } catch (...) {
            observer_failure = std::current_exception();
        }
        for (std::size_t i = 0; i < futures.size(); ++i) {
            try {
                outcomes[i].result.emplace(futures[i].get());
            } catch (...) {
                outcomes[i].error = std::current_exception();
            }
        }
    } else {
        std::size_t finished = 0;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            boost::asio::co_spawn(io_, async_send(std::move(requests[i]), options, read, &outcomes[i].got_response),
                                  [&outcomes, &finished, i](std::exception_ptr error, Result value) {
                                      if (error) outcomes[i].error = error;
                                      else outcomes[i].result.emplace(std::move(value));
                                      ++finished;
                                  });
        }
        std::thread observer([&] {
            try {
                while_in_flight();
            } catch (...) {
                observer_failure = std::current_exception();
            }
        });
        JoinOnExit join(observer);
        run_until([&] { return finished == outcomes.size(); });
    }
    if (observer_failure) std::rethrow_exception(observer_failure);
    return outcomes;
}

namespace {

// Binds fd to a free loopback port; returns the address.
sockaddr_in bind_loopback(int fd) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    return address;
}

}  // namespace

std::uint16_t closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    std::uint16_t port = ntohs(bind_loopback(fd).sin_port);
    ::close(fd);
    return port;
}

FullBacklogListener::FullBacklogListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = bind_loopback(fd_);
    ::listen(fd_, 0);
    port_ = ntohs(address.sin_port);
    for (int& filler : fillers_) {
        filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        ::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof address);
    }
}

FullBacklogListener::~FullBacklogListener() {
    for (int filler : fillers_) ::close(filler);
    ::close(fd_);
}

SilentListener::SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    port_ = ntohs(bind_loopback(fd_).sin_port);
    if (::listen(fd_, 64) != 0) throw std::runtime_error("SilentListener: cannot listen on loopback");
}

SilentListener::~SilentListener() { ::close(fd_); }

bool SilentListener::was_connected() {
    const int connection = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) return false;
    ::close(connection);
    return true;
}

namespace {

net::awaitable<Fetched> get(const AsyncPipelineClient* client, std::string url) {
    rest::HttpRequest request("GET", std::move(url));
    std::shared_ptr<rest::AsyncHttpResponse> response = co_await client->send_request(std::move(request));
    Fetched fetched;
    fetched.status_code = response->status_code();
    BytesView body = co_await response->read();
    fetched.body.assign(as_string_view(body));
    co_return fetched;
}

}  // namespace

bool run_io_until(boost::asio::io_context& io, const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        io.restart();
        io.run_for(std::chrono::milliseconds(2));
        // Out of work: what pred waits for happens elsewhere (the server's threads).
        if (io.stopped()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

void spawn_get(boost::asio::io_context& io, const AsyncPipelineClient& client, std::string url, Fetched& into) {
    boost::asio::co_spawn(io, get(&client, std::move(url)), [&into](std::exception_ptr error, Fetched fetched) {
        if (error) into.error = error;
        else into = std::move(fetched);
        into.done = true;
    });
}

}  // namespace azcore::test
