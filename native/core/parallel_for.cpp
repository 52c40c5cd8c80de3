#include "core/parallel_for.h"

#include <atomic>
#include <cstdlib>
#include <thread>

namespace tauflow {
namespace {
std::atomic<unsigned> g_override{0};

unsigned default_threads() {
  if (const char* env = std::getenv("TAUFLOW_NUM_THREADS")) {
    long v = std::strtol(env, nullptr, 10);
    if (v >= 1 && v <= 1024) return static_cast<unsigned>(v);
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? hw : 1;
}
}  // namespace

unsigned thread_count() {
  unsigned o = g_override.load(std::memory_order_relaxed);
  if (o) return o;
  static const unsigned d = default_threads();
  return d;
}

void set_thread_count(unsigned n) { g_override.store(n, std::memory_order_relaxed); }

}  // namespace tauflow
