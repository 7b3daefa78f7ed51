#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/// In-process HTTP/1.1 (optionally TLS) server with scripted routes for azcore's tests.
///
/// Routes (query parameters optional unless said; numbers in parentheses are defaults):
///   /echo            any method: the request as JSON (method, raw path and query, args, headers, header_list,
///                    body (if UTF-8), body_base64, body_length, http_version); args decode %XX and '+'
///   /upload          any method: {"length", "sha256", "chunked", "content_length", "content_type"}
///   /status/{code}?reason=&header=Name:Value (repeatable)&body=&content_type=
///   /bytes/{n}?chunked=1&chunk_size=K (4096)               generated_bytes(n)
///   /encoding/{gzip|deflate|br|zstd|identity}?size=N (100000)&chunked=1   generated_text(N), compressed
///   /encoding/corrupt/{gzip|deflate|br|zstd}                garbage that claims that coding
///   /bomb/{coding[,coding…]}?size=N (1 GiB, at most 16 GiB)  N zero bytes encoded with the first coding
///                    (gzip|deflate|br|zstd), each next coding applied to the result; Content-Encoding
///                    lists them ("gzip, gzip"). A decompression bomb: 1 GiB is about 13 KiB as br.
///   /delay/{ms}                                             timer, then 200 {"delay_ms": ms}
///   /drip?bytes=N (10)&interval_ms=M (100)                  headers at once, then an M ms pause before each byte
///   /stall?bytes=N (1000)&after=K (0)&pause_ms=P (0)        Content-Length N, K bytes, then silence
///   /reset/{before-status|mid-headers|mid-body}             TCP RST at that point
///   /close/before-status                                    FIN without an answer
///   /short?declared=N (100)&actual=M (N/2)&pause_ms=P (0)   /chunked-cut?bytes=N (100)
///                    /stall and /short with pause_ms: the head is written alone, the body P ms later
///   /invalid-status  /huge-headers?kb=N (64)  /hold  /redirect?to=URL&status=S (302)  /stats
///   /drip-headers?lines=N (10)&interval_ms=M (100)          the status line at once, then an M ms pause before
///                                                           each of N header lines, then an empty body
///   /huge-header-line?mb=N (100)                            one header line of N MiB (sent a MiB at a time), then FIN
///   /conflicting-length   Content-Length: 5 and Content-Length: 10, 10 body bytes, then FIN
///   /bad-chunk            chunked, a chunk-size line "zz", then FIN     /redirect-loop   a 302 to itself
///   /flaky?key=K&fail=N (1)&mode=status|reset|close|hang (status)&status=S (503)&header=Name:Value (repeatable)
///                    any method; counts the requests carrying key K (per key, across connections) and
///                    fails the first N of them: mode=status answers S with the headers and a JSON error
///                    body; reset sends a TCP RST before the status line; close a FIN without an answer;
///                    hang never answers (until the client gives up). Later requests get /echo's JSON
///                    plus "flaky_try". Every answer carries X-Flaky-Try: n (1 for the first request).
///   /flaky/upload?…  the same, answering like /upload once it stops failing (the body is hashed, never kept)
///   /flaky/count?key=K  {"key", "count", "failed", "tries": [{"method", "length", "sha256", "failed"}…]}
///   /flaky/count        {"keys": {K: count…}, "total": requests to /flaky and /flaky/upload}
///   /challenge?claims=C  any method; C is base64url (padding optional). A resource asking for CAE claims:
///                    401 {"error": …} with `WWW-Authenticate: Basic realm="azcore-test", Bearer realm="",
///                    authorization_uri="…", error="insufficient_claims", claims="C"` unless the request carries
///                    `Authorization: Bearer T` where T ends with "." + C (padding stripped): a token minted
///                    with those claims. Then /echo's JSON plus "authorized": true.
///   /resumable/{n}?key=K&cuts=M (1)&cut=C (n/2)&mode=…&coding=gzip&cut_mode=close|reset (close)&pace_ms=P (0)
///                    &content_range=V
///                    generated_bytes(n) with ETag "v1", honouring `Range: bytes=N-` (206 + Content-Range)
///                    and If-Match (412); the first M requests carrying key K stop after C bytes of their
///                    body (FIN, or RST). mode: etag (as said), changed (from the second request the body is
///                    generated_text(n), ETag "v2"), changed-etag (the same, If-Match ignored), no-etag,
///                    ignore-range (always 200), wrong-start / wrong-total (Content-Range off by one).
///                    coding: the body sent with that Content-Encoding (ranges count encoded bytes).
///                    pace_ms=P: the body sent 64 KiB at a time, P ms apart. content_range=V: a 206's
///                    Content-Range is V as given (empty: none), whatever the mode.
///   /paged/items?count=N (10)&page_size=M (4)&skip=S (0)   GET: a page of a paged list,
///                    {"value": [{"id": i, "name": "item-i"}…], "nextLink": "/paged/items?count=N&page_size=M&skip=…"}
///                    for ids S+1 … S+M (at most N); no nextLink on the last page. Links are relative.
///   /lro/resources/{name}?polls=K (2)&outcome=succeeded|failed (succeeded)&retry_after_ms=W (10)
///                    PUT or POST starts a long-running operation: 202 {"name", "provisioningState":
///                    "InProgress"} with `Operation-Location: /lro/operations/{id}?…` (id 1, 2, … per
///                    server) and `retry-after-ms: W`. GET: 200 {"name", "provisioningState": "Succeeded"}.
///   /lro/operations/{id}?…  the status monitor (its query as Operation-Location gave it): the first K
///                    GETs answer {"id", "status": "InProgress"}, later ones {"id", "status": "Succeeded",
///                    "resourceLocation": "/lro/resources/{name}"}, or with outcome=failed {"id", "status":
///                    "Failed", "error": {"code": "ProvisioningFailed", "message": …}}; each with
///                    `retry-after-ms: W`.
///   CONNECT host:port  with TestServerOptions::tunnel: a tunnel to host:port (loopback only).
///   anything else: 404 {"error": {"code": "NotFound", "message": ...}}
/// Bad parameters get 400 with the same error shape. Requests: headers up to 1 MiB, bodies up to
/// 256 MiB (413 beyond; /upload has no limit), "Expect: 100-continue" answered.
namespace azcore::testserver {

/// PEM files for a TLS server.
struct TlsFiles {
    std::string cert_file;
    std::string key_file;
    /// Non-empty: require a client certificate signed by this CA.
    std::string client_ca_file{};
};

struct TestServerOptions {
    /// Must be a loopback address; anything else is rejected.
    std::string host = "127.0.0.1";
    /// 0 picks a free port.
    std::uint16_t port = 0;
    std::optional<TlsFiles> tls{};
    /// With tls: also serve plain HTTP on the same port (a connection whose first byte does not
    /// start a TLS handshake), e.g. for a redirect from https to http on the same host and port.
    bool plain_too = false;
    /// Threads running the server's io_context.
    int threads = 1;
    /// Keep every request for requests(). The standalone azcore-testserver, which cannot be asked
    /// for them, turns this off so that a long run does not grow.
    bool record_requests = true;
    /// Act as a forward proxy's tunnel: CONNECT host:port to a loopback address is answered 200
    /// and the bytes are relayed both ways until either side closes (403 for any other host, 502
    /// when the connection fails). Off: CONNECT is answered 404, like any unknown route.
    bool tunnel = false;
};

/// One request to /flaky or /flaky/upload, as counted for its key.
struct FlakyTry {
    std::string method;
    /// The body's length and lowercase hex SHA-256.
    std::uint64_t length = 0;
    std::string sha256;
    /// Whether the server failed it on purpose.
    bool failed = false;
};

/// One request as the server received it.
struct RecordedRequest {
    std::string method;
    std::string target;
    /// Header fields in arrival order, names as sent.
    std::vector<std::pair<std::string, std::string>> headers;
    /// At most the first 1 MiB of the body.
    std::string body;
    /// 1 for the first accepted connection, 2 for the next, ...
    std::size_t connection_id;
    /// Bytes of the body as framed (chunk lines included), as the server read them.
    std::uint64_t body_bytes = 0;
};

class TestServer {
public:
    /// Starts listening before returning; throws on bad options or when binding fails.
    explicit TestServer(TestServerOptions options = {});
    /// Stops accepting, closes every connection (held ones included) and joins the threads.
    ~TestServer();

    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT".
    std::string base_url() const;

