#include "sas.hpp"

#include "crypto.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <ctime>

namespace blob {

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
    const std::time_t t = std::chrono::system_clock::to_time_t(time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string generate_account_sas(const std::string& account, const std::string& account_key, const AccountSasOptions& options) {
    const auto expiry = iso8601_utc(options.expiry);
    // accountname, sp, ss, srt, st, se, sip, spr, sv, ses: each followed by a newline.
    const std::string string_to_sign = account + "\n" + options.permissions + "\n" + options.services + "\n" +
                                       options.resource_types + "\n" + "\n" + expiry + "\n" + "\n" + options.protocol +
                                       "\n" + options.version + "\n" + "\n";
    const auto signature = sign_hmac_sha256(base64_decode(account_key), string_to_sign);
    const auto encode = [](const std::string& value) { return boost::urls::encode(value, boost::urls::unreserved_chars); };
    return "ss=" + options.services + "&srt=" + options.resource_types + "&sp=" + options.permissions + "&se=" +
           encode(expiry) + "&spr=" + encode(options.protocol) + "&sv=" + options.version + "&sig=" + encode(signature);
}

}  // namespace blob
