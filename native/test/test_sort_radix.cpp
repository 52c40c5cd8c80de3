// radix_sort_records (native/core/sort_radix.h) against std::stable_sort on the key: key
// distributions that take each path of the sort (doubles from a normal distribution, few
// distinct values whose varying bits the top pass covers, with and without merged digits, keys that
// cluster under one digit so small_sort_into meets long runs, keys that differ only in far-apart
// bits, all equal), sizes around every threshold, and 1 to 4 threads. The payload holds the input
// position, so equal keys must keep their input order.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/parallel_for.h"
#include "core/sort_radix.h"
#include "thread_override.h"

namespace {
using tauflow::KeyedRecord;
using tauflow_test::ThreadOverride;

std::vector<std::uint64_t> make_keys(const std::string& kind, std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  std::vector<std::uint64_t> k(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (kind == "normal") {
      k[i] = tauflow::sortable_key(normal(rng));
    } else if (kind == "ints0..99") {
      k[i] = tauflow::sortable_key(static_cast<double>(rng() % 100));
    } else if (kind == "ints0..9999") {
      // Narrow keys whose digits the top pass merges several to a bucket.
      k[i] = rng() % 10000;
    } else if (kind == "clustered") {
      // 90% of keys share their top 40 bits and differ below; the rest are spread out.
      k[i] = rng() % 10 ? (0x5555555555000000ull | (rng() & 0xffffff)) : rng();
    } else if (kind == "far-bits") {
      k[i] = (rng() & 1 ? 1ull << 63 : 0) | (rng() & 1);
    } else if (kind == "equal") {
      k[i] = 42;
    } else {  // "runs": long sorted runs with a few random keys mixed in
      k[i] = rng() % 50 ? i / 3 : rng();
    }
  }
  return k;
}

void check_sorted(const std::vector<std::uint64_t>& keys, const std::string& what) {
  const std::size_t n = keys.size();
  std::vector<KeyedRecord> data(n), scratch(n);
  for (std::size_t i = 0; i < n; ++i) data[i] = {keys[i], i};
  std::vector<KeyedRecord> expect = data;
  std::stable_sort(expect.begin(), expect.end(),
                   [](const KeyedRecord& a, const KeyedRecord& b) { return a.key < b.key; });
  const KeyedRecord* got = tauflow::radix_sort_records(data.data(), scratch.data(), n);
  INFO(what);
  bool same = true;
  std::size_t first_bad = 0;
  for (std::size_t i = 0; i < n && same; ++i) {
    same = got[i].key == expect[i].key && got[i].payload == expect[i].payload;
    first_bad = i;
  }
  INFO("first difference at " << first_bad);
  CHECK(same);
}

}  // namespace

TEST_CASE("radix_sort_records equals std::stable_sort for every key shape, size and thread count") {
  const std::size_t sizes[] = {0,    1,    2,     47,    48,    49,     200,   4097,
                               8192, 8193, 65535, 65536, 65537, 131072, 300001};
  const char* kinds[] = {"normal",   "ints0..99", "ints0..9999", "clustered",
                         "far-bits", "equal",     "runs"};
  for (unsigned threads : {1u, 2u, 4u}) {
    ThreadOverride t(threads);
    for (const char* kind : kinds) {
      for (std::size_t n : sizes) {
        check_sorted(
            make_keys(kind, n, n * 7 + threads),
            std::string(kind) + " n=" + std::to_string(n) + " threads=" + std::to_string(threads));
      }
    }
  }
}

TEST_CASE("radix_sort_records at 1.2e6 normal keys: sorted, stable, same for 1 and 2 threads") {
  const auto keys = make_keys("normal", 1'200'000, 99);
  {
    ThreadOverride t(1);
    check_sorted(keys, "1 thread");
  }
  {
    ThreadOverride t(2);
    check_sorted(keys, "2 threads");
  }
}
