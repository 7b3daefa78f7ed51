// Sync/async parity: every test-server route CurlTransport is tested against and every row of the
// error table (DESIGN.md), run through both faces. Each case is written once, as a function that
// arranges a server, acts through a DualClient in the given mode and returns what it observed:
// every call's response or exception, every request the server received, and named facts.
// ParityTest runs each case in both modes and asserts what a user relies on; SyncAndAsyncAgree
// runs each case in both modes side by side and compares the two observations field by field.
#include <azcore/exceptions.hpp>
#include <azcore/rest/body_stream.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/testserver/test_server.hpp>

#include "support/dual_client.hpp"
#include "support/run_mode.hpp"
#include "support/temp_dir.hpp"
#include "support/test_transport.hpp"
#include "../../testserver/src/compression.hpp"
#include "../../testserver/src/sha256.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>
#include <boost/system/system_error.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cxxabi.h>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <memory>
#include <optional>
#include <regex>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <vector>

namespace azcore::test {
namespace {

using rest::HttpRequest;
using testserver::TestServer;
using namespace std::chrono_literals;

// ------------------------------------------------------------------------------------------
// Observations.

std::string demangled(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

/// An exception as a user sees it: its exact dynamic type and the fields they would inspect.
struct ErrorSeen {
    std::type_index type = typeid(void);
    std::string type_name{};
    std::optional<int> status_code{};
    /// error_code() of an AzureError, code() of a system_error; empty category when there is none.
    std::string category{};
    int code = 0;
    std::string what{};
};

std::ostream& operator<<(std::ostream& out, const ErrorSeen& error) {
    return out << error.type_name << " [" << error.category << ":" << error.code << "]: " << error.what;
}

void note_code(ErrorSeen& seen, const std::error_code& code) {
    if (!code) return;
    seen.category = code.category().name();
    seen.code = code.value();
}

ErrorSeen error_seen(const std::exception_ptr& error) {
    ErrorSeen seen;
    auto note = [&](const std::exception& e) {
        seen.type = typeid(e);
        seen.type_name = demangled(typeid(e));
        seen.what = e.what();
    };
    try {
        std::rethrow_exception(error);
    } catch (const exceptions::HttpResponseError& e) {
        note(e);
        seen.status_code = e.status_code();
        note_code(seen, e.error_code());
    } catch (const exceptions::AzureError& e) {
        note(e);
        note_code(seen, e.error_code());
    } catch (const boost::system::system_error& e) {
        note(e);
        seen.category = e.code().category().name();
        seen.code = e.code().value();
    } catch (const std::exception& e) {
        note(e);
    } catch (...) {
        seen.type_name = "<not a std::exception>";
    }
    return seen;
}

/// One call: the response read to its end, or the exception it ended with.
struct Step {
    std::optional<Result> result{};
    std::optional<ErrorSeen> error{};
    /// send_request returned a response: an error came while reading the body.
    bool got_response = false;
};

/// What one case saw in one mode.
struct Observation {
    RunMode mode = RunMode::Sync;
    std::vector<Step> steps{};
    /// Every request the watched servers received, in order (server by server).
    std::vector<testserver::RecordedRequest> sent{};
    std::map<std::string, std::string> facts{};
    /// Ports of the servers involved: they differ between runs and are masked when comparing.
    std::vector<std::uint16_t> ports{};

    const Result& result(std::size_t i) const {
        if (i >= steps.size()) throw std::out_of_range("no step " + std::to_string(i));
        if (!steps[i].result) {
            std::ostringstream message;
            message << "step " << i << " (" << mode << "): expected a response, got " << *steps[i].error;
            throw std::runtime_error(message.str());
        }
        return *steps[i].result;
    }
    const ErrorSeen& error(std::size_t i) const {
        if (i >= steps.size()) throw std::out_of_range("no step " + std::to_string(i));
        if (!steps[i].error)
            throw std::runtime_error("step " + std::to_string(i) + ": expected an exception, got status " +
                                     std::to_string(steps[i].result->status_code));
        return *steps[i].error;
    }
    const std::string& fact(const std::string& name) const { return facts.at(name); }
};

/// Records the steps of a case.
class Recorder {
public:
    Recorder(RunMode mode, std::vector<const TestServer*> servers = {}) : servers_(std::move(servers)) {
        seen_.mode = mode;
        for (const TestServer* server : servers_) seen_.ports.push_back(server->port());
    }
    void mask_port(std::uint16_t port) { seen_.ports.push_back(port); }

    void send(DualClient& client, HttpRequest request, SendRequestOptions options = {}, ReadOptions read = {}) {
        Step step;
        try {
            step.result = client.send(std::move(request), std::move(options), read);
        } catch (...) {
            step.error = error_seen(std::current_exception());
        }
        step.got_response = client.got_response();
        seen_.steps.push_back(std::move(step));
    }

    void send_all(DualClient& client, std::vector<HttpRequest> requests, const std::function<void()>& while_in_flight,
                  SendRequestOptions options = {}) {
        for (Outcome& outcome : client.send_all(std::move(requests), while_in_flight, std::move(options))) {
            Step step;
            if (outcome.error) step.error = error_seen(outcome.error);
            else step.result = std::move(outcome.result);
            step.got_response = outcome.got_response;
            seen_.steps.push_back(std::move(step));
        }
    }

    void fact(const std::string& name, std::string value) { seen_.facts[name] = std::move(value); }
    void fact(const std::string& name, bool value) { fact(name, std::string(value ? "true" : "false")); }
    void fact(const std::string& name, std::size_t value) { fact(name, std::to_string(value)); }

    /// The observation, with what the servers received.
    Observation finish() {
        for (const TestServer* server : servers_)
            for (auto& request : server->requests()) seen_.sent.push_back(std::move(request));
        return std::move(seen_);
    }

private:
    std::vector<const TestServer*> servers_;
    Observation seen_;
};

boost::json::object echo_of(const Result& result) { return boost::json::parse(result.body).as_object(); }

std::string header_sent(const boost::json::object& echo, const char* name) {
    const auto& headers = echo.at("headers").as_object();
    auto it = headers.find(name);
    return it == headers.end() ? std::string("<absent>") : std::string(it->value().as_string());
}

template <class Expected>
void expect_exactly(const ErrorSeen& error) {
    EXPECT_EQ(error.type, std::type_index(typeid(Expected))) << "expected " << demangled(typeid(Expected)) << ", got " << error;
}

// A row of the error table: the exact type, carrying the transport's error code (api.md: "Transport
// errors carry the std::error_code they came from": category curl over the curl transports; the
// socket's, TLS's or Beast's over the Beast ones).
template <class Expected>
void expect_transport_error(const ErrorSeen& error) {
    expect_exactly<Expected>(error);
    if (test_transport() == TestTransport::Curl) EXPECT_EQ(error.category, "curl") << "no curl error_code on " << error;
    else EXPECT_FALSE(error.category.empty() || error.category == "curl") << "no transport error_code on " << error;
}

std::vector<HttpRequest> copies(const HttpRequest& request, int count) { return std::vector<HttpRequest>(count, request); }

// ------------------------------------------------------------------------------------------
// The cases, each written once.

Observation sends_method_path_query_and_headers_exactly(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/echo", {.params = {{"api-version", "2024-01-01"}, {"tag", std::vector<std::string>{"a b", "c"}}},
                                                .headers = {{"X-Custom", "Value"}, {"x-ms-client-request-id", "id-1"}}}));
    return r.finish();
}

