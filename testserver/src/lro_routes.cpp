// /lro/resources/{name} and /lro/operations/{id}: a long-running operation with an
// Operation-Location status monitor, in Azure's shape (see test_server.hpp).
#include <boost/json.hpp>

#include "routes.hpp"

namespace azcore::testserver::detail {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

bool plain_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

asio::awaitable<bool> lro_resource_route(Connection& connection, const Request& request) {
    const std::string name(*path_tail(request.path, "/lro/resources/"));
    if (!plain_name(name)) co_return co_await bad_request(connection, request, "the name must be 1 to 64 of A-Z a-z 0-9 - _");
    if (request.method == "GET") {
        Reply reply = json_reply(200, json::object{{"name", name}, {"provisioningState", "Succeeded"}});
        co_return co_await connection.send(request, std::move(reply));
    }
    if (request.method != "PUT" && request.method != "POST") {
        Reply reply = error_reply(405, "MethodNotAllowed", "PUT or POST starts the operation, GET reads the resource");
        co_return co_await connection.send(request, std::move(reply));
    }
    const auto polls = number_arg(request, "polls", 2);
    if (!polls || *polls > 1000) co_return co_await bad_request(connection, request, "polls must be a number up to 1000");
    const std::string outcome = request.arg("outcome").value_or("succeeded");
    if (outcome != "succeeded" && outcome != "failed")
        co_return co_await bad_request(connection, request, "outcome must be succeeded or failed");

    const auto wait_ms = number_arg(request, "retry_after_ms", 10);
    if (!wait_ms || *wait_ms > 60000) co_return co_await bad_request(connection, request, "retry_after_ms must be a number up to 60000");

    const std::string id = connection.state().lro_start();
    Reply reply = json_reply(202, json::object{{"name", name}, {"provisioningState", "InProgress"}});
    reply.headers.emplace_back("Operation-Location",
                               "/lro/operations/" + id + "?polls=" + std::to_string(*polls) + "&outcome=" + outcome + "&name=" + name +
                                   "&retry_after_ms=" + std::to_string(*wait_ms));
    reply.headers.emplace_back("retry-after-ms", std::to_string(*wait_ms));
    co_return co_await connection.send(request, std::move(reply));
}

asio::awaitable<bool> lro_operation_route(Connection& connection, const Request& request) {
    const std::string id(*path_tail(request.path, "/lro/operations/"));
    const auto polls = number_arg(request, "polls", 2);
    const std::string outcome = request.arg("outcome").value_or("succeeded");
    const std::string name = request.arg("name").value_or("");
    const auto wait_ms = number_arg(request, "retry_after_ms", 10);
    if (!plain_name(id) || !polls || !wait_ms || !plain_name(name) || (outcome != "succeeded" && outcome != "failed"))
        co_return co_await bad_request(connection, request, "not an operation this server started");

    const std::size_t n = connection.state().lro_poll(id);
    json::object status{{"id", id}, {"status", "InProgress"}};
    if (n > *polls && outcome == "succeeded") {
        status["status"] = "Succeeded";
        status["resourceLocation"] = "/lro/resources/" + name;
    } else if (n > *polls) {
        status["status"] = "Failed";
        status["error"] = json::object{{"code", "ProvisioningFailed"}, {"message", "The operation failed, as it was asked to."}};
    }
    Reply reply = json_reply(200, status);
    reply.headers.emplace_back("retry-after-ms", std::to_string(*wait_ms));
    co_return co_await connection.send(request, std::move(reply));
}

}  // namespace azcore::testserver::detail
