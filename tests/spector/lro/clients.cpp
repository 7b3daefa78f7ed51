#include "lro/clients.hpp"

#include <azcore/polling/lro_base_polling.hpp>

#include <boost/json.hpp>
#include <boost/url/url.hpp>

namespace azcore::spector::lro {
namespace {

/// link with its api-version set to api_version (added, or replacing the link's).
std::string with_api_version(const std::string& link) {
    boost::urls::url url(link);
    url.params().set("api-version", api_version);
    return std::string(url.buffer());
}

/// LROBasePolling whose status requests carry api_version. azure-core sends the links as the service
/// gives them, and Spector's have none; Python's Spector tests subclass LROBasePolling for it
/// (request_status), azcore's hook is status_request.
class ApiVersionPolling : public polling::LROBasePolling {
public:
    using LROBasePolling::LROBasePolling;

    polling::StatusRequest status_request(const std::string& status_link) const override {
        polling::StatusRequest status = LROBasePolling::status_request(status_link);
        status.request.url = with_api_version(status.request.url);
        return status;
    }
};

const std::string standard_users = "/azure/core/lro/standard/users/";

}  // namespace

User tag_invoke(boost::json::value_to_tag<User>, const boost::json::value& json) {
    return {boost::json::value_to<std::string>(json.at("name")), boost::json::value_to<std::string>(json.at("role"))};
}

ExportedUser tag_invoke(boost::json::value_to_tag<ExportedUser>, const boost::json::value& json) {
    return {boost::json::value_to<std::string>(json.at("name")), boost::json::value_to<std::string>(json.at("resourceUri"))};
}

GenerationResult tag_invoke(boost::json::value_to_tag<GenerationResult>, const boost::json::value& json) {
    return {boost::json::value_to<std::string>(json.at("data"))};
}

std::shared_ptr<polling::PollingMethod> base_polling(double polling_interval, std::string final_state_via) {
    return std::make_shared<ApiVersionPolling>(polling::LROBasePollingOptions{
        .timeout = polling_interval, .lro_options = {.final_state_via = std::move(final_state_via)}});
}

rest::HttpRequest build_create_or_replace(const std::string& name, const User& resource) {
    return rest::HttpRequest("PUT", standard_users + name,
                             {.params = {{"api-version", api_version}}, .json = boost::json::object{{"role", resource.role}}});
}

rest::HttpRequest build_delete(const std::string& name) {
    return rest::HttpRequest("DELETE", standard_users + name, {.params = {{"api-version", api_version}}});
}

rest::HttpRequest build_export(const std::string& name, const std::string& format) {
    return rest::HttpRequest("POST", standard_users + name + ":export",
                             {.params = {{"api-version", api_version}, {"format", format}}});
}

rest::HttpRequest build_long_running_rpc(const GenerationOptions& body) {
    return rest::HttpRequest("POST", "/azure/core/lro/rpc/generations:submit",
                             {.params = {{"api-version", api_version}}, .json = boost::json::object{{"prompt", body.prompt}}});
}

}  // namespace azcore::spector::lro