Observation sends_a_query_without_a_path_to_the_root(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", server.base_url() + "?x=1"));
    return r.finish();
}

Observation a_requests_own_accept_encoding_replaces_the_default(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/echo", {.headers = {{"accept-encoding", "identity"}}}));
    return r.finish();
}

Observation sends_bytes_and_json_bodies_with_only_their_own_headers(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("POST", "/echo", {.content = to_bytes(std::string("\x00\x01raw", 5))}));
    r.send(client, HttpRequest("PUT", "/echo", {.json = boost::json::value{{"name", "x"}}}));
    return r.finish();
}

Observation post_without_body_sends_content_length_zero_and_delete_sends_none(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("POST", "/echo"));
    r.send(client, HttpRequest("DELETE", "/echo"));
    return r.finish();
}

Observation head_returns_headers_without_a_body(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("HEAD", "/bytes/1000"));
    return r.finish();
}

constexpr std::size_t upload_size = 3 * 1024 * 1024 + 17;

Observation streams_an_upload_from_a_file_with_its_length(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    TempDir dir;
    std::ofstream(dir.file("upload.bin"), std::ios::binary) << testserver::generated_bytes(upload_size);
    r.send(client, HttpRequest("PUT", "/upload", {.content = std::make_shared<rest::FileStream>(dir.file("upload.bin"))}));
    return r.finish();
}

// A body held in memory larger than the socket's send buffer: the write that does not wait takes
// part of it (the async Beast transport), and the rest goes in writes that wait; then a small one
// whose write takes it all.
constexpr std::size_t large_body_size = 16 * 1024 * 1024 + 5;

Observation sends_a_16_mib_body_held_in_memory_whole(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    const std::string body = testserver::generated_bytes(large_body_size);
    r.send(client, HttpRequest("PUT", "/upload", {.content = Bytes(body.begin(), body.end())}));
    r.send(client, HttpRequest("PUT", "/upload", {.content = Bytes(body.begin(), body.begin() + 100)}));
    r.fact("connections accepted", server.connections_accepted());
    return r.finish();
}

Observation streams_an_upload_of_unknown_length_chunked(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    int produced = 0;
    auto generator = std::make_shared<rest::GeneratorStream>([&]() -> std::optional<Bytes> {
        if (produced == 4) return std::nullopt;
        ++produced;
        return Bytes(1000, static_cast<std::uint8_t>('a' + produced));
    });
    r.send(client, HttpRequest("POST", "/upload", {.content = generator}));
    return r.finish();
}

Observation keeps_one_connection_alive_across_five_requests(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    for (int i = 0; i < 5; ++i) r.send(client, HttpRequest("GET", "/echo"));
    r.fact("connections accepted", server.connections_accepted());
    return r.finish();
}

Observation returns_a_404_with_its_odata_error_as_a_response(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/status/404", {.params = {{"reason", "Nope"}, {"body", R"({"error":{"code":"Missing","message":"gone"}})"}}}));
    return r.finish();
}

constexpr std::size_t download_size = 8 * 1024 * 1024 + 3;

Observation streams_an_8_mib_download_in_chunks_of_at_most_64_kib(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/bytes/" + std::to_string(download_size)), {.stream = true}, {.chunk_size = 65536});
    return r.finish();
}

// Small chunks of a large body: most chunks come from bytes already read, and the reads that fill
// their room are followed by reads that do not wait (the async Beast transport).
Observation streams_an_8_mib_download_in_chunks_of_at_most_4_kib(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    const std::string path = "/bytes/" + std::to_string(download_size);
    r.send(client, HttpRequest("GET", path), {.stream = true}, {.chunk_size = 4096});
    r.send(client, HttpRequest("GET", path), {.stream = true}, {.raw = true, .chunk_size = 4096});
    r.fact("connections accepted", server.connections_accepted());
    return r.finish();
}

Observation default_chunk_size_is_the_connection_data_block_size(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode, {.connection_data_block_size = 1000});
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/bytes/5000"), {.stream = true}, {.raw = true});
    r.send(client, HttpRequest("GET", "/bytes/5000"), {.stream = true});
    return r.finish();
}

const std::vector<std::string> codings = {"gzip", "deflate", "br", "zstd"};

// Per coding: decoded in 4 KiB chunks, raw, and read whole.
Observation decodes_each_content_coding_and_keeps_the_raw_bytes_as_sent(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    for (const std::string& coding : codings) {
        const std::string path = "/encoding/" + coding + "?size=300000";
        r.send(client, HttpRequest("GET", path), {.stream = true}, {.chunk_size = 4096});
        r.send(client, HttpRequest("GET", path), {.stream = true}, {.raw = true});
        r.send(client, HttpRequest("GET", path));
    }
    return r.finish();
}

Observation corrupt_compressed_body_is_decode_error(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    for (const std::string& coding : codings) r.send(client, HttpRequest("GET", "/encoding/corrupt/" + coding));
    return r.finish();
}

Observation connection_refused_is_service_request_error(RunMode mode) {
    std::uint16_t port = closed_port();
    DualClient client("http://127.0.0.1:" + std::to_string(port), mode);
    Recorder r(mode);
    r.mask_port(port);
    r.send(client, HttpRequest("GET", "/echo"));
    return r.finish();
}

