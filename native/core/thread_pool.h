// A process-wide pool of parked worker threads for the fork-join helpers (parallel_for, the
// inversion counter). Why: a 1e6-row Kendall tau forks about a dozen times; a fresh std::thread
// costs 60-120 us to start and join on these VMs, and each new thread starts with cold
// thread-local state, so reusing parked threads saves about a millisecond per call.
#pragma once
#include <cstddef>
#include <functional>

namespace tauflow {

// Runs task(i) for every i in [0, k) and returns when all have finished; task(0) runs on the
// calling thread, the others on pool threads (the caller also takes tasks nobody has started).
// If a task throws, the first exception is rethrown here after all tasks have ended.
// When the pool is busy (a concurrent caller, or a task that itself calls run_parallel) the
// other tasks run on short-lived std::threads instead: callers never wait on each other and
// nesting cannot deadlock. Pool threads are created on first use and joined at process exit.
void run_parallel(std::size_t k, const std::function<void(std::size_t)>& task);

// Number of threads the pool has started so far (for tests).
std::size_t pool_thread_count();

}  // namespace tauflow
