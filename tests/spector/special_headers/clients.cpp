#include "special_headers/clients.hpp"

#include <azcore/utils/uuid.hpp>

namespace azcore::spector::special_headers {

std::string quote_etag(std::string etag) {
    if (etag.empty() || etag == "*" || etag.front() == '"' || etag.rfind("W/\"", 0) == 0) return etag;
    return "\"" + etag + "\"";
}

rest::HttpRequest post_with(std::string route, CaseInsensitiveDict headers) {
    return rest::HttpRequest("POST", std::move(route), {.headers = std::move(headers)});
}

rest::HttpRequest repeatable_post(std::string route, std::optional<serialization::DateTime> first_sent) {
    const auto sent = first_sent.value_or(std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
    return post_with(std::move(route), {{"Repeatability-Request-ID", utils::uuid4()},
                                        {"Repeatability-First-Sent", serialization::format_rfc7231(sent)}});
}

}  // namespace azcore::spector::special_headers
