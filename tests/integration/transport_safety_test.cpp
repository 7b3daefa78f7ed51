// The curl transport against hostile servers and bad input, in both faces: only http and https are
// spoken, secrets stay out of messages, errors say what happened, and a per-call deadline bounds
// the whole try.
#include <azcore/exceptions.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>
#include <azcore/transport/async_curl_transport.hpp>
#include <azcore/transport/curl_transport.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <typeinfo>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

/// what() of the exception action throws when its type is exactly E; otherwise what was thrown instead.
template <class E>
std::string message_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& error) {
        if (typeid(error) == typeid(E)) return error.what();
        return std::string("<") + typeid(error).name() + ": " + error.what() + ">";
    }
    return "<no exception>";
}

/// Sends request straight to a fresh CurlTransport or AsyncCurlTransport (no pipeline) and reads the body.
void send_to_transport(RunMode mode, const std::string& url, const options::Kwargs& options = {}) {
    auto request = std::make_shared<HttpRequest>("GET", url);
    if (mode == RunMode::Sync) {
        transport::CurlTransport().send(request, options)->read();
        return;
    }
    boost::asio::io_context io;
    transport::AsyncCurlTransport transport(io.get_executor());
    run_awaitable(io, [&]() -> net::awaitable<void> {
        auto response = co_await transport.async_send(request, options);
        co_await response->read();
    }());
}

class TransportSafetyTest : public ::testing::TestWithParam<RunMode> {
protected:
    /// Sends a GET of path (or URL) and reads the whole body.
    void get(const std::string& path, SendRequestOptions options = {}) { client_.send(HttpRequest("GET", path), std::move(options)); }

    TestServer server_;
    DualClient client_{server_.base_url(), GetParam(), {.read_timeout = 30}};
};

// ------------------------------------------------------------------------------------------
// Schemes

TEST_P(TransportSafetyTest, RejectsSchemesOtherThanHttpAndHttpsBeforeSending) {
    const std::string authority = "127.0.0.1:" + std::to_string(server_.port());
    const std::pair<std::string, std::string> cases[] = {
        {"file://localhost/etc/passwd", "file"},   {"FILE://localhost/etc/hostname", "FILE"},
        {"dict://" + authority + "/info", "dict"}, {"gopher://" + authority + "/_GET%20/echo", "gopher"},
        {"ftp://" + authority + "/", "ftp"},       {"ldap://" + authority + "/", "ldap"},
    };
    for (const auto& [url, scheme] : cases) {
        EXPECT_EQ(message_of<std::invalid_argument>([&, &url = url] { get(url); }),
                  "url: scheme '" + scheme + "' is not http or https")
            << url;
    }
    EXPECT_EQ(server_.connections_accepted(), 0u);
}

TEST_P(TransportSafetyTest, TheTransportItselfRejectsAFileUrlWithoutAHost) {
    EXPECT_EQ(message_of<std::invalid_argument>([&] { send_to_transport(GetParam(), "file:///etc/passwd"); }),
              "url: scheme 'file' is not http or https");
}

TEST_P(TransportSafetyTest, SpeaksHttpInAnyCase) {
    EXPECT_EQ(client_.send(HttpRequest("GET", "HTTP://127.0.0.1:" + std::to_string(server_.port()) + "/echo")).status_code, 200);
}

// ------------------------------------------------------------------------------------------
// Secrets

// Through a client or sent to the transport directly: the same check, the same message, which
// names the offending byte by its offset and does not quote the URL (it may hold a signature).
TEST_P(TransportSafetyTest, AMalformedUrlIsRefusedWithOneMessageThatDoesNotQuoteIt) {
    const std::string url = "https://exa mple.com/c?sv=1&sig=SECRET&se=2";
    const std::string expected = "url: not a valid URL (RFC 3986): SP at offset 11";
    EXPECT_EQ(message_of<std::invalid_argument>([&] { get(url); }), expected);
    EXPECT_EQ(message_of<std::invalid_argument>([&] { send_to_transport(GetParam(), url); }), expected);
    EXPECT_EQ(server_.connections_accepted(), 0u);
}

// ------------------------------------------------------------------------------------------
// Messages that say what happened

