// Fused pairwise Kendall surrogate on a CUDA device: value and gradient of B lists of length n.
// The math is the CPU's (native/core/surrogate_cpu.h; formulas in surrogate_normalize.h) and the
// per-pair functions are the same code (pair_functions.h); the loop order is the row-wise one of
// native/core/surrogate_rowwise.h, which the CPU mirror (surrogate_cpu_rowwise.cpp) reproduces so
// the CPU tests cover it:
//
//   1. pair_partials_kernel  grid (row tiles, column chunks, B), one thread per row i: columns of
//      the chunk pass through shared memory kRowTile at a time; rowwise::row_tile adds the tile's
//      float sums to the thread's double RowPartial; the partial goes to partial[b][chunk][i].
//   2. reduce_rows_kernel    per (b, i): sum the chunks in chunk order -> rows[b][i].
//   3. list_sums_kernel      one block per list: V, Q = half the row sums, by a fixed-shape tree.
//   4. host: finalize_list (denominators from the sorted targets) -> value and gradient scales.
//   5. scale_grad_kernel     grad[b][i] = gv_scale * g + gq_scale * gq, as float.
//
// No atomics: every sum has a fixed order, so a result repeats bit for bit on the same device.
// Memory: B * chunks * n RowPartials (chunks <= 64 and chunks * row tiles * B ~ 2048), i.e. O(B n).
// Every launch and copy is checked; a failure throws std::runtime_error naming the call.
#include <cuda_runtime.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/pair_functions.h"
#include "core/surrogate_normalize.h"
#include "core/surrogate_rowwise.h"
#include "cuda/surrogate_cuda.h"

namespace tauflow::cuda {
namespace {

using rowwise::kRowTile;
using rowwise::RowPartial;

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) {
    cudaGetLastError();  // clear a non-sticky error so the next call starts clean
    throw std::runtime_error(std::string("surrogate (CUDA): ") + what +
                             " failed: " + cudaGetErrorName(err) + ": " + cudaGetErrorString(err));
  }
}

// After a launch: configuration errors show at once, execution errors at the next sync.
void check_launch(const char* kernel) {
  check(cudaGetLastError(), kernel);
  check(cudaDeviceSynchronize(), kernel);
}

// Device memory released on every path, exceptions included.
template <class T>
struct DeviceArray {
  T* ptr = nullptr;
  explicit DeviceArray(std::size_t count) {
    if (count) check(cudaMalloc(reinterpret_cast<void**>(&ptr), count * sizeof(T)), "cudaMalloc");
  }
  ~DeviceArray() {
    if (ptr) cudaFree(ptr);
  }
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;
};

template <class T>
void to_device(DeviceArray<T>& dst, const T* src, std::size_t count) {
  if (count)
    check(cudaMemcpy(dst.ptr, src, count * sizeof(T), cudaMemcpyHostToDevice),
          "cudaMemcpy to device");
}

template <class T>
void to_host(T* dst, const DeviceArray<T>& src, std::size_t count) {
  if (count)
    check(cudaMemcpy(dst, src.ptr, count * sizeof(T), cudaMemcpyDeviceToHost),
          "cudaMemcpy to host");
}

// 1. Row i of list b against the columns of chunk blockIdx.y.
template <class Pair, int kWeighting, bool kTauB, bool kGrad>
__global__ void pair_partials_kernel(const float* __restrict__ pred,
                                     const float* __restrict__ target,
                                     const float* __restrict__ weights, std::size_t n,
                                     std::size_t chunks, float param,
                                     RowPartial* __restrict__ partial) {
  __shared__ float sp[kRowTile];
  __shared__ float sy[kRowTile];
  __shared__ float sw[kWeighting == 2 ? kRowTile : 1];
  const std::size_t b = blockIdx.z, c = blockIdx.y;
  const std::size_t base = b * n;
  const std::size_t i = static_cast<std::size_t>(blockIdx.x) * kRowTile + threadIdx.x;
  const bool active = i < n;
  const float pi = active ? pred[base + i] : 0.0f;
  const float yi = active ? target[base + i] : 0.0f;
  const float wi = (kWeighting == 2 && active) ? weights[base + i] : 0.0f;
  std::size_t c0, c1;
  rowwise::chunk_range(n, chunks, c, c0, c1);
  RowPartial acc{0.0, 0.0, 0.0, 0.0};
  for (std::size_t j0 = c0; j0 < c1; j0 += kRowTile) {
    const int count = static_cast<int>(c1 - j0 < std::size_t{kRowTile} ? c1 - j0 : kRowTile);
    __syncthreads();  // the previous tile is no longer read
    if (threadIdx.x < count) {
      sp[threadIdx.x] = pred[base + j0 + threadIdx.x];
      sy[threadIdx.x] = target[base + j0 + threadIdx.x];
      if (kWeighting == 2) sw[threadIdx.x] = weights[base + j0 + threadIdx.x];
    }
    __syncthreads();
    if (active)
      rowwise::row_tile<Pair, kWeighting, kTauB, kGrad>(pi, yi, wi, sp, sy, sw, count, param, acc);
  }
  if (active) partial[(b * chunks + c) * n + i] = acc;
}

