// check_url (transport/url_origin.hpp): a request URL's check and parts, the same whether its
// origin was the one checked before on this thread (only the rest is parsed) or not.
#include "transport/url_origin.hpp"

#include "support/invalid_argument_message.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace azcore::transport::detail {
namespace {

using test::invalid_argument_message;

constexpr const char* valid = "<no std::invalid_argument>";

/// What check_url gave for a URL: its refusal, or its parts.
struct Checked {
    std::string message = valid;
    std::string host_key{}, host{}, port{}, target{}, scheme{}, proxy_host{};
    bool https = false;
    bool operator==(const Checked&) const = default;
};

void PrintTo(const Checked& c, std::ostream* out) {
    *out << c.message << " | " << c.host_key << " | " << c.host << " | " << c.port << " | " << c.target << " | " << c.scheme
         << " | " << c.proxy_host << " | " << c.https;
}

Checked check(const std::string& url) {
    Checked checked;
    checked.message = invalid_argument_message([&] {
        const CheckedUrl parts = check_url(url);
        checked.host_key = parts.origin.host_key;
        checked.host = parts.origin.host;
        checked.port = parts.origin.port;
        checked.target = parts.target;
        checked.scheme = parts.origin.scheme;
        checked.proxy_host = parts.origin.proxy_host;
        checked.https = parts.origin.https;
    });
    return checked;
}

/// check(url) right after check(before), which leaves before's origin kept when it was accepted.
Checked check_after(const std::string& before, const std::string& url) {
    check(before);
    return check(url);
}

struct Case {
    std::string before;  // checked first, on the same thread
    std::string url;
    Checked expected;
};

void PrintTo(const Case& c, std::ostream* out) { *out << testing::PrintToString(c.before) << " then " << testing::PrintToString(c.url); }

class CheckUrl : public ::testing::TestWithParam<Case> {};

TEST_P(CheckUrl, GivesTheUrlsOwnPartsWhateverCameBefore) { EXPECT_EQ(check_after(GetParam().before, GetParam().url), GetParam().expected); }

Checked parts(std::string host_key, std::string host, std::string port, std::string target, std::string scheme = "http",
              std::string proxy_host = "") {
    return Checked{.host_key = std::move(host_key),
                   .host = host,
                   .port = std::move(port),
                   .target = std::move(target),
                   .scheme = scheme,
                   .proxy_host = proxy_host.empty() ? host : std::move(proxy_host),
                   .https = scheme == "https" || scheme == "HTTPS"};
}

Checked refused(std::string message) {
    Checked checked;
    checked.message = std::move(message);
    return checked;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CheckUrl,
    ::testing::Values(
        // The same origin: only the path, query and fragment change.
        Case{"http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b?c=d#e", parts("http://127.0.0.1:8080", "127.0.0.1", "8080", "/b?c=d")},
        Case{"http://h/a", "http://h", parts("http://h", "h", "80", "/")},
        Case{"http://h/a", "http://h#f", parts("http://h", "h", "80", "/")},
        Case{"http://h/a", "http://h?x=1", parts("http://h", "h", "80", "/?x=1")},
        Case{"https://h/a", "https://h/x/y", parts("https://h", "h", "443", "/x/y", "https")},
        Case{"http://h/", "http://h//x", parts("http://h", "h", "80", "//x")},
        Case{"http://h/", "http://h/a%20b?q=%2F", parts("http://h", "h", "80", "/a%20b?q=%2F")},
        // What follows the kept origin's text is another authority.
        Case{"http://h/", "http://hostile.example/", parts("http://hostile.example", "hostile.example", "80", "/")},
        Case{"http://h/", "http://h:8081/", parts("http://h:8081", "h", "8081", "/")},
        Case{"http://h/", "http://h@evil/", parts("http://evil", "evil", "80", "/")},
        Case{"http://h/", "http://h.evil/", parts("http://h.evil", "h.evil", "80", "/")},
        Case{"http://h/", "HTTP://h/", parts("http://h", "h", "80", "/", "HTTP")},
        Case{"http://[::1]:8080/", "http://[::1]:8080/x", parts("http://[::1]:8080", "::1", "8080", "/x", "http", "[::1]")},
        Case{"http://h%41/", "http://h%41/x", parts("http://h%41", "hA", "80", "/x")},
        // The rest is refused as the whole URL is.
        Case{"http://h/", "http://h/a b", refused("url: not a valid URL (RFC 3986): SP at offset 10")},
        Case{"http://h/", "http://h/a\r\nX: y", refused("url: not a valid URL (RFC 3986): CR at offset 10")},
        Case{"http://h/", "http://h/%zz", refused("url: not a valid URL (RFC 3986)")},
        Case{"http://h/", "http://h/{id}", refused("url: not a valid URL (RFC 3986): '{' at offset 9")},
        Case{"http://h/", "http://h//[::1]", refused("url: not a valid URL (RFC 3986)")},
        Case{"http://h/", "http://h?a#b#c", refused("url: not a valid URL (RFC 3986)")},
        Case{"http://h/", "ftp://h/", refused("url: scheme 'ftp' is not http or https")},
        // A refused URL keeps nothing.
        Case{"http://h/a b", "http://h/ok", parts("http://h", "h", "80", "/ok")},
        Case{"ftp://h/", "http://h/ok", parts("http://h", "h", "80", "/ok")}));

// Every URL of a list checked after every other gives what it gives after an unrelated origin.
TEST(CheckUrl, EveryPairGivesWhatTheUrlAloneGives) {
    const std::vector<std::string> urls = {
        "http://h/", "http://h", "http://h?q", "http://h#f", "http://h//a", "http://h/a?b#c", "https://h/",
        "http://h:80/", "http://h:/", "http://user@h/", "http://h/a b", "http://h/%zz", "http://h/%41",
        "http://h.x/", "http://[::1]/", "http://[::1]:1/", "http://1.2.3.4/", "http://h/a:b@c", "http://h?//x",
        "http://h#//x", "http://h/ü", "ftp://h/", "http:/h", "http:///", "/relative", "",
    };
    for (const std::string& url : urls) {
        const Checked alone = check_after("http://unrelated.invalid/", url);
        for (const std::string& before : urls) EXPECT_EQ(check_after(before, url), alone) << before << " then " << url;
    }
}

}  // namespace
}  // namespace azcore::transport::detail
