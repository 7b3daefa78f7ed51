#include <azcore/polling/continuation_token.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/pipeline/pipeline.hpp>
#include <azcore/pipeline/pipeline_context.hpp>
#include <azcore/polling/polling_method.hpp>
#include <azcore/rest/http_request.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/serialization.hpp>
#include <azcore/serialization/json.hpp>

#include <boost/json.hpp>

#include <stdexcept>
#include <string_view>

namespace azcore::polling {
namespace {

namespace json = boost::json;

constexpr std::int64_t token_version = 1;
constexpr std::string_view request_id_header = "x-ms-client-request-id";

[[noreturn]] void bad_token(const std::string& why) {
    throw std::invalid_argument("continuation_token: not a continuation token of this version of azcore (" + why + ")");
}

const json::value& member(const json::object& object, std::string_view name) {
    const json::value* value = object.if_contains(name);
    if (value == nullptr) bad_token("no \"" + std::string(name) + "\"");
    return *value;
}

std::string text_member(const json::object& object, std::string_view name) {
    const json::value& value = member(object, name);
    if (!value.is_string()) bad_token("\"" + std::string(name) + "\" is not a string");
    return std::string(value.get_string());
}

}  // namespace

std::string encode_continuation_token(const pipeline::PipelineResponse& initial_response) {
    if (!initial_response.http_response) throw std::invalid_argument("initial_response: no response to encode");
    const rest::HttpResponseBase& response = *initial_response.http_response;
    const rest::HttpRequest& request = initial_response.http_request ? *initial_response.http_request : response.request();
    const Bytes* body = nullptr;
    try {
        body = &response.content();
    } catch (const exceptions::ResponseNotReadError&) {
        throw std::logic_error("a continuation token needs the initial response's body: read it first");
    }

    json::object request_json;
    request_json["method"] = request.method;
    request_json["url"] = request.url;
    json::object request_headers;
    if (const std::string* request_id = request.headers.find(request_id_header))
        request_headers[request_id_header] = *request_id;
    request_json["headers"] = std::move(request_headers);

    json::array headers;
    for (const auto& [name, value] : response.headers()) headers.push_back(json::array{json::string(name), json::string(value)});
    json::object response_json;
    response_json["status_code"] = response.status_code();
    response_json["reason"] = response.reason();
    response_json["headers"] = std::move(headers);
    response_json["content"] = serialization::encode_base64(*body);

    json::object token;
    token["azcore_lro_token_version"] = token_version;
    token["request"] = std::move(request_json);
    token["response"] = std::move(response_json);
    return serialization::encode_base64(to_bytes(serialization::serialize_json(token)));
}

pipeline::PipelineResponse decode_continuation_token(const std::string& continuation_token, const PollingClient& client) {
    json::value document;
    try {
        // Header values are bytes (obs-text such as a Latin-1 filename is allowed in HTTP), and the
        // encoder writes them as they are: read them back as they are.
        json::parse_options options;
        options.allow_invalid_utf8 = true;
        document = json::parse(as_string_view(serialization::decode_base64(continuation_token)), {}, options);
    } catch (const std::exception&) {
        bad_token("not base64 of JSON");
    }
    if (!document.is_object()) bad_token("not a JSON object");
    const json::object& token = document.get_object();
    const json::value& version = member(token, "azcore_lro_token_version");
    if (!version.is_int64() || version.get_int64() != token_version) bad_token("unknown version");
    const json::value& request_value = member(token, "request");
    const json::value& response_value = member(token, "response");
    if (!request_value.is_object() || !response_value.is_object()) bad_token("request or response is not an object");
    const json::object& request_json = request_value.get_object();
    const json::object& response_json = response_value.get_object();

    auto request = std::make_shared<rest::HttpRequest>(text_member(request_json, "method"), text_member(request_json, "url"));
    const json::value& request_headers = member(request_json, "headers");
    if (!request_headers.is_object()) bad_token("request headers are not an object");
    for (const auto& [name, value] : request_headers.get_object()) {
        if (!value.is_string()) bad_token("a request header is not a string");
        request->headers.set(std::string_view(name), std::string(value.get_string()));
    }

    const json::value& status = member(response_json, "status_code");
    if (!status.is_int64()) bad_token("status_code is not an integer");
    CaseInsensitiveDict headers;
    const json::value& headers_value = member(response_json, "headers");
    if (!headers_value.is_array()) bad_token("response headers are not an array");
    for (const json::value& entry : headers_value.get_array()) {
        if (!entry.is_array() || entry.get_array().size() != 2 || !entry.get_array()[0].is_string() ||
            !entry.get_array()[1].is_string())
            bad_token("a response header is not a [name, value] pair");
        headers.add(std::string_view(entry.get_array()[0].get_string()), std::string(entry.get_array()[1].get_string()));
    }
    std::string content;
    try {
        content = std::string(as_string_view(serialization::decode_base64(text_member(response_json, "content"))));
    } catch (const std::invalid_argument&) {
        bad_token("the content is not base64");
    }
    auto response = std::make_shared<rest::HttpResponseBase>(request, static_cast<int>(status.get_int64()),
                                                             text_member(response_json, "reason"), std::move(headers));
    response->set_content(to_bytes(content));

    std::shared_ptr<pipeline::PipelineContext> context;
    if (client.pipeline() != nullptr) context = std::make_shared<pipeline::PipelineContext>(*client.pipeline()->transport());
    return pipeline::PipelineResponse{std::move(request), std::move(response), std::move(context)};
}

}  // namespace azcore::polling
