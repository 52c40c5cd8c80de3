#!/usr/bin/env bash
# Runs scripts/leak_check.mjs under valgrind (memcheck) and fails when a leak record
# ("definitely" or "possibly" lost) or a memory error has a stack frame in tauflow's binary.
# Leaks inside Node/V8 themselves are not ours and are ignored. Slow: keep rounds small.
#   scripts/leak_check.sh [rounds]    (default 3; ~1-2 min on one core)
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
log=$(mktemp /tmp/tauflow-valgrind.XXXXXX)
command -v valgrind >/dev/null || { echo "valgrind not installed (apt-get install valgrind)"; exit 2; }
# One libuv worker thread keeps valgrind's serialised threads fast; --jitless avoids JIT noise.
UV_THREADPOOL_SIZE=2 TAUFLOW_NUM_THREADS=2 valgrind --leak-check=full \
  --show-leak-kinds=definite,possible --errors-for-leak-kinds=definite,possible \
  --num-callers=40 --log-file="$log" \
  node --jitless --expose-gc scripts/leak_check.mjs "$rounds"
status=$?
[ $status -eq 0 ] || { echo "leak_check.mjs failed under valgrind (exit $status)"; tail -30 "$log"; exit 1; }
# Split the log into records (blank-line separated) and keep those that mention tauflow.
ours=$(awk 'BEGIN{RS=""} /tauflow\.node|native\/(core|addon)\// && /(definitely|possibly) lost|Invalid (read|write)|uninitialised|Mismatched free|Invalid free/' "$log")
grep -E "definitely lost:|possibly lost:|ERROR SUMMARY" "$log" | sed 's/^==[0-9]*== */valgrind: /'
if [ -n "$ours" ]; then
  echo "leak_check: valgrind reports involving tauflow:"
  echo "$ours"
  exit 1
fi
echo "leak_check: no leak or memory error attributed to tauflow (log: $log)"