Observation connect_timeout_is_service_request_timeout_error(RunMode mode) {
    FullBacklogListener listener;
    DualClient client("http://127.0.0.1:" + std::to_string(listener.port()), mode, {.connection_timeout = 0.3});
    Recorder r(mode);
    r.mask_port(listener.port());
    auto start = std::chrono::steady_clock::now();
    r.send(client, HttpRequest("GET", "/echo"));
    r.fact("gave up within 3 s", std::chrono::steady_clock::now() - start < 3s);
    return r.finish();
}

// One request to path on a fresh server.
Observation one_get(RunMode mode, const std::string& path, transport::ConnectionConfiguration config = {},
                    SendRequestOptions options = {}) {
    TestServer server;
    DualClient client(server.base_url(), mode, std::move(config));
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", path), std::move(options));
    return r.finish();
}

Observation reset_before_the_status_line_is_service_response_error(RunMode mode) { return one_get(mode, "/reset/before-status"); }
Observation eof_before_the_status_line_is_service_response_error(RunMode mode) { return one_get(mode, "/close/before-status"); }
Observation reset_inside_the_headers_is_service_response_error(RunMode mode) { return one_get(mode, "/reset/mid-headers"); }
Observation invalid_status_line_is_service_response_error(RunMode mode) { return one_get(mode, "/invalid-status"); }
Observation oversized_headers_are_service_response_error(RunMode mode) { return one_get(mode, "/huge-headers?kb=400"); }

Observation no_byte_before_read_timeout_is_service_response_timeout_error(RunMode mode) {
    return one_get(mode, "/delay/3000", {}, {.kwargs = {{"read_timeout", 0.3}}});
}
Observation no_byte_inside_the_body_for_read_timeout_is_service_response_timeout_error(RunMode mode) {
    return one_get(mode, "/stall?bytes=1000&after=10", {.read_timeout = 0.3});
}
Observation slow_drip_within_read_timeout_succeeds(RunMode mode) {
    return one_get(mode, "/drip?bytes=5&interval_ms=50", {.read_timeout = 1});
}
Observation per_call_options_override_the_configuration(RunMode mode) {
    return one_get(mode, "/delay/400", {.read_timeout = 0.2}, {.kwargs = {{"read_timeout", 5}}});
}
Observation body_shorter_than_content_length_is_incomplete_read_error(RunMode mode) {
    return one_get(mode, "/short?declared=1000&actual=10");
}
Observation chunked_body_cut_off_is_incomplete_read_error(RunMode mode) { return one_get(mode, "/chunked-cut?bytes=5000"); }
Observation reset_inside_the_body_is_incomplete_read_error(RunMode mode) { return one_get(mode, "/reset/mid-body"); }
Observation streamed_body_cut_off_raises_incomplete_read_error_while_iterating(RunMode mode) {
    return one_get(mode, "/short?declared=100000&actual=5000", {}, {.stream = true});
}

Observation rejects_bad_option_values_before_sending(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/echo"), {.kwargs = {{"read_timeout", -1}}});
    r.send(client, HttpRequest("GET", "/echo"), {.kwargs = {{"connection_verify", 3}}});
    return r.finish();
}

// TLS: a fresh self-signed server certificate per run.
struct TlsSetup {
    TempDir dir{};
    testserver::CertificateFiles cert = testserver::make_self_signed_certificate(dir.path().string());
};

Observation untrusted_certificate_is_service_request_error(RunMode mode) {
    TlsSetup tls;
    TestServer server({.tls = testserver::TlsFiles{tls.cert.cert_file, tls.cert.key_file}});
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/echo"));
    return r.finish();
}

Observation connection_verify_takes_a_ca_bundle_or_false(RunMode mode) {
    TlsSetup tls;
    TestServer server({.tls = testserver::TlsFiles{tls.cert.cert_file, tls.cert.key_file}});
    Recorder r(mode, {&server});
    DualClient with_bundle(server.base_url(), mode, {.connection_verify = tls.cert.cert_file});
    r.send(with_bundle, HttpRequest("GET", "/echo"));
    DualClient unverified(server.base_url(), mode, {.connection_verify = false});
    r.send(unverified, HttpRequest("GET", "/echo"));
    DualClient per_call(server.base_url(), mode);
    r.send(per_call, HttpRequest("GET", "/echo"), {.kwargs = {{"connection_verify", tls.cert.cert_file}}});
    return r.finish();
}

Observation presents_a_client_certificate_and_fails_without_one(RunMode mode) {
    TlsSetup tls;
    auto client_cert = testserver::make_client_certificate(tls.dir.path().string());
    TestServer server({.tls = testserver::TlsFiles{tls.cert.cert_file, tls.cert.key_file, client_cert.ca_file}});
    Recorder r(mode, {&server});
    DualClient with_cert(server.base_url(), mode,
                         {.connection_verify = tls.cert.cert_file,
                          .connection_cert = transport::ConnectionCert{client_cert.cert_file, client_cert.key_file}});
    r.send(with_cert, HttpRequest("GET", "/echo"));
    DualClient without(server.base_url(), mode, {.connection_verify = tls.cert.cert_file});
    r.send(without, HttpRequest("GET", "/echo"));
    return r.finish();
}

// The test server stands in for a proxy: it records the absolute-form target a proxied request
// carries, and refuses CONNECT (so an https request through it is a proxy failure).
Observation proxies_send_the_plain_http_request_to_the_proxy(RunMode mode) {
    TestServer server;
    Recorder r(mode, {&server});
    DualClient configured("http://service.invalid", mode, {.proxies = {{"http", server.base_url()}}});
    r.send(configured, HttpRequest("GET", "/echo?x=1"));
    DualClient per_call("http://service.invalid", mode, {.use_env_settings = false});
    r.send(per_call, HttpRequest("GET", "/echo"),
           {.kwargs = {{"proxies", std::map<std::string, std::string>{{"http://service.invalid", server.base_url()}}}}});
    return r.finish();
}

Observation proxy_connect_failure_is_service_request_error(RunMode mode) {
    TestServer server;
    DualClient client("https://service.invalid", mode, {.proxies = {{"https", server.base_url()}}});
    Recorder r(mode, {&server});
    r.send(client, HttpRequest("GET", "/echo"));
    return r.finish();
}

