#pragma once
// The connections azcore's transport reports (connection_pool()), for a RESULT line:
// pool_opened (connections opened in the whole run, warm-up included) and pool_open (still open
// at the end).
#include <azcore/transport/connection_pool_stats.hpp>

#include "bench_util.hpp"

#include <cstdint>

namespace azcore::bench {

inline Result& add_pool(Result& result, const transport::ConnectionPoolStats& stats) {
    std::uint64_t opened = 0;
    std::size_t open = 0;
    for (const transport::HostConnections& host : stats.hosts) {
        opened += host.opened_total;
        open += host.open;
    }
    return result.add("pool_opened", opened).add("pool_open", open);
}

}  // namespace azcore::bench
