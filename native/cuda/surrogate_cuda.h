// Host-side entry of the CUDA surrogate (native/cuda/surrogate.cu), safe to include from plain C++
// (no CUDA types). Same contract as tauflow::surrogate_cpu (native/core/surrogate_cpu.h): value and
// gradient of B lists of length n, the same formulas and degenerate cases.
#pragma once

#include <cstddef>

#include "core/surrogate_options.h"

namespace tauflow::cuda {

// Runs on the current CUDA device. Inputs and outputs are host arrays (copied to and from the
// device). Throws std::invalid_argument for bad input (as surrogate_cpu) and std::runtime_error
// naming the failed CUDA call for any CUDA error.
void surrogate_cuda(const float* pred, const float* target, const float* weights, std::size_t batch,
                    std::size_t n, const SurrogateOptions& options, double* value, float* grad);

}  // namespace tauflow::cuda
