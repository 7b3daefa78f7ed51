#include "json_path.hpp"

namespace azrest {

const boost::json::value* find_path(const boost::json::value& root, std::string_view path) {
    const boost::json::value* at = &root;
    while (at != nullptr) {
        auto dot = path.find('.');
        std::string_view member = path.substr(0, dot);
        const boost::json::object* object = at->if_object();
        at = object ? object->if_contains(member) : nullptr;
        if (dot == std::string_view::npos) break;
        path.remove_prefix(dot + 1);
    }
    return at;
}

}  // namespace azrest