Observation concurrent_requests_run_at_once_on_separate_connections(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode);
    Recorder r(mode, {&server});
    bool all_held = false;
    r.send_all(client, copies(HttpRequest("GET", "/hold"), 6), [&] {
        all_held = server.wait_until([&] { return server.held_now() == 6; }, 10s);
        server.release_held();
    });
    r.fact("six held at once", all_held);
    r.fact("held peak", server.held_peak());
    r.fact("at least six connections open at once", server.peak_open_connections() >= 6);
    return r.finish();
}

Observation connection_limit_makes_excess_requests_wait_instead_of_failing(RunMode mode) {
    TestServer server;
    DualClient client(server.base_url(), mode, {.max_connections_per_host = 2});
    Recorder r(mode, {&server});
    bool two_held = false;
    bool more_held = true;
    r.send_all(client, copies(HttpRequest("GET", "/hold"), 5), [&] {
        two_held = server.wait_until([&] { return server.held_now() == 2; }, 10s);
        // The three others wait in the client: the server never sees more than two at once.
        more_held = server.wait_until([&] { return server.held_now() > 2; }, 200ms);
        server.release_held();
    });
    r.fact("two held at once", two_held);
    r.fact("more than two held at once", more_held);
    r.fact("held peak", server.held_peak());
    return r.finish();
}

Observation total_connection_limit_applies_across_hosts(RunMode mode) {
    TestServer first;
    TestServer second;
    DualClient client(first.base_url(), mode, {.max_connections = 3});
    Recorder r(mode, {&first, &second});
    std::vector<HttpRequest> requests;
    for (int i = 0; i < 4; ++i) requests.emplace_back("GET", (i % 2 ? second.base_url() : first.base_url()) + "/hold");
    auto held = [&] { return first.held_now() + second.held_now(); };
    bool three_held = false;
    bool more_held = true;
    r.send_all(client, std::move(requests), [&] {
        three_held = first.wait_until([&] { return held() == 3; }, 10s);
        more_held = first.wait_until([&] { return held() > 3; }, 200ms);
        first.release_held();
        second.release_held();
    });
    r.fact("three held at once", three_held);
    r.fact("more than three held at once", more_held);
    return r.finish();
}

// ------------------------------------------------------------------------------------------
// What a user relies on, asserted in each mode.

class ParityTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(ParityTest, SendsMethodPathQueryAndHeadersExactly) {
    auto seen = sends_method_path_query_and_headers_exactly(GetParam());
    const Result& result = seen.result(0);
    ASSERT_EQ(result.status_code, 200);
    EXPECT_EQ(result.reason, "OK");
    EXPECT_EQ(result.http_version, "1.1");
    EXPECT_TRUE(result.read_by_send);
    auto echo = echo_of(result);
    EXPECT_EQ(echo.at("method"), "GET");
    EXPECT_EQ(echo.at("path"), "/echo");
    EXPECT_EQ(echo.at("query").as_string(), "api-version=2024-01-01&tag=a%20b&tag=c");
    EXPECT_EQ(header_sent(echo, "x-custom"), "Value");
    EXPECT_EQ(header_sent(echo, "x-ms-client-request-id"), "id-1");
    EXPECT_EQ(header_sent(echo, "content-type"), "<absent>");
    EXPECT_EQ(header_sent(echo, "content-length"), "<absent>");
    // Every coding the response decodes.
    EXPECT_EQ(header_sent(echo, "accept-encoding"), "deflate, gzip, br, zstd");
    ASSERT_EQ(seen.sent.size(), 1u);
    EXPECT_EQ(seen.sent[0].target, "/echo?api-version=2024-01-01&tag=a%20b&tag=c");
}

// An origin-form target (RFC 9112 §3.2.1) always starts with "/", as urllib3 sends it.
TEST_P(ParityTest, AUrlWithAQueryAndNoPathSendsTheRootPath) {
    auto seen = sends_a_query_without_a_path_to_the_root(GetParam());
    ASSERT_EQ(seen.sent.size(), 1u);
    EXPECT_EQ(seen.sent[0].target, "/?x=1");
}

TEST_P(ParityTest, ARequestsOwnAcceptEncodingReplacesTheDefault) {
    auto seen = a_requests_own_accept_encoding_replaces_the_default(GetParam());
    ASSERT_EQ(seen.sent.size(), 1u);
    std::vector<std::string> sent;
    for (const auto& [name, value] : seen.sent[0].headers)
        if (boost::algorithm::iequals(name, "accept-encoding")) sent.push_back(value);
    EXPECT_EQ(sent, std::vector<std::string>{"identity"});
}

TEST_P(ParityTest, SendsBytesAndJsonBodiesWithOnlyTheirOwnHeaders) {
    auto seen = sends_bytes_and_json_bodies_with_only_their_own_headers(GetParam());
    auto bytes = echo_of(seen.result(0));
    EXPECT_EQ(bytes.at("body_base64"), "AAFyYXc=");
    EXPECT_EQ(header_sent(bytes, "content-length"), "5");
    EXPECT_EQ(header_sent(bytes, "content-type"), "<absent>");
    EXPECT_EQ(header_sent(bytes, "expect"), "<absent>");
    auto json = echo_of(seen.result(1));
    EXPECT_EQ(json.at("method"), "PUT");
    EXPECT_EQ(json.at("body"), R"({"name":"x"})");
    EXPECT_EQ(header_sent(json, "content-type"), "application/json");
}

TEST_P(ParityTest, PostWithoutBodySendsContentLengthZeroAndDeleteSendsNone) {
    auto seen = post_without_body_sends_content_length_zero_and_delete_sends_none(GetParam());
    EXPECT_EQ(header_sent(echo_of(seen.result(0)), "content-length"), "0");
    auto del = echo_of(seen.result(1));
    EXPECT_EQ(del.at("method"), "DELETE");
    EXPECT_EQ(header_sent(del, "content-length"), "<absent>");
}

TEST_P(ParityTest, HeadReturnsHeadersWithoutABody) {
    auto seen = head_returns_headers_without_a_body(GetParam());
    const Result& result = seen.result(0);
    EXPECT_EQ(result.status_code, 200);
    EXPECT_EQ(result.headers.get("Content-Length"), "1000");
    EXPECT_TRUE(result.body.empty());
}

