# Shared build environment for scripts/*.sh (sourced).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
JOBS="${JOBS:-$(nproc)}"

# The clang build with AddressSanitizer/UndefinedBehaviorSanitizer and the libFuzzer targets
# (scripts/test.sh and scripts/fuzz.sh share it).
configure_asan_build() {
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
    -DAZCORE_SANITIZE=ON -DAZCORE_FUZZ=ON -DAZCORE_BUILD_BENCH=OFF
}
