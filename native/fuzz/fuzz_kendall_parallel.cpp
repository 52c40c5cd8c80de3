// libFuzzer target: fuzz_kendall_exact's checks on inputs tiled past 65,536 rows (copies of the
// fuzzed rows, shifted in x), so the parallel radix sort and the threaded inversion count run on
// every input; the oracle is the Fenwick count. Slow per input (~0.1 s under ASan), hence apart.
// requires: core/kendall_counts.h
// requires: core/kendall_tau.h
#define TAUFLOW_FUZZ_KENDALL_TILED 1
#include "fuzz_kendall_exact.cpp"  // NOLINT(bugprone-suspicious-include): same target, tiled
