#!/usr/bin/env bash
# Native test binary (native/test): tauflow's native/core compiled directly with doctest under
# AddressSanitizer + UndefinedBehaviorSanitizer (-fno-sanitize-recover=all: the first report fails
# the run). Installs doctest-dev from Debian when missing. About 1-2 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f /usr/include/doctest/doctest.h ]; then
  echo "apt-get install doctest-dev"
  (apt-get update -qq && apt-get install -y -qq doctest-dev) >/tmp/tauflow-apt-doctest.log 2>&1 ||
    { echo "apt-get failed:"; tail -20 /tmp/tauflow-apt-doctest.log; exit 1; }
fi

build=build/native-test
cmake -S native/test -B "$build" -DCMAKE_BUILD_TYPE=Debug -DTAUFLOW_SANITIZE=ON >/dev/null
cmake --build "$build" -j2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Two threads is what CI has; the tests also set their own thread counts where it matters.
TAUFLOW_NUM_THREADS=2 "$build/tauflow_native_tests"
