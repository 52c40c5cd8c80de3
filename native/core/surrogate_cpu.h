// Fused pairwise Kendall surrogate on the CPU: value and gradient of B independent lists in one
// call, O(B n) extra memory, all cores (parallel_for), deterministic.
//
// For each list b (row-major [B, n]) with predictions p, targets y and pair weights w_ij:
//   s_ij = phi(alpha (p_i - p_j)), t_ij = sign(y_i - y_j), over pairs i < j:
//   tau-a   = sum w s t / sum w
//   tau-b   = sum w s t / sqrt(sum w s^2 * sum w t^2)
//   ranknet = (1/N) sum_{t != 0} w log(1 + exp(-alpha t (p_i - p_j)))
//   hinge   = (1/N) sum_{t != 0} w max(0, margin - t (p_i - p_j)),  N = #{i < j : t != 0}
// See surrogate_normalize.h for the gradient formulas and the degenerate cases (NaN value,
// zero gradient when a denominator is 0; NaN value and gradient for non-finite predictions).
//
// Algorithm: each list is sorted by target once; the upper triangle of its pair matrix is cut into
// kTile x kTile tiles and every pair is evaluated once (surrogate_tiles.h), adding to g_i and
// subtracting from g_j. Tiles run in rounds of a round-robin tournament over the row blocks: in a
// round every block is in exactly one tile, so the tiles of a round run in parallel without
// sharing an accumulator, and each accumulator receives its contributions in round order. The
// result is therefore identical run to run and for any thread count.
//
// Example:
//   float p[] = {0.1f, 0.4f, 0.2f}, y[] = {1, 3, 2};
//   double value; float grad[3];
//   tauflow::SurrogateOptions o;  // tanh, alpha 1, tau-b, no weights
//   tauflow::surrogate_cpu(p, y, nullptr, 1, 3, o, &value, grad);  // value > 0: same order
#pragma once

#include <cstddef>
#include <stdexcept>

#include "core/surrogate_options.h"

namespace tauflow {

// pred, target: [batch * n]; weights: [batch * n] when options.weighting is kUser, else ignored.
// value: [batch]; grad: [batch * n] (written only when options.want_grad).
// Throws std::invalid_argument for n < 2, a NaN target, or missing user weights.
void surrogate_cpu(const float* pred, const float* target, const float* weights, std::size_t batch,
                   std::size_t n, const SurrogateOptions& options, double* value, float* grad);

// The same result computed in the CUDA kernel's order (surrogate_rowwise.h): every row against
// every column, one column chunk at a time. About twice the work of surrogate_cpu; it exists so
// the CPU tests check the GPU's arithmetic. surrogate_cpu runs it when the environment variable
// TAUFLOW_SURROGATE_CPU is "rowwise".
void surrogate_cpu_rowwise(const float* pred, const float* target, const float* weights,
                           std::size_t batch, std::size_t n, const SurrogateOptions& options,
                           double* value, float* grad);

// Name of the instruction set the CPU tiles use on this machine ("avx512", "avx2", "baseline");
// the environment variable TAUFLOW_SIMD=baseline|avx2|avx512 lowers it (never raises it).
const char* surrogate_cpu_simd();

}  // namespace tauflow
