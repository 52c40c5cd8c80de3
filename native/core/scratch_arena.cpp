// The process-wide scratch arena: a few cached blocks, a mutex, and an idle reaper thread. See
// scratch_arena.h for the policy.
#include "core/scratch_arena.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <vector>

#include "core/buffer_hugepage.h"

namespace tauflow {

struct ScratchBlock {
  explicit ScratchBlock(std::size_t n) : buffer(n), bytes(n) {}
  HugeBuffer<unsigned char> buffer;
  std::size_t bytes;
};

namespace {

using Clock = std::chrono::steady_clock;

// Idle times above this (~31 years) mean "never": the deadline must stay representable.
constexpr std::uint64_t kNeverMs = 1'000'000'000'000ull;

struct Arena {
  std::mutex mu;
  std::condition_variable wake;
  std::vector<ScratchBlock*> cached;  // idle blocks, at most `limit` bytes in all
  std::size_t limit = std::size_t{512} << 20;
  std::uint64_t idle_ms = 60'000;
  std::uint64_t reused = 0, mapped = 0;
  Clock::time_point last_use = Clock::now();
  // The reaper runs only while blocks are cached: it exits once the cache is empty or when
  // release_scratch() retires it (reaper_id changes), so that after releaseScratch() no thread
  // of ours is left (leak checkers count a live thread's TLS as possibly lost).
  std::thread reaper;
  bool reaper_running = false;
  std::uint64_t reaper_id = 0;
};

// Never destroyed: a reaper may still wait on it while the process exits.
Arena& arena() {
  static Arena* a = new Arena;
  return *a;
}

void reaper_loop(std::uint64_t id) {
  Arena& a = arena();
  std::unique_lock<std::mutex> lock(a.mu);
  for (;;) {
    if (a.reaper_id != id) return;  // retired by release_scratch(), which joins this thread
    if (a.cached.empty()) {
      a.reaper_running = false;  // the next cached block starts a new reaper
      return;
    }
    if (a.idle_ms == 0 || a.idle_ms > kNeverMs) {
      a.wake.wait(lock);
      continue;
    }
    const Clock::time_point deadline = a.last_use + std::chrono::milliseconds(a.idle_ms);
    if (Clock::now() >= deadline) {
      std::vector<ScratchBlock*> idle;
      idle.swap(a.cached);
      lock.unlock();
      for (ScratchBlock* b : idle) delete b;  // munmap outside the lock
      lock.lock();
      continue;
    }
    a.wake.wait_until(lock, deadline);
  }
}

// Called with the lock held.
void ensure_reaper(Arena& a) {
  if (a.reaper_running || a.idle_ms == 0 || a.idle_ms > kNeverMs) return;
  // A reaper that exited by itself set reaper_running = false under this lock and touches
  // nothing after: joining it here is immediate.
  if (a.reaper.joinable()) a.reaper.join();
  try {
    a.reaper = std::thread(reaper_loop, ++a.reaper_id);
    a.reaper_running = true;
  } catch (const std::system_error&) {
    // No thread: the block is then only released by release_scratch() or a later policy change.
  }
}

std::size_t cached_bytes(const Arena& a) {
  std::size_t total = 0;
  for (const ScratchBlock* b : a.cached) total += b->bytes;
  return total;
}

// Drops the smallest cached blocks until at most `budget` bytes and `max_blocks` blocks stay
// cached; returns them.
std::vector<ScratchBlock*> trim_to(Arena& a, std::size_t budget, std::size_t max_blocks) {
  std::vector<ScratchBlock*> out;
  std::size_t total = cached_bytes(a);
  while (total > budget || a.cached.size() > max_blocks) {
    std::size_t smallest = 0;
    for (std::size_t i = 1; i < a.cached.size(); ++i)
      if (a.cached[i]->bytes < a.cached[smallest]->bytes) smallest = i;
    total -= a.cached[smallest]->bytes;
    out.push_back(a.cached[smallest]);
    a.cached.erase(a.cached.begin() + static_cast<std::ptrdiff_t>(smallest));
  }
  return out;
}

// Blocks below this size are plain malloc'ed memory, cheap to get: never cached.
constexpr std::size_t kMinCached = std::size_t{256} << 10;
// Idle blocks kept at most (concurrent calls are few: the thread pool is small).
constexpr std::size_t kMaxBlocks = 4;

// Granularity of new blocks, so that slightly different sizes reuse the same block.
constexpr std::size_t kGrain = std::size_t{2} << 20;

}  // namespace

ScratchLease& ScratchLease::operator=(ScratchLease&& other) noexcept {
  if (this != &other) {
    ScratchLease dying(block_);
    block_ = other.block_;
    other.block_ = nullptr;
  }
  return *this;
}

ScratchLease::~ScratchLease() {
  if (!block_) return;
  Arena& a = arena();
  std::vector<ScratchBlock*> drop;
  bool kept = false;
  {
    std::lock_guard<std::mutex> lock(a.mu);
    a.last_use = Clock::now();
    if (block_->bytes >= kMinCached && block_->bytes <= a.limit) {
      // Keep the returned block; make room by dropping the smallest idle ones.
      try {
        drop = trim_to(a, a.limit - block_->bytes, kMaxBlocks - 1);
        a.cached.push_back(block_);
        kept = true;
      } catch (const std::bad_alloc&) {
        // bookkeeping failed: unmap this block below instead
      }
      ensure_reaper(a);
      a.wake.notify_all();
    }
  }
  if (!kept) delete block_;
  for (ScratchBlock* b : drop) delete b;
}

void* ScratchLease::data() const { return block_ ? block_->buffer.data() : nullptr; }
std::size_t ScratchLease::bytes() const { return block_ ? block_->bytes : 0; }

ScratchLease acquire_scratch(std::size_t bytes) {
  Arena& a = arena();
  {
    std::lock_guard<std::mutex> lock(a.mu);
    a.last_use = Clock::now();
    // Best fit: the smallest idle block that is big enough.
    std::size_t best = a.cached.size();
    for (std::size_t i = 0; i < a.cached.size(); ++i)
      if (a.cached[i]->bytes >= bytes &&
          (best == a.cached.size() || a.cached[i]->bytes < a.cached[best]->bytes))
        best = i;
    if (best < a.cached.size()) {
      ScratchBlock* b = a.cached[best];
      a.cached.erase(a.cached.begin() + static_cast<std::ptrdiff_t>(best));
      ++a.reused;
      return ScratchLease(b);
    }
    ++a.mapped;
  }
  const std::size_t rounded = bytes > kGrain ? (bytes + kGrain - 1) / kGrain * kGrain : bytes;
  return ScratchLease(new ScratchBlock(rounded == 0 ? 1 : rounded));
}

std::size_t release_scratch() {
  Arena& a = arena();
  std::vector<ScratchBlock*> drop;
  std::thread retired;
  {
    std::lock_guard<std::mutex> lock(a.mu);
    drop.swap(a.cached);
    // Retire the reaper (a new one starts with the next cached block) and wait for it below.
    retired = std::move(a.reaper);
    a.reaper_running = false;
    ++a.reaper_id;
    a.wake.notify_all();
  }
  if (retired.joinable()) retired.join();
  std::size_t freed = 0;
  for (ScratchBlock* b : drop) {
    freed += b->bytes;
    delete b;
  }
  return freed;
}

ScratchStats scratch_stats() {
  Arena& a = arena();
  std::lock_guard<std::mutex> lock(a.mu);
  ScratchStats s;
  s.cached_bytes = cached_bytes(a);
  s.cached_blocks = a.cached.size();
  s.limit_bytes = a.limit;
  s.idle_ms = a.idle_ms;
  s.reused = a.reused;
  s.mapped = a.mapped;
  return s;
}

void set_scratch_policy(std::size_t limit_bytes, std::uint64_t idle_ms) {
  Arena& a = arena();
  std::vector<ScratchBlock*> drop;
  {
    std::lock_guard<std::mutex> lock(a.mu);
    a.limit = limit_bytes;
    a.idle_ms = idle_ms;
    a.last_use = Clock::now();
    drop = trim_to(a, limit_bytes, kMaxBlocks);
    if (!a.cached.empty()) ensure_reaper(a);
    a.wake.notify_all();
  }
  for (ScratchBlock* b : drop) delete b;
}

}  // namespace tauflow
