// examples/paging_lro against Spector's azure/core/page and azure/core/lro/rpc scenarios.
#include "example_process.hpp"

#include "support/spector_server.hpp"

#include <azcore/testserver/test_server.hpp>

#include <gtest/gtest.h>

namespace azcore::examples::test {
namespace {

TEST(PagingLro, BothFacesPageAcrossBothPagesAndWaitForTheOperationAsSpectorExpects) {
    if (auto why = azcore::test::SpectorServer::missing()) GTEST_SKIP() << *why;
    azcore::test::SpectorServer spector;  // fresh: its coverage counts this run only

    const auto run = run_example(AZCORE_EXAMPLE_PAGING_LRO, {spector.base_url(), "0"});

    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err, "");
    EXPECT_EQ(lines_of(run.out), (std::vector<std::string>{
                                     "sync  list_users: page 1: 1 User1",
                                     "sync  list_users: page 2: 2 User2",
                                     "sync  begin_generate: Succeeded, result \"text data\"",
                                     "async list_users: page 1: 1 User1",
                                     "async list_users: page 2: 2 User2",
                                     "async begin_generate: Succeeded, result \"text data\"",
                                 }));
    // Spector records a scenario only when every request was exactly what it expects.
    EXPECT_EQ(spector.scenario_result("Azure_Core_Page_withParameterizedNextLink"), "pass");
    EXPECT_EQ(spector.scenario_result("Azure_Core_Lro_Rpc_longRunningRpc"), "pass");
}

TEST(PagingLro, AServiceWithoutTheRoutesIsAnErrorAndExitCode1) {
    testserver::TestServer service;  // answers 404 to Spector's routes

    const auto run = run_example(AZCORE_EXAMPLE_PAGING_LRO, {service.base_url(), "0"});

    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err.rfind("paging_lro: (NotFound) no route for /azure/core/page/with-parameterized-next-link", 0), 0u) << run.err;
}

TEST(PagingLro, ABadPollingIntervalIsAUsageError) {
    const auto run = run_example(AZCORE_EXAMPLE_PAGING_LRO, {"http://127.0.0.1:1", "soon"});

    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err, "paging_lro: POLLING_INTERVAL_SECONDS must be a number of seconds, 0 or more: soon\n");
}

}  // namespace
}  // namespace azcore::examples::test
