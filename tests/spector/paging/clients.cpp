#include "paging/clients.hpp"

#include <azcore/exceptions.hpp>
#include <azcore/policies/content_decode_policy.hpp>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <pugixml.hpp>

#include <stdexcept>

namespace azcore::spector::paging {

namespace json = boost::json;

User tag_invoke(json::value_to_tag<User>, const json::value& value) {
    return {.id = json::value_to<int>(value.at("id")),
            .name = json::value_to<std::string>(value.at("name")),
            .etag = string_at(value, {"etag"})};
}
FirstItem tag_invoke(json::value_to_tag<FirstItem>, const json::value& value) { return {json::value_to<int>(value.at("id"))}; }
SecondItem tag_invoke(json::value_to_tag<SecondItem>, const json::value& value) {
    return {json::value_to<std::string>(value.at("name"))};
}
PageableUser tag_invoke(json::value_to_tag<PageableUser>, const json::value& value) {
    return {json::value_to<std::string>(value.at("name"))};
}
Pet tag_invoke(json::value_to_tag<Pet>, const json::value& value) {
    return {json::value_to<std::string>(value.at("id")), json::value_to<std::string>(value.at("name"))};
}

const json::value* find_at(const json::value& value, const JsonPath& path) {
    const json::value* current = &value;
    for (std::string_view name : path) {
        const json::object* object = current->if_object();
        current = object ? object->if_contains(name) : nullptr;
        if (current == nullptr || current->is_null()) return nullptr;
    }
    return current;
}

std::optional<std::string> string_at(const json::value& value, const JsonPath& path) {
    if (path.empty()) return std::nullopt;
    const json::value* found = find_at(value, path);
    if (found == nullptr) return std::nullopt;
    return json::value_to<std::string>(*found);
}

PageData<Pet> xml_pets_page(const Response& response, const char* next) {
    auto data = policies::ContentDecodePolicy::deserialize_from_text(response->text(), "application/xml", response);
    const auto* document = std::get_if<std::shared_ptr<const pugi::xml_document>>(&data);
    if (document == nullptr) throw exceptions::DecodeError("XML is invalid", response);
    pugi::xml_node result = (*document)->child("PetListResult");
    std::vector<Pet> pets;
    for (pugi::xml_node pet : result.child("Pets").children("Pet"))
        pets.push_back({pet.child_value("Id"), pet.child_value("Name")});
    pugi::xml_node token = result.child(next);
    return {token ? std::optional<std::string>(token.child_value()) : std::nullopt, std::move(pets)};
}

rest::HttpRequest next_link_request(const std::string& next_link, const Params& reinjected) {
    auto parsed = boost::urls::parse_uri_reference(next_link);
    if (!parsed) throw std::invalid_argument("Invalid next link: " + next_link);
    boost::urls::url url(*parsed);
    for (const auto& [name, value] : reinjected) url.params().set(name, std::get<std::string>(value));
    return rest::HttpRequest("GET", std::string(url.buffer()));
}

rest::HttpRequest token_request(std::string path, const HeaderAndQuery& options, TokenIn in, const std::optional<std::string>& token) {
    rest::HttpRequestOptions request;
    if (token && in == TokenIn::query) request.params.emplace_back("token", *token);
    if (options.bar) request.params.emplace_back("bar", *options.bar);
    if (token && in == TokenIn::header) request.headers.set("token", *token);
    if (options.foo) request.headers.set("foo", *options.foo);
    return rest::HttpRequest("GET", std::move(path), std::move(request));
}

}  // namespace azcore::spector::paging
