// The fault matrix (issue 12), in both faces: each row once (one test per row and face), then
// every row repeated (AZCORE_MATRIX_REPS times, 10 by default to keep CI short) with the
// process's open fds and RSS compared before and after. The rows are in fault_matrix/;
// AZCORE_MATRIX_ROWS (a regular expression over row names, default all) narrows the repeated run,
// e.g. to find a leaking row.
#include "fault_matrix/matrix.hpp"
#include "support/process_stats.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <regex>
#include <string>
#include <tuple>
#include <vector>

namespace azcore::test::matrix {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::vector<Row>& rows() {
    static const std::vector<Row> all = all_rows();
    return all;
}

std::string face_name(RunMode mode) { return mode == RunMode::Sync ? "Sync" : "Async"; }

class FaultMatrixTest : public ::testing::TestWithParam<std::tuple<std::size_t, RunMode>> {};

TEST_P(FaultMatrixTest, Row) {
    const auto [index, mode] = GetParam();
    Matrix m(mode);
    const auto start = Clock::now();
    rows()[index].run(m);
    // Every request of a row has bounded timeouts: a row that takes this long has hung somewhere.
    EXPECT_LT(Clock::now() - start, 10s) << "the row did not finish promptly";
}

INSTANTIATE_TEST_SUITE_P(BothFaces, FaultMatrixTest,
                         ::testing::Combine(::testing::Range<std::size_t>(0, rows().size()),
                                            ::testing::Values(RunMode::Sync, RunMode::Async)),
                         [](const ::testing::TestParamInfo<FaultMatrixTest::ParamType>& info) {
                             return rows()[std::get<0>(info.param)].name + "_" + face_name(std::get<1>(info.param));
                         });

std::size_t repetitions() {
    const char* text = std::getenv("AZCORE_MATRIX_REPS");
    return text != nullptr && *text != '\0' ? std::stoul(text) : 10;
}

// Growth allowed after warm-up: allocator caches and the test's own bookkeeping.
constexpr std::size_t allowed_rss_growth_kib = 8 * 1024;
constexpr std::size_t allowed_fd_growth = 2;
constexpr int warm_up_rounds = 2;

class FaultMatrixGrowthTest : public ::testing::TestWithParam<RunMode> {};

TEST_P(FaultMatrixGrowthTest, RepeatedRowsLeaveNoFdOrMemoryGrowth) {
    const char* pattern = std::getenv("AZCORE_MATRIX_ROWS");
    const std::regex filter(pattern != nullptr && *pattern != '\0' ? pattern : ".*");
    std::vector<const Row*> selected;
    for (const Row& row : rows())
        if (std::regex_search(row.name, filter)) selected.push_back(&row);
    ASSERT_FALSE(selected.empty()) << "AZCORE_MATRIX_ROWS selects no row";

    Matrix m(GetParam());
    auto round = [&] {
        for (const Row* row : selected) {
            m.clear_records();
            row->run(m);
            if (HasFailure()) {
                ADD_FAILURE() << "row " << row->name << " failed; stopping";
                return false;
            }
        }
        return true;
    };
    for (int i = 0; i < warm_up_rounds; ++i) ASSERT_TRUE(round());
    m.wait_until_idle();
    const std::size_t fds_before = open_fds();
    const auto rss_before = static_cast<std::size_t>(rss_bytes() / 1024);

    const std::size_t reps = repetitions();
    const auto start = Clock::now();
    for (std::size_t i = 0; i < reps; ++i) ASSERT_TRUE(round()) << "repetition " << i;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.wait_until_idle();
    const std::size_t fds_after = open_fds();
    const auto rss_after = static_cast<std::size_t>(rss_bytes() / 1024);

    std::cout << face_name(GetParam()) << ": " << reps << " repetitions of " << selected.size() << " rows in " << seconds
              << " s; open fds " << fds_before << " -> " << fds_after << "; VmRSS " << rss_before << " KiB -> " << rss_after
              << " KiB" << std::endl;
    EXPECT_LE(fds_after, fds_before + allowed_fd_growth);
    if (rss_bounds_apply()) {
        EXPECT_LE(rss_after, rss_before + allowed_rss_growth_kib);
    }
}

INSTANTIATE_TEST_SUITE_P(BothFaces, FaultMatrixGrowthTest, ::testing::Values(RunMode::Sync, RunMode::Async),
                         [](const ::testing::TestParamInfo<RunMode>& info) { return face_name(info.param); });

}  // namespace
}  // namespace azcore::test::matrix
