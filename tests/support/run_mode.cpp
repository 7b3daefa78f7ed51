#include "support/run_mode.hpp"
