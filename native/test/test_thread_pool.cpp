// run_parallel (native/core/thread_pool.h): every task runs exactly once, task 0 on the caller,
// exceptions reach the caller after all tasks end, concurrent and nested callers fall back to
// fresh threads instead of waiting on each other, and the pool reuses its threads.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/thread_pool.h"

TEST_CASE("run_parallel runs each task once, task 0 on the calling thread") {
  for (std::size_t k : {0u, 1u, 2u, 3u, 8u}) {
    std::vector<std::atomic<int>> runs(k);
    std::atomic<bool> zero_here{false};
    const auto me = std::this_thread::get_id();
    tauflow::run_parallel(k, [&](std::size_t i) {
      runs[i].fetch_add(1);
      if (i == 0) zero_here = std::this_thread::get_id() == me;
    });
    for (std::size_t i = 0; i < k; ++i) CHECK(runs[i].load() == 1);
    if (k > 0) CHECK(zero_here.load());
  }
}

TEST_CASE("run_parallel keeps its threads between calls") {
  tauflow::run_parallel(3, [](std::size_t) {});
  const std::size_t after_first = tauflow::pool_thread_count();
  CHECK(after_first >= 2);
  for (int i = 0; i < 50; ++i) tauflow::run_parallel(3, [](std::size_t) {});
  CHECK(tauflow::pool_thread_count() == after_first);
}

TEST_CASE("run_parallel rethrows a task's exception after every task has finished") {
  std::atomic<int> finished{0};
  CHECK_THROWS_AS(tauflow::run_parallel(4,
                                        [&](std::size_t i) {
                                          if (i == 2) throw std::runtime_error("task 2");
                                          finished.fetch_add(1);
                                        }),
                  std::runtime_error);
  CHECK(finished.load() == 3);
  // The pool is usable afterwards.
  std::atomic<int> again{0};
  tauflow::run_parallel(4, [&](std::size_t) { again.fetch_add(1); });
  CHECK(again.load() == 4);
}

TEST_CASE("nested and concurrent run_parallel calls complete") {
  std::atomic<int> inner{0};
  tauflow::run_parallel(
      3, [&](std::size_t) { tauflow::run_parallel(3, [&](std::size_t) { inner.fetch_add(1); }); });
  CHECK(inner.load() == 9);

  std::atomic<long> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 6; ++c)
    callers.emplace_back([&] {
      for (int r = 0; r < 40; ++r)
        tauflow::run_parallel(2, [&](std::size_t i) { total.fetch_add(static_cast<long>(i) + 1); });
    });
  for (auto& t : callers) t.join();
  CHECK(total.load() == 6 * 40 * 3);
}
