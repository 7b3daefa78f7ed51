#pragma once
// Running a service until Ctrl-C or SIGTERM (azcore-testserver, `azrest demo --serve`).
#include <csignal>

namespace azcore::testserver {

/// Blocks SIGINT and SIGTERM in the calling thread, and so in every thread it starts afterwards
/// (construct it before the TestServer), and ignores SIGPIPE; wait() then takes the signal.
class StopSignals {
public:
    StopSignals();
    /// Waits until SIGINT or SIGTERM arrives and returns it.
    int wait();

private:
    sigset_t signals_{};
};

}  // namespace azcore::testserver
