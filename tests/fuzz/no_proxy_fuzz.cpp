// NO_PROXY matching: the input is a NO_PROXY value and a host, split at the first newline. Any
// value and host give an answer; "*" bypasses every host; a host that is a plain name (letters,
// digits, '-' and '.') is bypassed by a list holding it, in any case, and by its parent domain.
#include "fuzz_support.hpp"

#include "transport/no_proxy.hpp"

#include <algorithm>
#include <cctype>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using azcore::transport::detail::bypasses_proxy;
    const std::string_view text = azcore::fuzz::as_text(data, size);
    const std::size_t split = text.find('\n');
    const std::string_view list = text.substr(0, split);
    const std::string_view host = split == std::string_view::npos ? std::string_view() : text.substr(split + 1);
    const bool bypassed = bypasses_proxy(list, host);
    AZCORE_FUZZ_CHECK(bypassed == bypasses_proxy(std::string(list), std::string(host)));  // no hidden state
    AZCORE_FUZZ_CHECK(bypasses_proxy("*", host));
    const bool plain_name = !host.empty() && host.front() != '.' && host.back() != '.' &&
                            std::all_of(host.begin(), host.end(), [](char c) {
                                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
                            }) &&
                            std::any_of(host.begin(), host.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (plain_name) {
        AZCORE_FUZZ_CHECK(bypasses_proxy(std::string(list) + "," + std::string(host), host));
        std::string upper(host);
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        AZCORE_FUZZ_CHECK(bypasses_proxy(upper, host));
        AZCORE_FUZZ_CHECK(bypasses_proxy(host, "sub." + std::string(host)));
    }
    return 0;
}