TEST_P(TransportSafetyTest, OversizedHeadersAreHeadersTooLarge) {
    // 400 KiB of headers; one header line of 100 MiB; one of 70 KiB, which curl would take but
    // Beast's fields cannot hold (so neither transport takes it).
    for (std::string path : {"/huge-headers?kb=400", "/huge-header-line?mb=100", "/huge-header-line?kb=70"}) {
        EXPECT_EQ(message_of<exceptions::ServiceResponseError>([&] { get(path); }),
                  "The response headers are too large (the limits: 64 KiB for a header line, 300 KiB in all)")
            << path;
    }
    // The client still works afterwards.
    EXPECT_EQ(client_.send(HttpRequest("GET", "/echo")).status_code, 200);
}

TEST_P(TransportSafetyTest, AReadTimeoutWhileHeadersTrickleInSaysSo) {
    std::string message = message_of<exceptions::ServiceResponseTimeoutError>(
        [&] { get("/drip-headers?lines=3&interval_ms=2000", {.kwargs = {{"read_timeout", 0.3}}}); });
    EXPECT_EQ(message, "No data received for 0.3 seconds (read_timeout) while waiting for the response headers");
}

// ------------------------------------------------------------------------------------------
// The per-call deadline

TEST_P(TransportSafetyTest, ADeadlineStopsADrippingBody) {
    const auto start = Clock::now();
    std::string message = message_of<exceptions::ServiceResponseTimeoutError>(
        [&] { get("/drip?bytes=100&interval_ms=100", {.kwargs = {{"deadline", start + 500ms}}}); });
    const auto elapsed = Clock::now() - start;
    EXPECT_EQ(message, "The operation's timeout ran out while receiving the response body");
    EXPECT_GE(elapsed, 500ms);
    EXPECT_LT(elapsed, 5s);
}

TEST_P(TransportSafetyTest, ADeadlineStopsTricklingHeaders) {
    const auto start = Clock::now();
    std::string message = message_of<exceptions::ServiceResponseTimeoutError>(
        [&] { get("/drip-headers?lines=100&interval_ms=100", {.kwargs = {{"deadline", start + 500ms}}}); });
    EXPECT_EQ(message, "The operation's timeout ran out while waiting for the response headers");
    EXPECT_LT(Clock::now() - start, 5s);
}

TEST_P(TransportSafetyTest, ADeadlineBeforeAConnectionIsServiceRequestTimeoutError) {
    FullBacklogListener listener;
    DualClient client("http://127.0.0.1:" + std::to_string(listener.port()), GetParam());
    const auto start = Clock::now();
    std::string message = message_of<exceptions::ServiceRequestTimeoutError>(
        [&] { client.send(HttpRequest("GET", "/echo"), {.kwargs = {{"deadline", start + 300ms}}}); });
    EXPECT_EQ(message, "The operation's timeout ran out while connecting");
    EXPECT_LT(Clock::now() - start, 5s);
}

TEST_P(TransportSafetyTest, AStreamedResponseIsBoundedByTheDeadlineOnlyUntilItsHeaders) {
    Result result = client_.send(HttpRequest("GET", "/drip?bytes=6&interval_ms=100"),
                                 {.stream = true, .kwargs = {{"deadline", Clock::now() + 200ms}}});
    EXPECT_EQ(result.body, testserver::generated_bytes(6));
}

TEST_P(TransportSafetyTest, ADeadlineThatDoesNotRunOutChangesNothing) {
    Result result = client_.send(HttpRequest("GET", "/drip?bytes=3&interval_ms=50"), {.kwargs = {{"deadline", Clock::now() + 30s}}});
    EXPECT_EQ(result.body, testserver::generated_bytes(3));
}

TEST_P(TransportSafetyTest, RejectsADeadlineOfAnotherTypeBeforeSending) {
    EXPECT_EQ(message_of<std::invalid_argument>([&] { get("/echo", {.kwargs = {{"deadline", 5.0}}}); }),
              "deadline: expected a std::chrono::steady_clock::time_point");
    EXPECT_EQ(server_.connections_accepted(), 0u);
}

INSTANTIATE_TEST_SUITE_P(BothModes, TransportSafetyTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const auto& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

}  // namespace
}  // namespace azcore::test
