// A small fork-join helper: split [0, n) into at most thread_count() contiguous chunks, run the
// first chunk on the calling thread and the rest on the worker pool (core/thread_pool.h). Chunk
// boundaries depend only on n and the thread count, so callers that reduce per-chunk partials in
// chunk order get results that do not change from run to run.
#pragma once
#include <cstddef>
#include <functional>

#include "core/thread_pool.h"

namespace tauflow {

// Threads used by parallel work: TAUFLOW_NUM_THREADS if set (>= 1), else the hardware count.
unsigned thread_count();
// Override for this process (0 restores the default). Used by tests and the addon's setThreads.
void set_thread_count(unsigned n);

// Number of chunks parallel_for would use for n items with at least `min_per_chunk` per chunk.
inline std::size_t chunk_count(std::size_t n, std::size_t min_per_chunk) {
  if (n == 0) return 0;
  std::size_t by_size = min_per_chunk ? (n + min_per_chunk - 1) / min_per_chunk : n;
  std::size_t t = thread_count();
  return by_size < t ? (by_size ? by_size : 1) : t;
}

// f(chunk_index, begin, end) for each chunk; returns after all chunks finish.
template <class F>
void parallel_for(std::size_t n, std::size_t min_per_chunk, F&& f) {
  const std::size_t chunks = chunk_count(n, min_per_chunk);
  if (chunks <= 1) {
    if (n) f(std::size_t{0}, std::size_t{0}, n);
    return;
  }
  auto bound = [&](std::size_t c) { return n * c / chunks; };
  run_parallel(chunks, [&](std::size_t c) { f(c, bound(c), bound(c + 1)); });
}

}  // namespace tauflow
