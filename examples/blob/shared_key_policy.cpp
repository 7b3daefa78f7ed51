#include "shared_key_policy.hpp"

#include "crypto.hpp"

#include <azcore/pipeline/pipeline_request.hpp>
#include <azcore/utils/http_date.hpp>
#include <azcore/utils/string_utils.hpp>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <vector>

namespace blob {
namespace {

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace

std::string http_date_now() {
    return azcore::utils::format_http_date(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

SharedKeyCredentialPolicy::SharedKeyCredentialPolicy(std::shared_ptr<azcore::credentials::AzureNamedKeyCredential> credential)
    : credential_(std::move(credential)) {
    if (!credential_) throw std::invalid_argument("credential can not be None");
}

std::string SharedKeyCredentialPolicy::string_to_sign(const azcore::rest::HttpRequest& request, const std::string& account) {
    std::string out = request.method + "\n";
    for (const char* name : {"Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
                             "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range"}) {
        auto value = request.headers.get(name).value_or("");
        if (std::string_view(name) == "Content-Length" && value == "0") value.clear();
        out += value + "\n";
    }

    std::map<std::string, std::string> ms_headers;
    for (const auto& [name, value] : request.headers) {
        auto key = azcore::utils::to_lower(name);
        if (key.starts_with("x-ms-")) ms_headers[key] = trim(value);
    }
    for (const auto& [name, value] : ms_headers) out += name + ":" + value + "\n";

    // A batch part has a path for its URL (DELETE /account/container/blob HTTP/1.1): a reference.
    const auto url = boost::urls::parse_uri_reference(request.url);
    if (!url) throw std::invalid_argument("the request URL does not parse");
    out += "/" + account + std::string(url->encoded_path());
    std::map<std::string, std::vector<std::string>> query;
    for (const auto& param : url->params()) query[azcore::utils::to_lower(param.key)].push_back(param.value);
    for (auto& [name, values] : query) {
        std::sort(values.begin(), values.end());
        out += "\n" + name + ":";
        for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + values[i];
    }
    return out;
}

void SharedKeyCredentialPolicy::on_request(azcore::pipeline::PipelineRequest& request) const {
    auto& http_request = *request.http_request;
    http_request.headers.set("x-ms-date", http_date_now());
    const auto [account, key] = credential_->named_key();
    const auto signature = sign_hmac_sha256(base64_decode(key), string_to_sign(http_request, account));
    http_request.headers.set("Authorization", "SharedKey " + account + ":" + signature);
}

}  // namespace blob
