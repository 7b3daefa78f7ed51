#include <azcore/mgmt/exceptions.hpp>

#include "utils/python_json.hpp"

#include <stdexcept>
#include <utility>

namespace azcore::mgmt::exceptions {

using utils::detail::python_json_dumps;
using utils::detail::python_str;
using utils::detail::truthy;

TypedErrorInfo::TypedErrorInfo(std::string type, boost::json::value info) : type_(std::move(type)), info_(std::move(info)) {}

std::string TypedErrorInfo::str() const { return "Type: " + type_ + "\nInfo: " + python_json_dumps(info_, 4); }

namespace {

// Python iterates json_object.get("additionalInfo", []): a list's items, and nothing for an empty
// string or object; anything else, or an item without "type" and "info", fails the whole format.
std::vector<TypedErrorInfo> read_additional_info(const boost::json::object& node) {
    std::vector<TypedErrorInfo> entries;
    const auto* additional_info = node.if_contains("additionalInfo");
    if (additional_info == nullptr) return entries;
    if (!additional_info->is_array()) {
        if ((additional_info->is_string() || additional_info->is_object()) && !truthy(*additional_info)) return entries;
        throw std::invalid_argument("ARMErrorFormat: \"additionalInfo\" must be a list");
    }
    for (const auto& item : additional_info->get_array()) {
        const auto* object = item.if_object();
        const auto* type = object != nullptr ? object->if_contains("type") : nullptr;
        const auto* info = object != nullptr ? object->if_contains("info") : nullptr;
        if (type == nullptr || info == nullptr) {
            throw std::invalid_argument("ARMErrorFormat: each \"additionalInfo\" entry needs a \"type\" and an \"info\"");
        }
        entries.emplace_back(python_str(*type), *info);
    }
    return entries;
}

}  // namespace

ARMErrorFormat::ARMErrorFormat(const boost::json::value& json)
    : ODataV4Format(json, azcore::exceptions::error_format<ARMErrorFormat>()),
      additional_info_(read_additional_info(error_node(json))) {}

std::string ARMErrorFormat::str() const {
    std::string text = ODataV4Format::str();
    if (!additional_info_.empty()) {
        text += "\nAdditional Information:";
        for (const auto& entry : additional_info_) text += entry.str();
    }
    return text;
}

}  // namespace azcore::mgmt::exceptions
