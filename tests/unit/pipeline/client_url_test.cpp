// The URL a client sends for a request URL, in both faces: a relative URL is joined to the base URL
// as it is, an absolute one is sent as it is, and a URL no request may have is one
// std::invalid_argument with the same message from either client (nothing is sent).
#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/transport/mock_transport.hpp>

#include "support/run_mode.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <string>

namespace azcore {
namespace {

using test::RunMode;
using transport::MockResponse;
using transport::MockTransport;

constexpr const char* base_url = "https://host.example/base";

struct UrlCase {
    std::string url;
    std::string sent;     // the URL the transport got, or empty when refused
    std::string refusal;  // the std::invalid_argument message, when refused
};

std::ostream& operator<<(std::ostream& out, const UrlCase& c) { return out << '"' << c.url << '"'; }

// The URL the transport was asked for, or "refused: <message>".
std::string send(RunMode mode, const std::string& url) {
    auto transport = std::make_shared<MockTransport>([](const transport::RecordedRequest&) { return MockResponse{.status_code = 200}; });
    try {
        if (mode == RunMode::Sync) {
            PipelineClient client(base_url, {.transport = transport, .config = Configuration{}});
            client.send_request(rest::HttpRequest("GET", url));
        } else {
            boost::asio::io_context context;
            AsyncPipelineClient client(base_url, context.get_executor(), {.transport = transport, .config = Configuration{}});
            test::run_awaitable(context, [&]() -> net::awaitable<void> {
                rest::HttpRequest request("GET", url);
                co_await client.send_request(std::move(request));
            }());
        }
    } catch (const std::invalid_argument& error) {
        EXPECT_TRUE(transport->requests().empty()) << "sent although refused";
        return std::string("refused: ") + error.what();
    }
    EXPECT_EQ(transport->requests().size(), 1u);
    return transport->requests().empty() ? "(nothing)" : transport->requests().front().url;
}

class ClientUrlTest : public ::testing::TestWithParam<std::tuple<RunMode, UrlCase>> {};

TEST_P(ClientUrlTest, SendsTheSameUrlOrRefusesItWithTheSameMessageInBothFaces) {
    const auto& [mode, c] = GetParam();
    EXPECT_EQ(send(mode, c.url), c.sent.empty() ? "refused: " + c.refusal : c.sent);
}

const UrlCase cases[] = {
    {"/items", "https://host.example/base/items", ""},
    {"items?x=1", "https://host.example/base/items?x=1", ""},
    {"", "https://host.example/base", ""},
    {"//other.example/x", "https://host.example/base/other.example/x", ""},  // no scheme: relative, as Python's urlparse says
    {"https://other.example/a?b=c#frag", "https://other.example/a?b=c#frag", ""},
    {"HTTP://other.example/a", "HTTP://other.example/a", ""},
    {"http://[::1]:8080/x", "http://[::1]:8080/x", ""},
    {"items/a%20b", "https://host.example/base/items/a%20b", ""},
    // A placeholder is not filled or dropped by send_request (it has no arguments): refused.
    {"http://host/items/{id}", "", "url: not a valid URL (RFC 3986): '{' at offset 18"},
    {"items/{id}", "", "url: not a valid URL (RFC 3986): '{' at offset 32"},
    {"a b", "", "url: not a valid URL (RFC 3986): SP at offset 27"},
    {"items/%zz", "", "url: not a valid URL (RFC 3986)"},
    {"ftp://host/x", "", "url: scheme 'ftp' is not http or https"},
    // No network location: not absolute by Python's test either, so it is joined like a path.
    {"https:///x", "https://host.example/base/https:///x", ""},
};

INSTANTIATE_TEST_SUITE_P(Table, ClientUrlTest,
                         ::testing::Combine(::testing::Values(RunMode::Sync, RunMode::Async), ::testing::ValuesIn(cases)));

}  // namespace
}  // namespace azcore
