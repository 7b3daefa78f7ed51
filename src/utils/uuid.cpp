#include <azcore/utils/uuid.hpp>

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace azcore::utils {

std::string uuid4() {
    thread_local boost::uuids::random_generator_mt19937 generator;  // seeded once per thread: no syscall per id
    return boost::uuids::to_string(generator());
}

}  // namespace azcore::utils
