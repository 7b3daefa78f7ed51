// Location handling of the redirect policy: the input's first line is the URL that was requested,
// the rest the Location a server answered with. A resolved Location is an absolute URL that
// Boost.URL parses, holds no byte a request line or header could be split at (no space, control
// byte or non-ASCII), and resolves to itself again; get_domain is lower-case and stable.
#include "fuzz_support.hpp"

#include <azcore/policies/redirect_policy.hpp>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <string>

namespace {

bool printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace azcore::policies;
    const auto [base, location] = azcore::fuzz::first_line(azcore::fuzz::as_text(data, size));

    const std::string domain = get_domain(base);
    AZCORE_FUZZ_CHECK(domain == azcore::fuzz::fold(domain));
    AZCORE_FUZZ_CHECK(!domain_changed(domain, base));
    AZCORE_FUZZ_CHECK(!domain_changed("", location));

    const auto resolved = resolve_redirect_location(base, location);
    if (!resolved) return 0;
    AZCORE_FUZZ_CHECK(boost::urls::parse_uri(*resolved).has_value());
    AZCORE_FUZZ_CHECK(printable_ascii(*resolved));
    // Resolving again gives the same URL, unless percent-encoded dots are involved: Boost.URL keeps
    // "%2e%2e" as a segment when it resolves, and a later resolution may treat it as "..".
    if (azcore::fuzz::fold(base).find("%2e") == std::string::npos &&
        azcore::fuzz::fold(location).find("%2e") == std::string::npos) {
        AZCORE_FUZZ_CHECK(resolve_redirect_location(base, *resolved) == resolved);
        AZCORE_FUZZ_CHECK(resolve_redirect_location(*resolved, *resolved) == resolved);
    }
    const std::string target_domain = get_domain(*resolved);
    AZCORE_FUZZ_CHECK(target_domain == azcore::fuzz::fold(target_domain));
    AZCORE_FUZZ_CHECK(domain_changed(domain, *resolved) == (!domain.empty() && domain != target_domain));
    return 0;
}
