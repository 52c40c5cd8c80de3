#!/usr/bin/env bash
# Native test binary (native/test): tauflow's native/core compiled directly with doctest under
# AddressSanitizer + UndefinedBehaviorSanitizer (-fno-sanitize-recover=all: the first report fails
# the run), built with clang-14: its -fsanitize=undefined also checks array bounds through
# pointers and float-to-int overflow, which GCC's misses (a real out-of-bounds tile pointer was
# only seen by clang). Installs doctest-dev, clang-14 and libclang-rt-14-dev from Debian when
# missing (the fuzz step uses the same clang). About 3-4 min on 2 cores (with the TSan run).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f /usr/include/doctest/doctest.h ] || ! command -v clang++-14 >/dev/null 2>&1 ||
  ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.asan-x86_64.a >/dev/null 2>&1; then
  echo "apt-get install doctest-dev clang-14 libclang-rt-14-dev"
  (apt-get update -qq && apt-get install -y -qq doctest-dev clang-14 libclang-rt-14-dev) \
    >/tmp/tauflow-apt-native-test.log 2>&1 ||
    { echo "apt-get failed:"; tail -20 /tmp/tauflow-apt-native-test.log; exit 1; }
fi

build=build/native-test-clang
CXX=clang++-14 cmake -S native/test -B "$build" -DCMAKE_BUILD_TYPE=Debug -DTAUFLOW_SANITIZE=ON \
  >/dev/null
cmake --build "$build" -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Two threads is what CI has; the tests also set their own thread counts where it matters.
TAUFLOW_NUM_THREADS=2 "$build/tauflow_native_tests"

# ThreadSanitizer over the code that forks and joins: the worker pool, parallel_for, the parallel
# radix sort, the Kendall counts and the average ranks (1-8 threads inside the tests). ~40 s.
tsan="$build/tauflow_tsan_tests"
clang++-14 -std=c++17 -O1 -g -fsanitize=thread -Inative -Inative/test \
  native/test/test_main.cpp native/test/test_thread_pool.cpp native/test/test_parallel_for.cpp \
  native/test/test_sort_radix.cpp native/test/test_kendall_counts.cpp \
  native/test/test_rank_average.cpp native/core/*.cpp -lpthread -o "$tsan"
TSAN_OPTIONS=halt_on_error=1 TAUFLOW_NUM_THREADS=2 "$tsan"

# Every binding entry point under valgrind (scripts/leak_check.sh): leaks and memory errors with a
# frame in tauflow.node fail the step. Two rounds take ~30-60 s; the addon built by npm ci is used.
if ! command -v valgrind >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq valgrind) >/tmp/tauflow-apt-valgrind.log 2>&1 ||
    { echo "apt-get install valgrind failed"; tail -20 /tmp/tauflow-apt-valgrind.log; exit 1; }
fi
scripts/leak_check.sh 2
