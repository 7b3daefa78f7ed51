#include <azcore/policies/content_decode_policy.hpp>

#include <azcore/exceptions.hpp>
#include <azcore/options/keys.hpp>
#include <azcore/rest/http_response.hpp>
#include <azcore/utils/string_utils.hpp>

#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

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

/// The response's mime type, trimmed and in lower case ("application/json" when it has no
/// Content-Type); a view of its header when that is already so, else of storage.
std::string_view mime_type_of(const rest::HttpResponseBase& response, std::string& storage) {
    const std::string* content_type = response.headers().find("Content-Type");
    const auto several = std::count_if(response.headers().begin(), response.headers().end(),
                                       [](const auto& entry) { return utils::iequals(entry.first, "Content-Type"); });
    if (several > 1) content_type = &(storage = *response.content_type());  // the values joined, as get() gives them
    if (content_type == nullptr || content_type->empty()) return "application/json";
    std::string_view mime = std::string_view(*content_type).substr(0, content_type->find(';'));
    auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!mime.empty() && is_space(static_cast<unsigned char>(mime.front()))) mime.remove_prefix(1);
    while (!mime.empty() && is_space(static_cast<unsigned char>(mime.back()))) mime.remove_suffix(1);
    if (std::none_of(mime.begin(), mime.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return mime;
    storage = std::string(mime);  // mime may be a view of storage
    std::transform(storage.begin(), storage.end(), storage.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return storage;
}

std::optional<boost::json::value> try_json(std::string_view data, boost::system::error_code& error) {
    boost::json::value value = boost::json::parse(data, error);
    if (error) return std::nullopt;
    return value;
}

/// ContentDecodePolicy::deserialize_from_text; Text is std::string_view, or a std::string that
/// a text result takes over instead of copying.
template <class Text>
DeserializedData decode_text(Text&& data, std::optional<std::string_view> mime_type,
                             std::shared_ptr<rest::HttpResponseBase> response) {
    const std::string_view view(data);
    if (view.empty()) return std::monostate{};
    if (!mime_type) return std::string(std::forward<Text>(data));
    if (is_json_mime(*mime_type)) {
        boost::system::error_code error;
        if (auto json = try_json(view, error)) return std::make_shared<const boost::json::value>(std::move(*json));
        throw exceptions::DecodeError("JSON is invalid: " + error.message(), std::move(response),
                                      {.error = std::make_exception_ptr(boost::system::system_error(error))});
    }
    if (is_xml_mime(*mime_type)) {
        auto document = std::make_shared<pugi::xml_document>();
        pugi::xml_parse_result parsed = document->load_buffer(view.data(), view.size());
        if (parsed) return std::shared_ptr<const pugi::xml_document>(std::move(document));
        // Python tries JSON before giving up: some services label JSON as XML.
        boost::system::error_code error;
        if (auto json = try_json(view, error)) return std::make_shared<const boost::json::value>(std::move(*json));
        throw exceptions::DecodeError("XML is invalid", std::move(response),
                                      {.error = std::make_exception_ptr(std::runtime_error(parsed.description()))});
    }
    if (is_text_mime(*mime_type)) return std::string(std::forward<Text>(data));
    throw exceptions::DecodeError("Cannot deserialize content-type: " + std::string(*mime_type), std::move(response));
}

/// deserialize_from_http_generics with the mime type already known.
DeserializedData deserialize_with_mime(const std::shared_ptr<rest::HttpResponseBase>& response, std::string_view mime,
                                       std::optional<std::string> encoding) {
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
    return decode_text(response->text(std::move(encoding)), mime, response);
}

}  // namespace

ContentDecodePolicy::ContentDecodePolicy(std::optional<std::string> response_encoding)
    : response_encoding_(std::move(response_encoding)) {}

std::span<const std::string_view> ContentDecodePolicy::option_names() const { return decode_options; }

DeserializedData ContentDecodePolicy::deserialize_from_text(std::string_view data, std::optional<std::string_view> mime_type,
                                                            std::shared_ptr<rest::HttpResponseBase> response) {
    return decode_text(data, mime_type, std::move(response));
}

DeserializedData ContentDecodePolicy::deserialize_from_http_generics(const std::shared_ptr<rest::HttpResponseBase>& response,
                                                                     std::optional<std::string> encoding) {
    std::string storage;
    return deserialize_with_mime(response, mime_type_of(*response, storage), std::move(encoding));
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
    std::string storage;
    const std::string_view mime = mime_type_of(*response.http_response, storage);
    if (!is_json_mime(mime) && !is_xml_mime(mime) && !is_text_mime(mime)) return;
    std::optional<std::string> encoding;
    if (const auto* chosen = request.context->get<std::string>(encoding_key)) encoding = *chosen;
    response.context->set(std::string(CONTEXT_NAME), deserialize_with_mime(response.http_response, mime, std::move(encoding)));
}

}  // namespace azcore::policies
