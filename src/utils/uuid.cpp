#include <azcore/utils/uuid.hpp>

#include <boost/random/mersenne_twister.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <random>

namespace azcore::utils {

std::string uuid4() {
    // One generator per thread, seeded once from 256 bits of the system's entropy: no system call
    // per id. (Boost's own seeding of random_generator_mt19937 asks the system for each of the
    // engine's 624 state words, one getrandom call each.)
    thread_local boost::random::mt19937 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return boost::random::mt19937(seed);
    }();
    thread_local boost::uuids::basic_random_generator<boost::random::mt19937> generator(engine);
    return boost::uuids::to_string(generator());
}

}  // namespace azcore::utils