// 2. Chunks of each row, in chunk order.
__global__ void reduce_rows_kernel(const RowPartial* __restrict__ partial, std::size_t batch,
                                   std::size_t n, std::size_t chunks,
                                   RowPartial* __restrict__ rows) {
  const std::size_t k = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (k >= batch * n) return;
  const std::size_t b = k / n, i = k % n;
  RowPartial s{0.0, 0.0, 0.0, 0.0};
  for (std::size_t c = 0; c < chunks; ++c) {
    const RowPartial r = partial[(b * chunks + c) * n + i];
    s.v += r.v;
    s.g += r.g;
    s.q += r.q;
    s.gq += r.gq;
  }
  rows[k] = s;
}

// 3. One block of kSumThreads per list: thread t sums rows t, t + kSumThreads, ... in order, then a
// halving tree in shared memory; the shape depends only on n, so the order is fixed.
constexpr int kSumThreads = 256;

__global__ void list_sums_kernel(const RowPartial* __restrict__ rows, std::size_t n,
                                 double* __restrict__ sums) {
  __shared__ double sv[kSumThreads];
  __shared__ double sq[kSumThreads];
  const std::size_t b = blockIdx.x;
  double v = 0.0, q = 0.0;
  for (std::size_t i = threadIdx.x; i < n; i += kSumThreads) {
    v += rows[b * n + i].v;
    q += rows[b * n + i].q;
  }
  sv[threadIdx.x] = v;
  sq[threadIdx.x] = q;
  __syncthreads();
  for (int half = kSumThreads / 2; half > 0; half /= 2) {
    if (threadIdx.x < half) {
      sv[threadIdx.x] += sv[threadIdx.x + half];
      sq[threadIdx.x] += sq[threadIdx.x + half];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {  // every unordered pair was counted from both ends
    sums[2 * b] = 0.5 * sv[0];
    sums[2 * b + 1] = 0.5 * sq[0];
  }
}

// 5. grad = gv_scale * g + gq_scale * gq per list.
__global__ void scale_grad_kernel(const RowPartial* __restrict__ rows, std::size_t batch,
                                  std::size_t n, const double* __restrict__ scales,
                                  float* __restrict__ grad) {
  const std::size_t k = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (k >= batch * n) return;
  const std::size_t b = k / n;
  grad[k] = static_cast<float>(scales[2 * b] * rows[k].g + scales[2 * b + 1] * rows[k].gq);
}

struct Launch {
  const float* pred;
  const float* target;
  const float* weights;
  std::size_t batch, n, chunks;
  float param;
  RowPartial* partial;
};

// gridDim.z is at most 65535: larger batches go in slices of lists.
template <class Pair, int kWeighting, bool kTauB, bool kGrad>
void launch_pairs(const Launch& l) {
  const std::size_t row_tiles = (l.n + kRowTile - 1) / kRowTile;
  const std::size_t kMaxZ = 65535;
  for (std::size_t b0 = 0; b0 < l.batch; b0 += kMaxZ) {
    const std::size_t lists = l.batch - b0 < kMaxZ ? l.batch - b0 : kMaxZ;
    dim3 grid(static_cast<unsigned>(row_tiles), static_cast<unsigned>(l.chunks),
              static_cast<unsigned>(lists));
    const std::size_t off = b0 * l.n;
    pair_partials_kernel<Pair, kWeighting, kTauB, kGrad>
        <<<grid, kRowTile>>>(l.pred + off, l.target + off, l.weights ? l.weights + off : nullptr,
                             l.n, l.chunks, l.param, l.partial + b0 * l.chunks * l.n);
    check_launch("pair_partials_kernel");
  }
}

template <class Pair, bool kTauB>
void launch_weighting(const Launch& l, int weighting, bool grad) {
  if (weighting == 1)
    grad ? launch_pairs<Pair, 1, kTauB, true>(l) : launch_pairs<Pair, 1, kTauB, false>(l);
  else if (weighting == 2)
    grad ? launch_pairs<Pair, 2, kTauB, true>(l) : launch_pairs<Pair, 2, kTauB, false>(l);
  else
    grad ? launch_pairs<Pair, 0, kTauB, true>(l) : launch_pairs<Pair, 0, kTauB, false>(l);
}

}  // namespace

void surrogate_cuda(const float* pred, const float* target, const float* weights, std::size_t batch,
                    std::size_t n, const SurrogateOptions& options, double* value, float* grad) {
  check_surrogate_inputs(target, weights, batch, n, options);
  if (batch == 0) return;
  const ListsPrep prep = prepare_lists(pred, target, weights, batch, n, options);
  const bool user = options.weighting == PairWeighting::kUser;
  const std::size_t total = batch * n;
  const std::size_t chunks = rowwise::column_chunks(batch, n);

  // Non-finite lists are NaN anyway: evaluate them on zeros, as the CPU paths do.
  std::vector<float> clean;
  const float* p_host = pred;
  for (std::size_t b = 0; b < batch; ++b) {
    if (prep.finite[b]) continue;
    if (clean.empty()) clean.assign(pred, pred + total);
    for (std::size_t k = 0; k < n; ++k) clean[b * n + k] = 0.0f;
    p_host = clean.data();
  }

  DeviceArray<float> d_pred(total), d_target(total), d_weights(user ? total : 0);
  DeviceArray<RowPartial> d_partial(batch * chunks * n), d_rows(total);
  DeviceArray<double> d_sums(2 * batch), d_scales(2 * batch);
  DeviceArray<float> d_grad(options.want_grad ? total : 0);
  to_device(d_pred, p_host, total);
  to_device(d_target, target, total);
  if (user) to_device(d_weights, weights, total);

  Launch l{
      d_pred.ptr,
      d_target.ptr,
      d_weights.ptr,
      batch,
      n,
      chunks,
      static_cast<float>(options.kind == SurrogateKind::kHinge ? options.margin : options.alpha),
      d_partial.ptr};
  const int weighting = options.weighting == PairWeighting::kTargetDiff ? 1 : (user ? 2 : 0);
  const bool tau_b = is_correlation(options.kind) && options.normalization == Normalization::kTauB;
  const bool g = options.want_grad;
  using namespace pair;
  switch (options.kind) {
    case SurrogateKind::kTanh:
      tau_b ? launch_weighting<CorrPair<PhiTanh>, true>(l, weighting, g)
            : launch_weighting<CorrPair<PhiTanh>, false>(l, weighting, g);
      break;
    case SurrogateKind::kHardtanh:
      tau_b ? launch_weighting<CorrPair<PhiHardtanh>, true>(l, weighting, g)
            : launch_weighting<CorrPair<PhiHardtanh>, false>(l, weighting, g);
      break;
    case SurrogateKind::kLogistic:
      tau_b ? launch_weighting<CorrPair<PhiLogistic>, true>(l, weighting, g)
            : launch_weighting<CorrPair<PhiLogistic>, false>(l, weighting, g);
      break;
    case SurrogateKind::kRanknet:
      launch_weighting<RanknetPair, false>(l, weighting, g);
      break;
    case SurrogateKind::kHinge:
      launch_weighting<HingePair, false>(l, weighting, g);
      break;
  }

  const unsigned threads = 256;
  const unsigned elem_blocks = static_cast<unsigned>((total + threads - 1) / threads);
  reduce_rows_kernel<<<elem_blocks, threads>>>(d_partial.ptr, batch, n, chunks, d_rows.ptr);
  check_launch("reduce_rows_kernel");
  list_sums_kernel<<<static_cast<unsigned>(batch), kSumThreads>>>(d_rows.ptr, n, d_sums.ptr);
  check_launch("list_sums_kernel");

  std::vector<double> sums(2 * batch), scales(2 * batch);
  to_host(sums.data(), d_sums, 2 * batch);
  for (std::size_t b = 0; b < batch; ++b) {
    const ListScale s = finalize_list(options.kind, options.normalization, sums[2 * b],
                                      sums[2 * b + 1], prep.denominators[b], prep.finite[b]);
    value[b] = s.value;
    scales[2 * b] = s.gv_scale;
    scales[2 * b + 1] = s.gq_scale;
  }
  if (!g) return;
  to_device(d_scales, scales.data(), 2 * batch);
  scale_grad_kernel<<<elem_blocks, threads>>>(d_rows.ptr, batch, n, d_scales.ptr, d_grad.ptr);
  check_launch("scale_grad_kernel");
  to_host(grad, d_grad, total);
}

}  // namespace tauflow::cuda
