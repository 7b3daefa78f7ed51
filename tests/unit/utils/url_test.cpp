// What counts as an absolute URL (Python's urlparse test, as the clients use it to decide whether
// a request URL joins the base URL), and how a relative one joins, row by row.
#include "utils/url.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace azcore::utils::detail {
namespace {

TEST(IsAbsoluteUrl, ASchemeThenSlashesThenANonEmptyNetworkLocation) {
    const std::vector<std::pair<std::string, bool>> rows = {
        {"https://h/p", true},       {"https://h", true},        {"http://h?x=1", true},
        {"http://h#f", true},        {"http://127.0.0.1:80", true}, {"ht+tp.x-y://h/", true},
        {"HTTPS://H/", true},        {"https:///p", false},      {"https://", false},
        {"https://?q", false},       {"https://#f", false},      {"/path", false},
        {"path/x", false},           {"h:/x", false},            {"1http://h", false},
        {"://h", false},             {"ht_tp://h", false},       {"x:y", false},
        {"", false},
    };
    for (const auto& [url, absolute] : rows) EXPECT_EQ(is_absolute_url(url), absolute) << "'" << url << "'";
}

TEST(JoinUrl, TheStubsPathAndQueryJoinTheBase) {
    EXPECT_EQ(join_url("https://h/base/", "items"), "https://h/base/items");
    EXPECT_EQ(join_url("https://h/base?a=1", "items?b=2"), "https://h/base/items?a=1&b=2");
}

}  // namespace
}  // namespace azcore::utils::detail
