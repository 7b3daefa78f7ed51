// uuid4: version-4 form, and no repeats within a thread or across threads (each thread's
// generator is seeded on its own from the system's entropy).
#include <azcore/utils/uuid.hpp>

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace azcore::utils {
namespace {

std::vector<std::string> ids(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(uuid4());
    return out;
}

TEST(Uuid4, IsAVersion4UuidThatNoOtherCallOrThreadRepeats) {
    const std::regex form(R"([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");
    std::vector<std::string> here = ids(1000);
    std::vector<std::string> there;
    std::thread other([&] { there = ids(1000); });
    other.join();
    std::set<std::string> seen;
    for (const auto* batch : {&here, &there}) {
        for (const std::string& id : *batch) {
            EXPECT_TRUE(std::regex_match(id, form)) << id;
            EXPECT_TRUE(seen.insert(id).second) << "repeated: " << id;
        }
    }
    EXPECT_EQ(seen.size(), 2000u);
}

}  // namespace
}  // namespace azcore::utils