TEST_P(ParityTest, StreamsAnUploadFromAFileWithItsLength) {
    auto seen = streams_an_upload_from_a_file_with_its_length(GetParam());
    auto echo = echo_of(seen.result(0));
    EXPECT_EQ(echo.at("length"), static_cast<std::int64_t>(upload_size));
    EXPECT_EQ(echo.at("chunked"), false);
    EXPECT_EQ(echo.at("content_length").as_string(), std::to_string(upload_size));
    ASSERT_EQ(seen.sent.size(), 1u);
    EXPECT_EQ(seen.sent[0].body, testserver::generated_bytes(upload_size).substr(0, seen.sent[0].body.size()));
}

std::string sha256_of(std::string_view bytes) {
    testserver::detail::Sha256 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

TEST_P(ParityTest, SendsA16MiBBodyHeldInMemoryWhole) {
    auto seen = sends_a_16_mib_body_held_in_memory_whole(GetParam());
    const std::string body = testserver::generated_bytes(large_body_size);
    auto large = echo_of(seen.result(0));
    EXPECT_EQ(large.at("length"), static_cast<std::int64_t>(large_body_size));
    EXPECT_EQ(large.at("content_length").as_string(), std::to_string(large_body_size));
    EXPECT_EQ(large.at("sha256").as_string(), sha256_of(body));
    auto small = echo_of(seen.result(1));
    EXPECT_EQ(small.at("length"), 100);
    EXPECT_EQ(small.at("sha256").as_string(), sha256_of(std::string_view(body).substr(0, 100)));
    EXPECT_EQ(seen.fact("connections accepted"), "1");
}

TEST_P(ParityTest, StreamsAnUploadOfUnknownLengthChunked) {
    auto seen = streams_an_upload_of_unknown_length_chunked(GetParam());
    auto echo = echo_of(seen.result(0));
    EXPECT_EQ(echo.at("length"), 4000);
    EXPECT_EQ(echo.at("chunked"), true);
    ASSERT_EQ(seen.sent.size(), 1u);
    EXPECT_EQ(seen.sent[0].body, std::string(1000, 'b') + std::string(1000, 'c') + std::string(1000, 'd') + std::string(1000, 'e'));
}

TEST_P(ParityTest, KeepsOneConnectionAliveAcrossFiveRequests) {
    auto seen = keeps_one_connection_alive_across_five_requests(GetParam());
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(seen.result(i).status_code, 200);
    EXPECT_EQ(seen.fact("connections accepted"), "1");
}

TEST_P(ParityTest, ReturnsA404WithItsODataErrorAsAResponse) {
    auto seen = returns_a_404_with_its_odata_error_as_a_response(GetParam());
    const Result& result = seen.result(0);
    EXPECT_EQ(result.status_code, 404);
    EXPECT_EQ(result.reason, "Nope");
    try {
        result.response->raise_for_status();
        FAIL() << "raise_for_status did not throw";
    } catch (const exceptions::HttpResponseError& error) {
        EXPECT_EQ(std::type_index(typeid(error)), std::type_index(typeid(exceptions::HttpResponseError)));
        EXPECT_EQ(error.status_code(), 404);
        ASSERT_NE(error.error(), nullptr);
        EXPECT_EQ(error.error()->code(), "Missing");
    }
}

TEST_P(ParityTest, StreamsAn8MiBDownloadInChunksOfAtMost64KiB) {
    auto seen = streams_an_8_mib_download_in_chunks_of_at_most_64_kib(GetParam());
    const Result& result = seen.result(0);
    std::size_t total = 0;
    for (std::size_t size : result.chunk_sizes) {
        EXPECT_LE(size, 65536u);
        total += size;
    }
    EXPECT_EQ(total, download_size);
    EXPECT_TRUE(result.body == testserver::generated_bytes(download_size)) << "the downloaded bytes differ";
    EXPECT_TRUE(result.closed_after_reading);
}

TEST_P(ParityTest, StreamsAn8MiBDownloadInChunksOfAtMost4KiB) {
    auto seen = streams_an_8_mib_download_in_chunks_of_at_most_4_kib(GetParam());
    for (std::size_t i = 0; i < 2; ++i) {
        const Result& result = seen.result(i);
        EXPECT_GE(result.chunk_sizes.size(), download_size / 4096 + 1);
        EXPECT_EQ(*std::max_element(result.chunk_sizes.begin(), result.chunk_sizes.end()), 4096u);
        EXPECT_EQ(std::accumulate(result.chunk_sizes.begin(), result.chunk_sizes.end(), std::size_t{0}), download_size);
        EXPECT_TRUE(result.closed_after_reading);
    }
    EXPECT_TRUE(seen.result(0).body == testserver::generated_bytes(download_size)) << "the downloaded bytes differ";
    EXPECT_TRUE(seen.result(1).raw_body == testserver::generated_bytes(download_size)) << "the raw bytes differ";
    EXPECT_EQ(seen.fact("connections accepted"), "1");
}

TEST_P(ParityTest, DefaultChunkSizeIsTheConnectionDataBlockSize) {
    auto seen = default_chunk_size_is_the_connection_data_block_size(GetParam());
    for (std::size_t i = 0; i < 2; ++i) {
        const Result& result = seen.result(i);
        EXPECT_FALSE(result.chunk_sizes.empty());
        for (std::size_t size : result.chunk_sizes) EXPECT_LE(size, 1000u);
    }
    EXPECT_EQ(seen.result(0).raw_body, testserver::generated_bytes(5000));
    EXPECT_EQ(seen.result(1).body, testserver::generated_bytes(5000));
}

TEST_P(ParityTest, DecodesEachContentCodingAndKeepsTheRawBytesAsSent) {
    auto seen = decodes_each_content_coding_and_keeps_the_raw_bytes_as_sent(GetParam());
    const std::string text = testserver::generated_text(300000);
    for (std::size_t i = 0; i < codings.size(); ++i) {
        SCOPED_TRACE(codings[i]);
        const Result& decoded = seen.result(3 * i);
        EXPECT_TRUE(decoded.body == text) << "decoded body of " << decoded.body.size() << " bytes differs";
        for (std::size_t size : decoded.chunk_sizes) EXPECT_LE(size, 4096u);
        const Result& raw = seen.result(3 * i + 1);
        EXPECT_EQ(raw.headers.get("Content-Encoding"), codings[i]);
        EXPECT_TRUE(raw.raw_body == testserver::detail::compress(text, codings[i])) << "raw bytes differ from what was sent";
        EXPECT_TRUE(seen.result(3 * i + 2).body == text) << "read() body differs";
    }
}

TEST_P(ParityTest, CorruptCompressedBodyIsDecodeError) {
    auto seen = corrupt_compressed_body_is_decode_error(GetParam());
    for (std::size_t i = 0; i < codings.size(); ++i) {
        SCOPED_TRACE(codings[i]);
        expect_exactly<exceptions::DecodeError>(seen.error(i));
        EXPECT_EQ(seen.error(i).status_code, 200);
    }
}

TEST_P(ParityTest, ConnectionRefusedIsServiceRequestError) {
    expect_transport_error<exceptions::ServiceRequestError>(connection_refused_is_service_request_error(GetParam()).error(0));
}

TEST_P(ParityTest, ConnectTimeoutIsServiceRequestTimeoutError) {
    auto seen = connect_timeout_is_service_request_timeout_error(GetParam());
    expect_transport_error<exceptions::ServiceRequestTimeoutError>(seen.error(0));
    EXPECT_EQ(seen.fact("gave up within 3 s"), "true");
}

TEST_P(ParityTest, ResetBeforeTheStatusLineIsServiceResponseError) {
    expect_transport_error<exceptions::ServiceResponseError>(reset_before_the_status_line_is_service_response_error(GetParam()).error(0));
}

TEST_P(ParityTest, EofBeforeTheStatusLineIsServiceResponseError) {
    expect_transport_error<exceptions::ServiceResponseError>(eof_before_the_status_line_is_service_response_error(GetParam()).error(0));
}

TEST_P(ParityTest, ResetInsideTheHeadersIsServiceResponseError) {
    expect_transport_error<exceptions::ServiceResponseError>(reset_inside_the_headers_is_service_response_error(GetParam()).error(0));
}

TEST_P(ParityTest, InvalidStatusLineIsServiceResponseError) {
    expect_transport_error<exceptions::ServiceResponseError>(invalid_status_line_is_service_response_error(GetParam()).error(0));
}

TEST_P(ParityTest, OversizedHeadersAreServiceResponseError) {
    expect_transport_error<exceptions::ServiceResponseError>(oversized_headers_are_service_response_error(GetParam()).error(0));
}

TEST_P(ParityTest, NoByteBeforeReadTimeoutIsServiceResponseTimeoutError) {
    expect_transport_error<exceptions::ServiceResponseTimeoutError>(
        no_byte_before_read_timeout_is_service_response_timeout_error(GetParam()).error(0));
}

TEST_P(ParityTest, NoByteInsideTheBodyForReadTimeoutIsServiceResponseTimeoutError) {
    expect_transport_error<exceptions::ServiceResponseTimeoutError>(
        no_byte_inside_the_body_for_read_timeout_is_service_response_timeout_error(GetParam()).error(0));
}

TEST_P(ParityTest, SlowDripWithinReadTimeoutSucceeds) {
    EXPECT_EQ(slow_drip_within_read_timeout_succeeds(GetParam()).result(0).body, testserver::generated_bytes(5));
}

TEST_P(ParityTest, PerCallOptionsOverrideTheConfiguration) {
    EXPECT_EQ(per_call_options_override_the_configuration(GetParam()).result(0).status_code, 200);
}

TEST_P(ParityTest, BodyShorterThanContentLengthIsIncompleteReadError) {
    auto seen = body_shorter_than_content_length_is_incomplete_read_error(GetParam());
    expect_transport_error<exceptions::IncompleteReadError>(seen.error(0));
    EXPECT_FALSE(seen.steps[0].got_response) << "a non-streamed body is read by send_request";
}

TEST_P(ParityTest, ChunkedBodyCutOffIsIncompleteReadError) {
    auto seen = chunked_body_cut_off_is_incomplete_read_error(GetParam());
    expect_transport_error<exceptions::IncompleteReadError>(seen.error(0));
    EXPECT_FALSE(seen.steps[0].got_response) << "a non-streamed body is read by send_request";
}

TEST_P(ParityTest, ResetInsideTheBodyIsIncompleteReadError) {
    auto seen = reset_inside_the_body_is_incomplete_read_error(GetParam());
    expect_transport_error<exceptions::IncompleteReadError>(seen.error(0));
    EXPECT_FALSE(seen.steps[0].got_response) << "a non-streamed body is read by send_request";
}

TEST_P(ParityTest, StreamedBodyCutOffRaisesIncompleteReadErrorWhileIterating) {
    auto seen = streamed_body_cut_off_raises_incomplete_read_error_while_iterating(GetParam());
    expect_transport_error<exceptions::IncompleteReadError>(seen.error(0));
    EXPECT_TRUE(seen.steps[0].got_response) << "send_request returned; the error came while iterating";
}

TEST_P(ParityTest, RejectsBadOptionValuesBeforeSending) {
    auto seen = rejects_bad_option_values_before_sending(GetParam());
    expect_exactly<std::invalid_argument>(seen.error(0));
    expect_exactly<std::invalid_argument>(seen.error(1));
    EXPECT_TRUE(seen.sent.empty());
}

TEST_P(ParityTest, UntrustedCertificateIsServiceRequestError) {
    expect_transport_error<exceptions::ServiceRequestError>(untrusted_certificate_is_service_request_error(GetParam()).error(0));
}

TEST_P(ParityTest, ConnectionVerifyTakesACaBundleOrFalse) {
    auto seen = connection_verify_takes_a_ca_bundle_or_false(GetParam());
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(seen.result(i).status_code, 200);
}

TEST_P(ParityTest, PresentsAClientCertificateAndFailsWithoutOne) {
    auto seen = presents_a_client_certificate_and_fails_without_one(GetParam());
    EXPECT_EQ(seen.result(0).status_code, 200);
    expect_transport_error<exceptions::ServiceRequestError>(seen.error(1));
}

TEST_P(ParityTest, ProxiesSendThePlainHttpRequestToTheProxy) {
    auto seen = proxies_send_the_plain_http_request_to_the_proxy(GetParam());
    // The test server records the request; it does not forward it (its answer is a 404).
    ASSERT_EQ(seen.sent.size(), 2u);
    EXPECT_EQ(seen.sent[0].target, "http://service.invalid/echo?x=1");
    EXPECT_EQ(seen.sent[1].target, "http://service.invalid/echo");
}

TEST_P(ParityTest, ProxyConnectFailureIsServiceRequestError) {
    auto seen = proxy_connect_failure_is_service_request_error(GetParam());
    expect_transport_error<exceptions::ServiceRequestError>(seen.error(0));
    ASSERT_EQ(seen.sent.size(), 1u);
    EXPECT_EQ(seen.sent[0].method, "CONNECT");
}

TEST_P(ParityTest, ConcurrentRequestsRunAtOnceOnSeparateConnections) {
    auto seen = concurrent_requests_run_at_once_on_separate_connections(GetParam());
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(seen.result(i).body, R"({"held":true})");
    EXPECT_EQ(seen.fact("six held at once"), "true");
    EXPECT_EQ(seen.fact("held peak"), "6");
    EXPECT_EQ(seen.fact("at least six connections open at once"), "true");
}

TEST_P(ParityTest, ConnectionLimitMakesExcessRequestsWaitInsteadOfFailing) {
    auto seen = connection_limit_makes_excess_requests_wait_instead_of_failing(GetParam());
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(seen.result(i).status_code, 200);
    EXPECT_EQ(seen.fact("two held at once"), "true");
    EXPECT_EQ(seen.fact("more than two held at once"), "false");
    EXPECT_EQ(seen.fact("held peak"), "2");
}

TEST_P(ParityTest, TotalConnectionLimitAppliesAcrossHosts) {
    auto seen = total_connection_limit_applies_across_hosts(GetParam());
    for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(seen.result(i).status_code, 200);
    EXPECT_EQ(seen.fact("three held at once"), "true");
    EXPECT_EQ(seen.fact("more than three held at once"), "false");
}

INSTANTIATE_TEST_SUITE_P(BothModes, ParityTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const ::testing::TestParamInfo<RunMode>& info) { return info.param == RunMode::Sync ? "Sync" : "Async"; });

