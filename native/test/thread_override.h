// Sets the process-wide thread count for one test scope and restores the default when the scope
// ends, even when a CHECK fails.
#pragma once
#include "core/parallel_for.h"

namespace tauflow_test {

struct ThreadOverride {
  explicit ThreadOverride(unsigned n) { tauflow::set_thread_count(n); }
  ~ThreadOverride() { tauflow::set_thread_count(0); }
  ThreadOverride(const ThreadOverride&) = delete;
  ThreadOverride& operator=(const ThreadOverride&) = delete;
};

}  // namespace tauflow_test
