// custom_policy: one SessionTokenPolicy instance in a PipelineClient and an AsyncPipelineClient.
// Each client in turn is handed a session token by the service (GET /status/200 answering with
// an x-contoso-session header), and the other client's next request carries it (GET /echo, which
// answers with the headers the service received). Exits 1 unless the service saw each token and
// the client's name.
//   custom_policy ENDPOINT
#include "session_token_policy.hpp"

#include <azcore/async_pipeline_client.hpp>
#include <azcore/pipeline_client.hpp>
#include <azcore/rest/async_http_response.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/send_checked.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json.hpp>

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace net = azcore::net;
using contoso::SessionTokenPolicy;

/// The service hands out `token` (the test service's /status route sends the header it is asked for).
azcore::rest::HttpRequest hand_out_session(const std::string& token) {
    return azcore::rest::HttpRequest("GET", "/status/200",
                                     {.params = {{"header", std::string(SessionTokenPolicy::session_header) + ":" + token}}});
}

azcore::rest::HttpRequest echo() { return azcore::rest::HttpRequest("GET", "/echo"); }

/// The value of header as the service received it (the /echo body), or "(none)".
std::string seen(const boost::json::value& echo_body, const char* header) {
    const boost::json::value* value = echo_body.at("headers").as_object().if_contains(header);
    return value ? std::string(value->as_string()) : "(none)";
}

/// Prints what the service saw; true when it saw the client's name and token.
bool report(const char* face, const boost::json::value& echo_body, const std::string& token) {
    const std::string client = seen(echo_body, SessionTokenPolicy::client_header);
    const std::string session = seen(echo_body, SessionTokenPolicy::session_header);
    std::cout << face << " GET /echo: the service saw " << SessionTokenPolicy::client_header << ": " << client << ", "
              << SessionTokenPolicy::session_header << ": " << session << "\n";
    return client == "custom-policy-example" && session == token;
}

void report_handed_out(const char* face, const SessionTokenPolicy& policy) {
    std::cout << face << " GET /status/200: the policy kept " << SessionTokenPolicy::session_header << ": "
              << policy.session_token().value_or("(none)") << "\n";
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc != 2) {
        std::cerr << "usage: custom_policy ENDPOINT\n";
        return 2;
    }
    const std::string endpoint = argv[1];
    // One policy, both clients: per retry, so that every try carries the newest token.
    auto policy = std::make_shared<SessionTokenPolicy>("custom-policy-example");
    const azcore::PipelineClient client(endpoint, {.per_retry_policies = {policy}});
    net::io_context io;
    const azcore::AsyncPipelineClient async_client(endpoint, io.get_executor(), {.per_retry_policies = {policy}});

    bool ok = true;
    azcore::send_checked(client, hand_out_session("session-1"), {200});
    report_handed_out("sync ", *policy);
    auto async_steps = [&]() -> net::awaitable<bool> {
        const std::vector<int> ok_status{200};  // named: g++ 12 mishandles braced temporaries in a co_await
        auto echoed = co_await azcore::send_checked(async_client, echo(), ok_status);
        const bool saw_first = report("async", echoed->json(), "session-1");
        co_await azcore::send_checked(async_client, hand_out_session("session-2"), ok_status);
        report_handed_out("async", *policy);
        co_return saw_first;
    };
    auto async_result = net::co_spawn(io, async_steps(), net::use_future);
    io.run();
    ok &= async_result.get();
    ok &= report("sync ", azcore::send_checked(client, echo(), {200})->json(), "session-2");
    if (!ok) std::cerr << "custom_policy: the service did not see the headers the policy should have sent\n";
    return ok ? 0 : 1;
} catch (const std::exception& error) {
    std::cerr << "custom_policy: " << error.what() << "\n";
    return 1;
}