// ------------------------------------------------------------------------------------------
// The cross-check: the same case in both modes, compared field by field.

/// text with ":<port>" in place of each of the given ports, and "<uuid>" in place of each UUID
/// (the x-ms-client-request-id of each call is new, also where /echo reflects it).
std::string mask_ports(std::string text, const std::vector<std::uint16_t>& ports) {
    static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    if (text.size() < 4096) text = std::regex_replace(text, uuid, "<uuid>");
    for (std::uint16_t port : ports) {
        const std::string needle = ":" + std::to_string(port);
        for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at)) {
            std::size_t end = at + needle.size();
            if (end < text.size() && text[end] >= '0' && text[end] <= '9') {
                at = end;
                continue;
            }
            text.replace(at, needle.size(), ":<port>");
            at += 7;
        }
    }
    return text;
}

using HeaderList = std::vector<std::pair<std::string, std::string>>;

HeaderList masked(const HeaderList& headers, const std::vector<std::uint16_t>& ports) {
    HeaderList out;
    for (const auto& [name, value] : headers) out.emplace_back(name, mask_ports(value, ports));
    return out;
}

HeaderList header_list(const CaseInsensitiveDict& headers) {
    HeaderList out;
    for (const auto& [name, value] : headers) out.emplace_back(name, value);
    return out;
}

