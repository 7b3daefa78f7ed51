#pragma once
// Random ids for requests and resources a client names itself.
#include <string>

namespace azcore::utils {

/// A random (version 4) UUID in its lower-case 36-character form, as Python's str(uuid.uuid4()).
/// Thread-safe; each thread has its own generator, seeded once.
std::string uuid4();

}  // namespace azcore::utils
