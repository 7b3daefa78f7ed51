#include "operations.hpp"

#include <azcore/polling/lro_base_polling.hpp>

#include <boost/json.hpp>
#include <boost/url/url.hpp>

#include <utility>
#include <vector>

namespace contoso {
namespace {

namespace json = boost::json;

/// LROBasePolling whose status requests carry api_version: the service's operation links lack it.
/// status_request is the one hook for both faces (Python's generated code overrides request_status).
class ApiVersionPolling : public azcore::polling::LROBasePolling {
public:
    using LROBasePolling::LROBasePolling;

    azcore::polling::StatusRequest status_request(const std::string& status_link) const override {
        azcore::polling::StatusRequest status = LROBasePolling::status_request(status_link);
        boost::urls::url url(status.request.url);
        url.params().set("api-version", api_version);
        status.request.url = std::string(url.buffer());
        return status;
    }
};

User user_from(const json::value& item) {
    return {static_cast<int>(item.at("id").to_number<std::int64_t>()), json::value_to<std::string>(item.at("name"))};
}

}  // namespace

azcore::rest::HttpRequest build_list_users(const ListUsersOptions& options, const std::optional<std::string>& next_link) {
    // A next link keeps its own query; params only adds the keys it lacks (includePending here).
    std::vector<std::pair<std::string, azcore::rest::ParamValue>> params{
        {"includePending", options.include_pending ? "true" : "false"}, {"select", options.select}};
    const std::string url = next_link ? *next_link : "/azure/core/page/with-parameterized-next-link";
    return azcore::rest::HttpRequest("GET", url, {.params = std::move(params)});
}

azcore::paging::PageData<User> extract_users(const std::shared_ptr<azcore::rest::HttpResponseBase>& response) {
    const json::object& body = response->json().as_object();
    std::vector<User> users;
    for (const json::value& item : body.at("values").as_array()) users.push_back(user_from(item));
    std::optional<std::string> next_link;
    if (const json::value* link = body.if_contains("nextLink"); link && link->is_string())
        next_link = std::string(link->as_string());
    return {std::move(next_link), std::move(users)};
}

azcore::rest::HttpRequest build_generate(const std::string& prompt) {
    return azcore::rest::HttpRequest("POST", "/azure/core/lro/rpc/generations:submit",
                                     {.params = {{"api-version", api_version}}, .json = json::object{{"prompt", prompt}}});
}

std::shared_ptr<azcore::polling::PollingMethod> generation_polling(double polling_interval) {
    return std::make_shared<ApiVersionPolling>(azcore::polling::LROBasePollingOptions{
        .timeout = polling_interval, .lro_options = {.final_state_via = "operation-location"}});
}

GenerationResult generation_result(const azcore::pipeline::PipelineResponse& response) {
    return {json::value_to<std::string>(response.http_response->json().at("result").at("data"))};
}

}  // namespace contoso
