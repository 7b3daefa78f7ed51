# Shared build environment for scripts/*.sh (sourced).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
# The same key for a source wherever it is built from (tests/install/check_shared.sh builds the
# library again in a sibling directory and must hit the cache).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
JOBS="${JOBS:-$(nproc)}"

# The g++ build that scripts/demo.sh and scripts/test.sh share. Debug information is line tables
# only (-g1): enough for backtraces, and the build takes about 30% less time than with -g.
configure_gxx_build() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++ \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
}

# The clang build with AddressSanitizer/UndefinedBehaviorSanitizer and the libFuzzer targets
# (scripts/test.sh and scripts/fuzz.sh share it). Line tables are all a sanitizer report needs.
configure_asan_build() {
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -DAZCORE_SANITIZE=ON -DAZCORE_FUZZ=ON -DAZCORE_BUILD_BENCH=OFF
}
