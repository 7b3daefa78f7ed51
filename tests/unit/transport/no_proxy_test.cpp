// NO_PROXY matching (transport/no_proxy.hpp): which hosts bypass the proxy, as curl 7.88 decides.
#include "transport/no_proxy.hpp"

#include <gtest/gtest.h>

#include <string>

namespace azcore::transport::detail {
namespace {

struct Case {
    const char* no_proxy;
    const char* host;
    bool bypasses;
};

class NoProxyTest : public ::testing::TestWithParam<Case> {};

TEST_P(NoProxyTest, MatchesAsCurlDoes) {
    const Case& c = GetParam();
    EXPECT_EQ(bypasses_proxy(c.no_proxy, c.host), c.bypasses) << "NO_PROXY=\"" << c.no_proxy << "\", host " << c.host;
}

INSTANTIATE_TEST_SUITE_P(
    Table, NoProxyTest,
    ::testing::Values(
        // Names: the name itself and its subdomains, in any case; a leading dot changes nothing.
        Case{"example.com", "example.com", true}, Case{"example.com", "a.example.com", true},
        Case{"example.com", "a.b.example.com", true}, Case{".example.com", "a.example.com", true},
        Case{".example.com", "example.com", true}, Case{"EXAMPLE.com", "Example.COM", true},
        Case{"example.com", "badexample.com", false}, Case{"example.com", "example.com.evil", false},
        Case{"example.com", "com", false}, Case{"a.example.com", "example.com", false},
        // Lists: commas and spaces separate entries; empty entries are skipped.
        Case{"foo, example.com", "example.com", true}, Case{"foo example.com", "example.com", true},
        Case{",,example.com,,", "example.com", true}, Case{"foo,bar", "example.com", false}, Case{"", "example.com", false},
        Case{" , ", "example.com", false},
        // "*" alone matches every host; inside a name it is not a wildcard.
        Case{"*", "example.com", true}, Case{"*", "127.0.0.1", true}, Case{"foo,*", "example.com", true},
        Case{"*.example.com", "a.example.com", false},
        // Addresses: exact, or within a CIDR prefix; a name never matches an address.
        Case{"127.0.0.1", "127.0.0.1", true}, Case{"127.0.0.1", "127.0.0.2", false}, Case{"127.0.0.0/8", "127.1.2.3", true},
        Case{"10.0.0.0/8", "127.0.0.1", false}, Case{"127.0.0.1/32", "127.0.0.1", true}, Case{"0.0.0.0/0", "192.168.1.1", true},
        Case{"127.0.0.1/33", "127.0.0.1", false}, Case{"127.0.0.1/x", "127.0.0.1", false}, Case{"localhost", "127.0.0.1", false},
        Case{"0.0.1", "127.0.0.1", false}, Case{"::1", "::1", true}, Case{"[::1]", "::1", true}, Case{"::1", "127.0.0.1", false},
        Case{"fd00::/8", "fd12:3456::1", true}, Case{"fd00::/8", "fe80::1", false}, Case{"127.0.0.1", "::ffff:127.0.0.1", false}));

}  // namespace
}  // namespace azcore::transport::detail
