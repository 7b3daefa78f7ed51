// /challenge: a resource that answers a CAE claims challenge until the bearer token carries the
// claims (see test_server.hpp).
#include <boost/json.hpp>

#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::string_view without_padding(std::string_view text) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    return text;
}

bool base64url_text(std::string_view text) {
    for (char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '=';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

asio::awaitable<bool> challenge_route(Connection& connection, const Request& request) {
    const auto claims = request.arg("claims");
    if (!claims || claims->empty() || !base64url_text(*claims))
        co_return co_await bad_request(connection, request, "claims must be base64url text");
    const std::string wanted = "." + std::string(without_padding(*claims));
    const std::string authorization = request.header("Authorization").value_or("");
    static constexpr std::string_view bearer = "Bearer ";
    const bool authorized = authorization.starts_with(bearer) &&
                            std::string_view(authorization).substr(bearer.size()).ends_with(wanted) &&
                            authorization.size() > bearer.size() + wanted.size();
    if (authorized) {
        json::object out = echo_json(request);
        out["authorized"] = true;
        Reply reply = json_reply(200, out);
        co_return co_await connection.send(request, std::move(reply));
    }
    Reply reply = error_reply(401, "InvalidAuthenticationToken", "the token does not carry the claims this resource requires");
    reply.headers.emplace_back("WWW-Authenticate",
                               "Basic realm=\"azcore-test\", Bearer realm=\"\", "
                               "authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                               "error=\"insufficient_claims\", claims=\"" + *claims + "\"");
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
