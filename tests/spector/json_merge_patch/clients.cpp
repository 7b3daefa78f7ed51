#include "json_merge_patch/clients.hpp"

namespace azcore::spector::json_merge_patch {

rest::HttpRequest patch_request(std::string path, const std::optional<ResourcePatch>& body) {
    rest::HttpRequestOptions options{.headers = {{"Content-Type", "application/merge-patch+json"}}};
    if (body) options.json = serialization::to_json(*body);
    return rest::HttpRequest("PATCH", std::move(path), std::move(options));
}

}  // namespace azcore::spector::json_merge_patch
