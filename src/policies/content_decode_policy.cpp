#include <azcore/policies/content_decode_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/http_response.hpp>

#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace azcore::policies {
namespace {

constexpr std::array<std::string_view, 1> decode_options = {options::response_encoding.name()};
// Context data: the call's response_encoding, for every try.
constexpr std::string_view encoding_key = options::response_encoding.name();

// Python's JSON_REGEXP: ^(application|text)/([0-9a-z+.-]+\+)?json$
bool is_json_mime(std::string_view mime) {
    std::size_t slash = mime.find('/');
    if (slash == std::string_view::npos) return false;
    std::string_view type = mime.substr(0, slash);
    std::string_view subtype = mime.substr(slash + 1);
    if (type != "application" && type != "text") return false;
    if (subtype == "json") return true;
    constexpr std::string_view suffix = "+json";
    if (subtype.size() <= suffix.size() || !subtype.ends_with(suffix)) return false;
    std::string_view prefix = subtype.substr(0, subtype.size() - suffix.size());
    return std::all_of(prefix.begin(), prefix.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '+' || c == '.' || c == '-';
    });
}

bool is_xml_mime(std::string_view mime) { return mime.find("xml") != std::string_view::npos; }

bool is_text_mime(std::string_view mime) { return mime.starts_with("text/"); }

std::string mime_type_of(const rest::HttpResponseBase& response) {
    std::optional<std::string> content_type = response.content_type();
    if (!content_type || content_type->empty()) return "application/json";
    std::string mime = content_type->substr(0, content_type->find(';'));
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    mime.erase(mime.begin(), std::find_if(mime.begin(), mime.end(), not_space));
    mime.erase(std::find_if(mime.rbegin(), mime.rend(), not_space).base(), mime.end());
    std::transform(mime.begin(), mime.end(), mime.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return mime;
}

std::optional<boost::json::value> try_json(std::string_view data, boost::system::error_code& error) {
    boost::json::value value = boost::json::parse(data, error);
    if (error) return std::nullopt;
    return value;
}

}  // namespace

ContentDecodePolicy::ContentDecodePolicy(std::optional<std::string> response_encoding)
    : response_encoding_(std::move(response_encoding)) {}

std::span<const std::string_view> ContentDecodePolicy::option_names() const { return decode_options; }

DeserializedData ContentDecodePolicy::deserialize_from_text(std::string_view data, std::optional<std::string_view> mime_type,
                                                            std::shared_ptr<rest::HttpResponseBase> response) {
    if (data.empty()) return std::monostate{};
    if (!mime_type) return std::string(data);
    if (is_json_mime(*mime_type)) {
        boost::system::error_code error;
        if (auto json = try_json(data, error)) return std::make_shared<const boost::json::value>(std::move(*json));
        throw exceptions::DecodeError("JSON is invalid: " + error.message(), std::move(response),
                                      {.error = std::make_exception_ptr(boost::system::system_error(error))});
    }
    if (is_xml_mime(*mime_type)) {
        auto document = std::make_shared<pugi::xml_document>();
        pugi::xml_parse_result parsed = document->load_buffer(data.data(), data.size());
        if (parsed) return std::shared_ptr<const pugi::xml_document>(std::move(document));
        // Python tries JSON before giving up: some services label JSON as XML.
        boost::system::error_code error;
        if (auto json = try_json(data, error)) return std::make_shared<const boost::json::value>(std::move(*json));
        throw exceptions::DecodeError("XML is invalid", std::move(response),
                                      {.error = std::make_exception_ptr(std::runtime_error(parsed.description()))});
    }
    if (is_text_mime(*mime_type)) return std::string(data);
    throw exceptions::DecodeError("Cannot deserialize content-type: " + std::string(*mime_type), std::move(response));
}

DeserializedData ContentDecodePolicy::deserialize_from_http_generics(const std::shared_ptr<rest::HttpResponseBase>& response,
                                                                     std::optional<std::string> encoding) {
    std::string mime = mime_type_of(*response);
    if (auto* sync = dynamic_cast<rest::HttpResponse*>(response.get())) sync->read();
    // JSON in the response's own charset: the response's json(), which callers read too (one
    // parse; the context's pointer shares the response). Empty or invalid JSON takes the general
    // path below, for its result and its error.
    if (!encoding && is_json_mime(mime) && !response->content().empty()) {
        try {
            return std::shared_ptr<const boost::json::value>(response, &response->json());
        } catch (const exceptions::DecodeError&) {
        }
    }
    return deserialize_from_text(response->text(std::move(encoding)), mime, response);
}

void ContentDecodePolicy::on_request(pipeline::PipelineRequest& request) const {
    std::optional<std::string> response_encoding = options::response_encoding.pop(request.context->options);
    if (!response_encoding) response_encoding = response_encoding_;
    if (response_encoding && !response_encoding->empty()) request.context->set(std::string(encoding_key), *response_encoding);
}

void ContentDecodePolicy::on_response(pipeline::PipelineRequest& request, pipeline::PipelineResponse& response) const {
    // Absent `stream` counts as true here (Python's default), false at the transport: see the keys.
    if (options::stream_for_content_decode.get(response.context->options)) return;
    // azcore departs from Python here: binary bodies are left as bytes instead of raising.
    std::string mime = mime_type_of(*response.http_response);
    if (!is_json_mime(mime) && !is_xml_mime(mime) && !is_text_mime(mime)) return;
    std::optional<std::string> encoding;
    if (const auto* chosen = request.context->get<std::string>(encoding_key)) encoding = *chosen;
    response.context->set(std::string(CONTEXT_NAME), deserialize_from_http_generics(response.http_response, std::move(encoding)));
}

}  // namespace azcore::policies
