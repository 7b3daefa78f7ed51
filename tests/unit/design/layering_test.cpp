// The layering rules of docs/design (DESIGN.md's layers and include ladder, api.md), checked on the
// sources: curl is included only by the curl transport, the headers include each other without a
// loop and only down the ladder, and no public header names a `detail::` type.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
const fs::path source_dir = AZCORE_SOURCE_DIR;

/// The files under include/ and src/ with one of the extensions, as paths relative to the source
/// directory ("include/azcore/...", "src/...").
std::vector<std::string> sources(std::initializer_list<const char*> extensions) {
    std::vector<std::string> out;
    for (const char* base : {"include", "src"})
        for (const auto& entry : fs::recursive_directory_iterator(source_dir / base))
            for (const char* extension : extensions)
                if (entry.is_regular_file() && entry.path().extension() == extension)
                    out.push_back(fs::relative(entry.path(), source_dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> lines_of(const std::string& relative) {
    std::ifstream in(source_dir / relative);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

/// The project headers a file includes, resolved the way the build does: <azcore/...> from
/// include/, "..." from src/.
std::vector<std::string> project_includes(const std::string& relative) {
    static const std::regex include_line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    std::vector<std::string> out;
    for (const std::string& line : lines_of(relative)) {
        std::smatch match;
        if (!std::regex_search(line, match, include_line)) continue;
        const std::string name = match[1];
        const std::string candidate = name.starts_with("azcore/") ? "include/" + name : "src/" + name;
        if (fs::exists(source_dir / candidate)) out.push_back(candidate);
    }
    return out;
}

TEST(LayeringTest, CurlIsIncludedOnlyByTheCurlTransport) {
    std::vector<std::string> offenders;
    for (const std::string& file : sources({".hpp", ".cpp"})) {
        if (file.starts_with("src/transport/curl/")) continue;
        for (const std::string& line : lines_of(file))
            if (line.find("#include <curl/") != std::string::npos) offenders.push_back(file);
    }
    EXPECT_TRUE(offenders.empty()) << "curl included outside src/transport/curl: " << ::testing::PrintToString(offenders);
}

TEST(LayeringTest, HeadersIncludeEachOtherWithoutALoop) {
    std::map<std::string, std::vector<std::string>> graph;
    for (const std::string& header : sources({".hpp"})) graph[header] = project_includes(header);
    std::map<std::string, int> state;  // 0 unseen, 1 on the path, 2 done
    std::vector<std::string> path;
    std::vector<std::string> loop;
    std::function<bool(const std::string&)> visit = [&](const std::string& header) {
        state[header] = 1;
        path.push_back(header);
        for (const std::string& next : graph[header]) {
            if (state[next] == 1) {
                loop.assign(std::find(path.begin(), path.end(), next), path.end());
                loop.push_back(next);
                return true;
            }
            if (state[next] == 0 && visit(next)) return true;
        }
        path.pop_back();
        state[header] = 2;
        return false;
    };
    for (const auto& [header, includes] : graph)
        if (state[header] == 0 && visit(header)) break;
    EXPECT_TRUE(loop.empty()) << "headers include each other in a loop: " << ::testing::PrintToString(loop);
}

// DESIGN.md's include ladder: utils → exceptions → rest → options → transport interface → pipeline →
// policies → clients → paging / polling. A public header may include headers of its own rung or a
// lower one. Each folder of include/azcore/ and each top-level header has a rung here: a new one
// fails the test until it is given one.
struct Rung {
    int level;
    const char* name;
};
const std::map<std::string, Rung> ladder = {
    // Folders (include/azcore/<folder>/...).
    {"utils/", {0, "utils"}},
    {"mgmt/", {1, "exceptions"}},
    {"logging/", {0, "utils"}},
    {"messaging/", {1, "exceptions"}},  // CloudEvent: a value type over serialization.hpp
    {"credentials/", {2, "rest"}},
    {"rest/", {2, "rest"}},
    {"tracing/", {3, "options"}},
    {"options/", {3, "options"}},
    {"transport/", {4, "transport"}},
    {"pipeline/", {5, "pipeline"}},
    {"policies/", {6, "policies"}},
    {"polling/", {8, "paging/polling"}},
    {"serialization/", {1, "exceptions"}},
    // Top-level headers.
    {"azure_clouds.hpp", {0, "utils"}},
    {"bytes.hpp", {0, "utils"}},
    {"match_conditions.hpp", {0, "utils"}},
    {"net.hpp", {0, "utils"}},
    {"settings.hpp", {0, "utils"}},
    {"exceptions.hpp", {1, "exceptions"}},
    {"request_history.hpp", {1, "exceptions"}},
    {"serialization.hpp", {1, "exceptions"}},
    {"case_insensitive_enum.hpp", {1, "exceptions"}},
    {"credentials.hpp", {2, "rest"}},
    {"credentials_async.hpp", {2, "rest"}},
    {"configuration.hpp", {6, "policies"}},
    {"pipeline_client.hpp", {7, "clients"}},
    {"async_pipeline_client.hpp", {7, "clients"}},
    {"send_checked.hpp", {7, "clients"}},
    {"resumable_body.hpp", {7, "clients"}},
    {"async_resumable_body.hpp", {7, "clients"}},
    {"paging.hpp", {8, "paging/polling"}},
    {"async_paging.hpp", {8, "paging/polling"}},
    {"faces.hpp", {8, "paging/polling"}},
};

/// The rung of a public header ("include/azcore/..."), or nullptr when it has none.
const Rung* rung_of(const std::string& header) {
    const std::string inside = header.substr(std::string("include/azcore/").size());
    const std::size_t slash = inside.find('/');
    const auto found = ladder.find(slash == std::string::npos ? inside : inside.substr(0, slash + 1));
    return found == ladder.end() ? nullptr : &found->second;
}

TEST(LayeringTest, PublicHeadersIncludeOnlyDownTheLadder) {
    std::vector<std::string> offenders;
    for (const std::string& header : sources({".hpp"})) {
        if (!header.starts_with("include/")) continue;
        const Rung* rung = rung_of(header);
        if (rung == nullptr) {
            offenders.push_back(header + " has no rung in the ladder");
            continue;
        }
        for (const std::string& included : project_includes(header)) {
            const Rung* target = included.starts_with("include/") ? rung_of(included) : nullptr;
            if (target == nullptr) {
                offenders.push_back(header + " includes " + included + ", which has no rung in the ladder");
            } else if (target->level > rung->level) {
                offenders.push_back(header + " (" + rung->name + ") includes " + included + " (" + target->name + ")");
            }
        }
    }
    std::ostringstream message;
    for (const std::string& offender : offenders) message << "\n  " << offender;
    EXPECT_TRUE(offenders.empty()) << "includes against the ladder:" << message.str();
}

TEST(LayeringTest, NoPublicHeaderNamesADetailType) {
    std::vector<std::string> offenders;
    for (const std::string& header : sources({".hpp"})) {
        if (!header.starts_with("include/")) continue;
        for (const std::string& line : lines_of(header)) {
            const std::string code = line.substr(0, line.find("//"));
            // A declaration `namespace detail {` is fine; naming detail:: in code is not.
            if (code.find("detail::") != std::string::npos) {
                offenders.push_back(header);
                break;
            }
        }
    }
    EXPECT_TRUE(offenders.empty()) << "public headers that name detail:: types: " << ::testing::PrintToString(offenders);
}

}  // namespace