    /// Answers every request held by /hold, and any later ones immediately until reset_hold().
    void release_held();
    /// Makes /hold hold again.
    void reset_hold();
    /// Requests held by /hold right now (released ones stop counting at release_held()).
    std::size_t held_now() const;
    std::size_t held_peak() const;

    std::size_t connections_accepted() const;
    std::size_t open_connections() const;
    std::size_t peak_open_connections() const;
    std::size_t connections_closed() const;

    /// Waits (bounded) until pred() holds, checking on every connection/request event; returns pred().
    bool wait_until(std::function<bool()> pred, std::chrono::milliseconds timeout);

    /// Requests to /flaky and /flaky/upload with key so far.
    std::size_t flaky_count(const std::string& key) const;
    /// Those requests, in order.
    std::vector<FlakyTry> flaky_tries(const std::string& key) const;

    /// Every request received, in order.
    std::vector<RecordedRequest> requests() const;
    /// Bytes written to all connections so far (responses, 100 Continue included; TLS records not
    /// counted: what HTTP sent).
    std::uint64_t bytes_sent() const;
    void clear_requests();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

struct CertificateFiles {
    std::string cert_file;
    std::string key_file;
};

/// Self-signed server certificate (EC P-256, SAN IP:127.0.0.1 and DNS:localhost), written as
/// server-cert.pem / server-key.pem into directory (created if missing). Usable as its own CA.
CertificateFiles make_self_signed_certificate(const std::string& directory);

struct ClientCertificateFiles {
    std::string ca_file;
    std::string cert_file;
    std::string key_file;
};

/// A CA (client-ca.pem) plus a client certificate signed by it (client-cert.pem, client-key.pem),
/// for mutual-TLS tests.
ClientCertificateFiles make_client_certificate(const std::string& directory);

/// The exact bytes /bytes/N serves: byte i = (i * 31 + 7) % 256.
std::string generated_bytes(std::size_t n);

/// The exact text /encoding/* serves before compression: lines "line 000001 azcore test data\n",
/// numbered from 1, cut to n bytes.
std::string generated_text(std::size_t n);

}  // namespace azcore::testserver
