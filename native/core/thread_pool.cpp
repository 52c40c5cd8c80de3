#include "core/thread_pool.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace tauflow {
namespace {

// Runs task(i) for i in [1, k) on short-lived threads and task(0) here; the pre-pool behaviour,
// kept for the busy case.
void run_on_fresh_threads(std::size_t k, const std::function<void(std::size_t)>& task) {
  std::vector<std::thread> threads;
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto guarded = [&](std::size_t i) {
    try {
      task(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  };
  std::size_t started = 1;
  try {
    threads.reserve(k - 1);
    for (; started < k; ++started) threads.emplace_back(guarded, started);
  } catch (const std::system_error&) {
    // Out of threads: the remaining tasks run here.
  }
  guarded(0);
  for (std::size_t i = started; i < k; ++i) guarded(i);
  for (auto& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

class Pool {
 public:
  // Returns false (having run nothing) when another caller holds the pool.
  bool try_run(std::size_t k, const std::function<void(std::size_t)>& task) {
    // An atomic flag, not a mutex: a task that calls run_parallel on the caller's own thread
    // would otherwise try_lock a mutex that thread already owns (undefined behaviour).
    bool expected = false;
    if (!busy_.compare_exchange_strong(expected, true, std::memory_order_acquire)) return false;
    struct Release {
      std::atomic<bool>& flag;
      ~Release() { flag.store(false, std::memory_order_release); }
    } release{busy_};
    grow(k - 1);
    {
      std::lock_guard<std::mutex> lock(m_);
      task_ = &task;
      tasks_ = k;
      next_ = 1;
      unfinished_ = k - 1;
      error_ = nullptr;
      ++generation_;
    }
    start_.notify_all();
    run_guarded(0);
    std::unique_lock<std::mutex> lock(m_);
    take_tasks(lock);  // tasks no worker has picked up yet (workers still waking)
    done_.wait(lock, [&] { return unfinished_ == 0; });
    task_ = nullptr;
    std::exception_ptr error = error_;
    error_ = nullptr;
    lock.unlock();
    if (error) std::rethrow_exception(error);
    return true;
  }

  std::size_t size() {
    std::lock_guard<std::mutex> lock(m_);
    return threads_.size();
  }

  // Stops and joins the workers (at process exit). The object itself is never destroyed, so a
  // thread still inside try_run at exit does not touch freed memory.
  void shut_down() {
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
      threads.swap(threads_);
    }
    start_.notify_all();
    for (auto& t : threads) t.join();
  }

 private:
  void grow(std::size_t want) {
    std::lock_guard<std::mutex> lock(m_);
    if (stop_) return;
    try {
      while (threads_.size() < want) threads_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      // Fewer workers than asked: the caller takes the tasks nobody picks up.
    }
  }

  void run_guarded(std::size_t i) {
    try {
      (*task_)(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(m_);
      if (!error_) error_ = std::current_exception();
    }
  }

  // With m_ held: runs the tasks not yet taken, one at a time, releasing m_ while each runs.
  void take_tasks(std::unique_lock<std::mutex>& lock) {
    while (next_ < tasks_) {
      const std::size_t i = next_++;
      lock.unlock();
      run_guarded(i);
      lock.lock();
      if (--unfinished_ == 0) done_.notify_all();
    }
  }

  void work() {
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(m_);
    for (;;) {
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      take_tasks(lock);
    }
  }

  std::atomic<bool> busy_{false};  // set while a caller's job is running
  std::mutex m_;                   // guards everything below
  std::condition_variable start_, done_;
  std::vector<std::thread> threads_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t tasks_ = 0, next_ = 0, unfinished_ = 0;
  std::uint64_t generation_ = 0;
  std::exception_ptr error_;
  bool stop_ = false;
};

Pool& pool() {
  // Deliberately never destroyed (see shut_down); the workers are joined by an atexit handler so
  // that no thread of ours is alive when the process exits.
  static Pool* const p = [] {
    Pool* created = new Pool();
    std::atexit([] { pool().shut_down(); });
    return created;
  }();
  return *p;
}

}  // namespace

void run_parallel(std::size_t k, const std::function<void(std::size_t)>& task) {
  if (k == 0) return;
  if (k == 1) {
    task(0);
    return;
  }
  if (!pool().try_run(k, task)) run_on_fresh_threads(k, task);
}

std::size_t pool_thread_count() { return pool().size(); }

}  // namespace tauflow
