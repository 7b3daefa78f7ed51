#pragma once
// The client of Spector's encode/bytes spec (@typespec/http-specs), as a generator would emit it on
// azcore: bytes in the query, in headers, as model properties and as bodies, base64 (the default)
// or base64url, each value written and read with azcore::serialization.
#include "model_client.hpp"

#include <azcore/bytes.hpp>
#include <azcore/serialization.hpp>
#include <azcore/serialization/model.hpp>

#include <string>
#include <vector>

namespace azcore::spector::encode_bytes {

using serialization::RestField;
using serialization::RestFormat;

/// DefaultBytesProperty and Base64BytesProperty.
struct BytesProperty {
    Bytes value{};
};
AZCORE_MODEL(BytesProperty, (value))
/// Base64urlBytesProperty.
struct Base64urlBytesProperty {
    Bytes value{};
    static constexpr RestField rest_fields[] = {{.member = "value", .format = RestFormat::Base64Url}};
};
AZCORE_MODEL(Base64urlBytesProperty, (value))
/// Base64urlArrayBytesProperty.
struct Base64urlArrayBytesProperty {
    std::vector<Bytes> value{};
    static constexpr RestField rest_fields[] = {{.member = "value", .format = RestFormat::Base64Url}};
};
AZCORE_MODEL(Base64urlArrayBytesProperty, (value))

/// `encoded` joined with commas (the csv form of the array query and header).
std::string csv(const std::vector<Bytes>& values);
/// GET path with `value` in the query.
rest::HttpRequest query_request(std::string path, std::string value);
/// GET path with `value` in the `value` header.
rest::HttpRequest header_request(std::string path, std::string value);
/// POST path with `model` as its JSON body.
template <class Model>
rest::HttpRequest property_request(std::string path, const Model& model) {
    return rest::HttpRequest("POST", std::move(path), {.json = serialization::to_json(model)});
}
/// POST path with `content` as its body, sent as content_type.
rest::HttpRequest content_request(std::string path, Bytes content, std::string content_type);
/// GET path, accepting content_type.
rest::HttpRequest response_request(std::string path, std::string content_type);

/// Encode.Bytes.
template <class Face>
class BytesClient : public ModelClient<Face> {
public:
    using ModelClient<Face>::ModelClient;

    // Query.
    auto query_default(const Bytes& value) const { return this->send_void(query_request("/encode/bytes/query/default", serialization::encode_base64(value)), {204}); }
    auto query_base64(const Bytes& value) const { return this->send_void(query_request("/encode/bytes/query/base64", serialization::encode_base64(value)), {204}); }
    auto query_base64url(const Bytes& value) const { return this->send_void(query_request("/encode/bytes/query/base64url", serialization::encode_base64url(value)), {204}); }
    auto query_base64url_array(const std::vector<Bytes>& value) const { return this->send_void(query_request("/encode/bytes/query/base64url-array", csv(value)), {204}); }

    // Property: the model sent, the model read back.
    auto property_default(const BytesProperty& body) const { return property("/encode/bytes/property/default", body); }
    auto property_base64(const BytesProperty& body) const { return property("/encode/bytes/property/base64", body); }
    auto property_base64url(const Base64urlBytesProperty& body) const { return property("/encode/bytes/property/base64url", body); }
    auto property_base64url_array(const Base64urlArrayBytesProperty& body) const { return property("/encode/bytes/property/base64url-array", body); }

    // Header.
    auto header_default(const Bytes& value) const { return this->send_void(header_request("/encode/bytes/header/default", serialization::encode_base64(value)), {204}); }
    auto header_base64(const Bytes& value) const { return this->send_void(header_request("/encode/bytes/header/base64", serialization::encode_base64(value)), {204}); }
    auto header_base64url(const Bytes& value) const { return this->send_void(header_request("/encode/bytes/header/base64url", serialization::encode_base64url(value)), {204}); }
    auto header_base64url_array(const std::vector<Bytes>& value) const { return this->send_void(header_request("/encode/bytes/header/base64url-array", csv(value)), {204}); }

    // Request body.
    auto request_body_default(Bytes value) const { return this->send_void(content_request("/encode/bytes/body/request/default", std::move(value), "application/octet-stream"), {204}); }
    auto request_body_octet_stream(Bytes value) const { return this->send_void(content_request("/encode/bytes/body/request/octet-stream", std::move(value), "application/octet-stream"), {204}); }
    auto request_body_custom_content_type(Bytes value) const { return this->send_void(content_request("/encode/bytes/body/request/custom-content-type", std::move(value), "image/png"), {204}); }
    auto request_body_base64(const Bytes& value) const {
        return this->send_void(rest::HttpRequest("POST", "/encode/bytes/body/request/base64", {.json = serialization::to_json(value)}), {204});
    }
    auto request_body_base64url(const Bytes& value) const {
        return this->send_void(rest::HttpRequest("POST", "/encode/bytes/body/request/base64url",
                                                 {.json = serialization::to_json(value, {.format = RestFormat::Base64Url})}), {204});
    }

    // Response body.
    auto response_body_default() const { return raw("/encode/bytes/body/response/default", "application/octet-stream"); }
    auto response_body_octet_stream() const { return raw("/encode/bytes/body/response/octet-stream", "application/octet-stream"); }
    auto response_body_custom_content_type() const { return raw("/encode/bytes/body/response/custom-content-type", "image/png"); }
    auto response_body_base64() const { return json_bytes("/encode/bytes/body/response/base64", RestFormat::Default); }
    auto response_body_base64url() const { return json_bytes("/encode/bytes/body/response/base64url", RestFormat::Base64Url); }

private:
    template <class Model>
    auto property(std::string path, const Model& body) const {
        return this->send_for(property_request(std::move(path), body), {200},
                              [](const rest::HttpResponseBase& response) { return serialization::from_json<Model>(response.json()); });
    }
    auto raw(std::string path, std::string content_type) const {
        return this->send_for(response_request(std::move(path), std::move(content_type)), {200},
                              [](const rest::HttpResponseBase& response) { return response.content(); });
    }
    auto json_bytes(std::string path, RestFormat format) const {
        return this->send_for(response_request(std::move(path), "application/json"), {200}, [format](const rest::HttpResponseBase& response) {
            return serialization::from_json<Bytes>(response.json(), {.format = format});
        });
    }
};

}  // namespace azcore::spector::encode_bytes
