#!/usr/bin/env bash
# Bounded libFuzzer run of every native/fuzz/fuzz_*.cpp target (clang-14, ASan+UBSan), each for
# FUZZ_SECONDS (default 45 s) starting from its committed seed corpus native/fuzz/corpus/<target>.
# New inputs go to a scratch copy; the committed corpus is not modified. A crash, sanitizer report
# or oracle mismatch fails the step and leaves the reproducer in build/native-fuzz/artifacts/.
# Reproduce locally:  build/native-fuzz/<target> build/native-fuzz/artifacts/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-45}
# Runs per target in CI (about 20-30 s each on 2 cores under ASan); seconds stay an upper bound.
: "${FUZZ_RUNS_kendall_exact:=200000}" "${FUZZ_RUNS_kendall_parallel:=120}" "${FUZZ_RUNS_surrogate:=20000}"

if ! command -v clang++-14 >/dev/null 2>&1 ||
  ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "apt-get install clang-14 libclang-rt-14-dev"
  (apt-get update -qq && apt-get install -y -qq clang-14 libclang-rt-14-dev) \
    >/tmp/tauflow-apt-clang.log 2>&1 ||
    { echo "apt-get failed:"; tail -20 /tmp/tauflow-apt-clang.log; exit 1; }
fi

build=build/native-fuzz
CXX=clang++-14 cmake -S native/fuzz -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TAUFLOW_NUM_THREADS=2
status=0
for src in native/fuzz/fuzz_*.cpp; do
  [ -f "$src" ] || continue
  target=$(basename "$src" .cpp)
  seeds=native/fuzz/corpus/${target#fuzz_}
  scratch="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  if [ ! -x "$build/$target" ]; then
    echo "--- $target: SKIPPED (the core it needs is not in this tree; see the cmake output)"
    continue
  fi
  rm -rf "$scratch" && mkdir -p "$scratch" "$artifacts"
  echo "--- $target: ${seconds}s from $(ls "$seeds" 2>/dev/null | wc -l) seeds"
  # A fixed seed and a fixed number of runs make CI's fuzzing reproducible: the same inputs on
  # every run, so a red CI points at a change, not at luck. FUZZ_SEED varies it for local runs.
  runs_var="FUZZ_RUNS_${target#fuzz_}"
  runs=${!runs_var:-${FUZZ_RUNS:-1000000000}}
  if ! "$build/$target" -seed="${FUZZ_SEED:-1}" -runs="$runs" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$scratch" "$seeds" 2>"$build/$target.log"; then
    status=1
    tail -60 "$build/$target.log"
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "$build/$target.log" || true
done
exit $status
