// parallel_for (native/core/parallel_for.h): every index visited exactly once, chunks contiguous
// and in order with boundaries that depend only on n and the thread count, so per-chunk partial
// sums reduced in chunk order are bit-identical from run to run.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "core/parallel_for.h"
#include "thread_override.h"

namespace {
using tauflow_test::ThreadOverride;

struct Chunk {
  std::size_t index, begin, end;
};

std::vector<Chunk> record_chunks(std::size_t n, std::size_t min_per_chunk) {
  std::mutex m;
  std::vector<Chunk> chunks;
  tauflow::parallel_for(n, min_per_chunk, [&](std::size_t c, std::size_t b, std::size_t e) {
    std::lock_guard<std::mutex> lock(m);
    chunks.push_back({c, b, e});
  });
  std::sort(chunks.begin(), chunks.end(),
            [](const Chunk& a, const Chunk& b) { return a.index < b.index; });
  return chunks;
}

}  // namespace

TEST_CASE("thread_count honours set_thread_count and 0 restores the default") {
  const unsigned dflt = tauflow::thread_count();
  CHECK(dflt >= 1);
  {
    ThreadOverride t(7);
    CHECK(tauflow::thread_count() == 7);
  }
  CHECK(tauflow::thread_count() == dflt);
}

TEST_CASE("chunk_count: empty input, tiny input, min_per_chunk 0 and large n") {
  ThreadOverride t(4);
  CHECK(tauflow::chunk_count(0, 1) == 0);
  CHECK(tauflow::chunk_count(0, 0) == 0);
  CHECK(tauflow::chunk_count(1, 1) == 1);
  CHECK(tauflow::chunk_count(3, 1) == 3);     // fewer items than threads
  CHECK(tauflow::chunk_count(3, 0) == 3);     // 0 = no minimum
  CHECK(tauflow::chunk_count(100, 50) == 2);  // limited by the minimum per chunk
  CHECK(tauflow::chunk_count(101, 50) == 3);
  CHECK(tauflow::chunk_count(1000000, 1) == 4);
  // Pair counts (n(n-1)/2 for n = 1e7 is 5e13) are far above 32 bits; chunking must still work.
  // (n + min_per_chunk - 1 would wrap only within min_per_chunk of SIZE_MAX, out of reach.)
  CHECK(tauflow::chunk_count(std::size_t{49999995000000}, 1) == 4);
  CHECK(tauflow::chunk_count(std::size_t{1} << 40, std::size_t{1} << 39) == 2);
  CHECK(tauflow::chunk_count(~std::size_t{0}, 1) == 4);
}

TEST_CASE("parallel_for visits every index exactly once in contiguous ordered chunks") {
  for (unsigned threads : {1u, 2u, 3u, 8u, 16u}) {
    ThreadOverride t(threads);
    for (std::size_t n : {0u, 1u, 2u, 5u, 16u, 17u, 1000u, 4099u}) {
      for (std::size_t min_per_chunk : {0u, 1u, 3u, 64u, 5000u}) {
        CAPTURE(threads);
        CAPTURE(n);
        CAPTURE(min_per_chunk);
        std::vector<std::atomic<int>> hits(n);
        for (auto& h : hits) h = 0;
        tauflow::parallel_for(n, min_per_chunk, [&](std::size_t, std::size_t b, std::size_t e) {
          for (std::size_t i = b; i < e; ++i) hits[i].fetch_add(1);
        });
        for (std::size_t i = 0; i < n; ++i) REQUIRE(hits[i].load() == 1);

        auto chunks = record_chunks(n, min_per_chunk);
        REQUIRE(chunks.size() == tauflow::chunk_count(n, min_per_chunk));
        std::size_t expect_begin = 0;
        for (std::size_t c = 0; c < chunks.size(); ++c) {
          CHECK(chunks[c].index == c);
          CHECK(chunks[c].begin == expect_begin);
          CHECK(chunks[c].end > chunks[c].begin);  // no empty chunk is handed out
          expect_begin = chunks[c].end;
        }
        CHECK(expect_begin == n);
      }
    }
  }
}

TEST_CASE("parallel_for chunk boundaries are a function of n and thread count only") {
  ThreadOverride t(5);
  auto first = record_chunks(123457, 1);
  for (int run = 0; run < 20; ++run) {
    auto again = record_chunks(123457, 1);
    REQUIRE(again.size() == first.size());
    for (std::size_t c = 0; c < first.size(); ++c) {
      CHECK(again[c].begin == first[c].begin);
      CHECK(again[c].end == first[c].end);
    }
  }
}

TEST_CASE("per-chunk partial sums reduced in chunk order are bit-identical across runs") {
  ThreadOverride t(6);
  const std::size_t n = 200003;
  std::vector<double> values(n);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  for (auto& v : values) {  // xorshift: values of very different magnitudes, so order matters
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    v = static_cast<double>(state % 1000003) * ((state & 1) ? 1e-9 : 1e7);
  }
  auto reduce = [&] {
    std::vector<double> partial(tauflow::chunk_count(n, 1), 0.0);
    tauflow::parallel_for(n, 1, [&](std::size_t c, std::size_t b, std::size_t e) {
      double s = 0;
      for (std::size_t i = b; i < e; ++i) s += values[i];
      partial[c] = s;
    });
    double total = 0;
    for (double p : partial) total += p;
    return total;
  };
  const double first = reduce();
  for (int run = 0; run < 30; ++run) CHECK(reduce() == first);
}

TEST_CASE("parallel_for with more threads than items and nested calls") {
  ThreadOverride t(16);
  std::atomic<std::uint64_t> sum{0};
  tauflow::parallel_for(4, 1, [&](std::size_t, std::size_t b, std::size_t e) {
    // A nested parallel_for (as a core routine calling another) must also complete.
    tauflow::parallel_for(100, 1, [&](std::size_t, std::size_t ib, std::size_t ie) {
      for (std::size_t i = ib; i < ie; ++i) sum += (e - b) * i;
    });
  });
  CHECK(sum.load() == 4u * 4950u);
}
