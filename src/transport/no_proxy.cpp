#include "transport/no_proxy.hpp"

#include <azcore/utils/string_utils.hpp>

#include <boost/asio/ip/address.hpp>

#include <charconv>
#include <cstdint>
#include <string>

namespace azcore::transport::detail {
namespace {

bool is_separator(char c) { return c == ',' || c == ' ' || c == '\t'; }

/// Whether address lies in entry ("address" or "address/bits").
bool address_matches(const boost::asio::ip::address& address, std::string_view entry) {
    std::string_view bits_text;
    if (const auto slash = entry.find('/'); slash != std::string_view::npos) {
        bits_text = entry.substr(slash + 1);
        entry = entry.substr(0, slash);
    }
    if (entry.size() > 1 && entry.front() == '[' && entry.back() == ']') entry = entry.substr(1, entry.size() - 2);
    boost::system::error_code error;
    const auto network = boost::asio::ip::make_address(std::string(entry), error);
    if (error || network.is_v4() != address.is_v4()) return false;
    const unsigned width = address.is_v4() ? 32 : 128;
    unsigned bits = width;
    if (!bits_text.empty()) {
        const auto [end, code] = std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
        if (code != std::errc() || end != bits_text.data() + bits_text.size() || bits > width) return false;
    }
    const auto mine = address.is_v4() ? std::string(reinterpret_cast<const char*>(address.to_v4().to_bytes().data()), 4)
                                      : std::string(reinterpret_cast<const char*>(address.to_v6().to_bytes().data()), 16);
    const auto theirs = network.is_v4() ? std::string(reinterpret_cast<const char*>(network.to_v4().to_bytes().data()), 4)
                                        : std::string(reinterpret_cast<const char*>(network.to_v6().to_bytes().data()), 16);
    for (unsigned i = 0; i < bits; ++i) {
        const auto bit = [i](const std::string& bytes) { return (static_cast<unsigned char>(bytes[i / 8]) >> (7 - i % 8)) & 1u; };
        if (bit(mine) != bit(theirs)) return false;
    }
    return true;
}

}  // namespace

bool bypasses_proxy(std::string_view no_proxy, std::string_view host) {
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(std::string(host), error);
    const bool is_address = !error;
    std::size_t at = 0;
    while (at < no_proxy.size()) {
        while (at < no_proxy.size() && is_separator(no_proxy[at])) ++at;
        std::size_t end = at;
        while (end < no_proxy.size() && !is_separator(no_proxy[end])) ++end;
        std::string_view entry = no_proxy.substr(at, end - at);
        at = end;
        if (entry.empty()) continue;
        if (entry == "*") return true;
        if (is_address) {
            if (address_matches(address, entry)) return true;
            continue;
        }
        if (entry.front() == '.') entry.remove_prefix(1);
        if (entry.empty()) continue;
        if (utils::iequals(host, entry)) return true;
        if (host.size() > entry.size() && host[host.size() - entry.size() - 1] == '.' &&
            utils::iequals(host.substr(host.size() - entry.size()), entry))
            return true;
    }
    return false;
}

}  // namespace azcore::transport::detail
