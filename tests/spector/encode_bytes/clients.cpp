#include "encode_bytes/clients.hpp"

namespace azcore::spector::encode_bytes {

std::string csv(const std::vector<Bytes>& values) {
    std::string joined;
    for (const auto& value : values) {
        if (!joined.empty()) joined += ',';
        joined += serialization::encode_base64url(value);
    }
    return joined;
}

rest::HttpRequest query_request(std::string path, std::string value) {
    return rest::HttpRequest("GET", std::move(path), {.params = {{"value", std::move(value)}}});
}

rest::HttpRequest header_request(std::string path, std::string value) {
    return rest::HttpRequest("GET", std::move(path), {.headers = {{"value", std::move(value)}}});
}

rest::HttpRequest content_request(std::string path, Bytes content, std::string content_type) {
    return rest::HttpRequest("POST", std::move(path), {.headers = {{"Content-Type", std::move(content_type)}}, .content = std::move(content)});
}

rest::HttpRequest response_request(std::string path, std::string content_type) {
    return rest::HttpRequest("GET", std::move(path), {.headers = {{"Accept", std::move(content_type)}}});
}

}  // namespace azcore::spector::encode_bytes
