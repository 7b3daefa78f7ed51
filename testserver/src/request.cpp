#include "request.hpp"

#include <boost/beast/core/string.hpp>

namespace azcore::testserver::detail {

std::optional<std::string> Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (boost::beast::iequals(key, name)) return value;
    }
    return std::nullopt;
}

}  // namespace azcore::testserver::detail