// Bodies can be megabytes: report their sizes and the first difference instead of printing them.
void expect_same_bytes(const std::string& sync, const std::string& async, const char* what) {
    if (sync == async) return;
    std::size_t at = 0;
    while (at < sync.size() && at < async.size() && sync[at] == async[at]) ++at;
    ADD_FAILURE() << what << " differs: sync " << sync.size() << " bytes, async " << async.size() << " bytes, first difference at "
                  << at << "; sync from there: '" << sync.substr(at, 80) << "', async: '" << async.substr(at, 80) << "'";
}

void expect_same(const Observation& sync, const Observation& async) {
    ASSERT_EQ(sync.steps.size(), async.steps.size());
    for (std::size_t i = 0; i < sync.steps.size(); ++i) {
        SCOPED_TRACE("step " + std::to_string(i));
        const Step& s = sync.steps[i];
        const Step& a = async.steps[i];
        if (s.error || a.error) {
            auto describe = [](const Step& step) {
                std::ostringstream out;
                if (step.error) out << *step.error;
                else out << "a response with status " << step.result->status_code;
                return out.str();
            };
            ASSERT_TRUE(s.error && a.error) << "sync: " << describe(s) << "\nasync: " << describe(a);
            EXPECT_EQ(s.error->type_name, a.error->type_name) << "sync: " << *s.error << "\nasync: " << *a.error;
            EXPECT_TRUE(s.error->type == a.error->type);
            EXPECT_EQ(s.error->status_code, a.error->status_code);
            EXPECT_EQ(s.error->category, a.error->category) << "sync: " << *s.error << "\nasync: " << *a.error;
            EXPECT_EQ(s.error->code, a.error->code) << "sync: " << *s.error << "\nasync: " << *a.error;
            EXPECT_EQ(s.got_response, a.got_response) << "the exception came from send_request in one face and from reading the body in the other";
            continue;
        }
        const Result& sr = *s.result;
        const Result& ar = *a.result;
        EXPECT_EQ(sr.status_code, ar.status_code);
        EXPECT_EQ(sr.reason, ar.reason);
        EXPECT_EQ(sr.http_version, ar.http_version);
        EXPECT_EQ(masked(header_list(sr.headers), sync.ports), masked(header_list(ar.headers), async.ports));
        EXPECT_EQ(sr.read_by_send, ar.read_by_send) << "non-streamed body already read when send_request returned";
        expect_same_bytes(mask_ports(sr.body, sync.ports), mask_ports(ar.body, async.ports), "body");
        EXPECT_EQ(sr.raw_body.has_value(), ar.raw_body.has_value());
        if (sr.raw_body && ar.raw_body) expect_same_bytes(*sr.raw_body, *ar.raw_body, "raw body");
        // Decoded chunks are filled to the chunk size; raw chunks are whatever the socket gave.
        if (!sr.raw_body) {
            EXPECT_EQ(sr.chunk_sizes, ar.chunk_sizes) << "decoded chunk sizes";
        }
        EXPECT_EQ(sr.closed_after_reading, ar.closed_after_reading);
    }
    ASSERT_EQ(sync.sent.size(), async.sent.size()) << "requests the server received";
    for (std::size_t i = 0; i < sync.sent.size(); ++i) {
        SCOPED_TRACE("request " + std::to_string(i) + " the server received");
        const auto& s = sync.sent[i];
        const auto& a = async.sent[i];
        EXPECT_EQ(s.method, a.method);
        EXPECT_EQ(mask_ports(s.target, sync.ports), mask_ports(a.target, async.ports));
        EXPECT_EQ(masked(s.headers, sync.ports), masked(a.headers, async.ports));
        expect_same_bytes(s.body, a.body, "request body");
    }
    EXPECT_EQ(sync.facts, async.facts);
}

