#include "azcore/testserver/stop_signals.hpp"

#include <pthread.h>

namespace azcore::testserver {

StopSignals::StopSignals() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

int StopSignals::wait() {
    int signal = 0;
    sigwait(&signals_, &signal);
    return signal;
}

}  // namespace azcore::testserver
