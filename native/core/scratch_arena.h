// A process-wide scratch arena: large, short-lived work buffers (e.g. the 2 x 16n bytes of sort
// records an exact Kendall tau needs) reused from one call to the next.
//
// Why: in these VMs first-touching fresh memory costs ~1.3 ms per MB with 4 KiB pages and ~0.35
// ms per MB with huge pages, and freed pages go back to the host, so a 1e7-row Kendall tau that
// maps 320 MB of fresh scratch per call spent ~0.5 of its ~1.6 CPU-s in page faults.
//
// Policy (a few idle blocks, guarded by a mutex):
//   - acquire_scratch(bytes) takes the smallest idle block that is big enough; otherwise it maps
//     a new one (huge pages where offered). A call that finds the blocks in use (a concurrent
//     call) maps its own rather than waiting, so concurrent calls still run in parallel.
//   - When a lease ends its block stays cached if it is no larger than the limit (default
//     512 MiB: the 48n bytes of an async 1e7-row Kendall tau fit), dropping the smallest idle
//     blocks as needed so that at most `limit` bytes stay cached; else it is unmapped at once.
//   - Idle blocks are unmapped after idle_ms (default 60 s) without any acquire or release, by a
//     small background thread that lives only while blocks are cached, or at once by
//     release_scratch() (which also joins that thread).
// Contents of a leased block are unspecified (old data from a previous call): callers write
// before they read. Results never depend on reuse.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tauflow {

struct ScratchBlock;

// Exclusive use of a block of at least `bytes` bytes (2 MiB aligned when mmap'ed) until the
// lease is destroyed.
class ScratchLease {
 public:
  ScratchLease() = default;
  ScratchLease(ScratchLease&& other) noexcept : block_(other.block_) { other.block_ = nullptr; }
  ScratchLease& operator=(ScratchLease&& other) noexcept;
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  ~ScratchLease();

  void* data() const;
  std::size_t bytes() const;
  template <class T>
  T* as() const {
    return static_cast<T*>(data());
  }

 private:
  friend ScratchLease acquire_scratch(std::size_t bytes);
  explicit ScratchLease(ScratchBlock* block) : block_(block) {}
  ScratchBlock* block_ = nullptr;
};

// Throws std::bad_alloc when the memory cannot be mapped.
ScratchLease acquire_scratch(std::size_t bytes);

// Unmaps the idle blocks now (leased blocks are unaffected); returns the bytes freed.
std::size_t release_scratch();

struct ScratchStats {
  std::size_t cached_bytes = 0;   // bytes held in idle blocks
  std::size_t cached_blocks = 0;  // number of idle blocks
  std::size_t limit_bytes = 0;    // largest block kept between calls
  std::uint64_t idle_ms = 0;      // idle time after which idle blocks are unmapped
  std::uint64_t reused = 0;       // acquires served by an idle block
  std::uint64_t mapped = 0;       // acquires that had to map a new block
};
ScratchStats scratch_stats();

// Sets the limit (0 = never keep a block: every call maps and unmaps its own) and the idle time
// (0, or more than 10^12 ms, = never unmap on idle). Idle blocks beyond the new limit are unmapped
// at once.
void set_scratch_policy(std::size_t limit_bytes, std::uint64_t idle_ms);

}  // namespace tauflow