struct ParityCase {
    const char* name;
    Observation (*observe)(RunMode);
};

std::ostream& operator<<(std::ostream& out, const ParityCase& parity_case) { return out << parity_case.name; }

// Named as the ParityTest that asserts the same case.
const ParityCase parity_cases[] = {
    {"SendsMethodPathQueryAndHeadersExactly", sends_method_path_query_and_headers_exactly},
    {"SendsBytesAndJsonBodiesWithOnlyTheirOwnHeaders", sends_bytes_and_json_bodies_with_only_their_own_headers},
    {"PostWithoutBodySendsContentLengthZeroAndDeleteSendsNone", post_without_body_sends_content_length_zero_and_delete_sends_none},
    {"HeadReturnsHeadersWithoutABody", head_returns_headers_without_a_body},
    {"StreamsAnUploadFromAFileWithItsLength", streams_an_upload_from_a_file_with_its_length},
    {"StreamsAnUploadOfUnknownLengthChunked", streams_an_upload_of_unknown_length_chunked},
    {"SendsA16MiBBodyHeldInMemoryWhole", sends_a_16_mib_body_held_in_memory_whole},
    {"KeepsOneConnectionAliveAcrossFiveRequests", keeps_one_connection_alive_across_five_requests},
    {"ReturnsA404WithItsODataErrorAsAResponse", returns_a_404_with_its_odata_error_as_a_response},
    {"StreamsAn8MiBDownloadInChunksOfAtMost64KiB", streams_an_8_mib_download_in_chunks_of_at_most_64_kib},
    {"StreamsAn8MiBDownloadInChunksOfAtMost4KiB", streams_an_8_mib_download_in_chunks_of_at_most_4_kib},
    {"DefaultChunkSizeIsTheConnectionDataBlockSize", default_chunk_size_is_the_connection_data_block_size},
    {"DecodesEachContentCodingAndKeepsTheRawBytesAsSent", decodes_each_content_coding_and_keeps_the_raw_bytes_as_sent},
    {"CorruptCompressedBodyIsDecodeError", corrupt_compressed_body_is_decode_error},
    {"ConnectionRefusedIsServiceRequestError", connection_refused_is_service_request_error},
    {"ConnectTimeoutIsServiceRequestTimeoutError", connect_timeout_is_service_request_timeout_error},
    {"ResetBeforeTheStatusLineIsServiceResponseError", reset_before_the_status_line_is_service_response_error},
    {"EofBeforeTheStatusLineIsServiceResponseError", eof_before_the_status_line_is_service_response_error},
    {"ResetInsideTheHeadersIsServiceResponseError", reset_inside_the_headers_is_service_response_error},
    {"InvalidStatusLineIsServiceResponseError", invalid_status_line_is_service_response_error},
    {"OversizedHeadersAreServiceResponseError", oversized_headers_are_service_response_error},
    {"NoByteBeforeReadTimeoutIsServiceResponseTimeoutError", no_byte_before_read_timeout_is_service_response_timeout_error},
    {"NoByteInsideTheBodyForReadTimeoutIsServiceResponseTimeoutError",
     no_byte_inside_the_body_for_read_timeout_is_service_response_timeout_error},
    {"SlowDripWithinReadTimeoutSucceeds", slow_drip_within_read_timeout_succeeds},
    {"PerCallOptionsOverrideTheConfiguration", per_call_options_override_the_configuration},
    {"BodyShorterThanContentLengthIsIncompleteReadError", body_shorter_than_content_length_is_incomplete_read_error},
    {"ChunkedBodyCutOffIsIncompleteReadError", chunked_body_cut_off_is_incomplete_read_error},
    {"ResetInsideTheBodyIsIncompleteReadError", reset_inside_the_body_is_incomplete_read_error},
    {"StreamedBodyCutOffRaisesIncompleteReadErrorWhileIterating", streamed_body_cut_off_raises_incomplete_read_error_while_iterating},
    {"RejectsBadOptionValuesBeforeSending", rejects_bad_option_values_before_sending},
    {"UntrustedCertificateIsServiceRequestError", untrusted_certificate_is_service_request_error},
    {"ConnectionVerifyTakesACaBundleOrFalse", connection_verify_takes_a_ca_bundle_or_false},
    {"PresentsAClientCertificateAndFailsWithoutOne", presents_a_client_certificate_and_fails_without_one},
    {"ProxiesSendThePlainHttpRequestToTheProxy", proxies_send_the_plain_http_request_to_the_proxy},
    {"ProxyConnectFailureIsServiceRequestError", proxy_connect_failure_is_service_request_error},
    {"ConcurrentRequestsRunAtOnceOnSeparateConnections", concurrent_requests_run_at_once_on_separate_connections},
    {"ConnectionLimitMakesExcessRequestsWaitInsteadOfFailing", connection_limit_makes_excess_requests_wait_instead_of_failing},
    {"TotalConnectionLimitAppliesAcrossHosts", total_connection_limit_applies_across_hosts},
};

class SyncAndAsyncAgree : public ::testing::TestWithParam<ParityCase> {};

TEST_P(SyncAndAsyncAgree, OnWhatTheServerReceivedAndWhatCameBack) {
    Observation sync = GetParam().observe(RunMode::Sync);
    Observation async = GetParam().observe(RunMode::Async);
    expect_same(sync, async);
}

INSTANTIATE_TEST_SUITE_P(EachCase, SyncAndAsyncAgree, ::testing::ValuesIn(parity_cases),
                         [](const ::testing::TestParamInfo<ParityCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace azcore::test
