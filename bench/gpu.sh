#!/usr/bin/env bash
# The GPU checks in one command, for a machine with an NVIDIA GPU and a driver for CUDA 13:
#   1. what the addon sees (compiled with CUDA? devices? driver?), failing loudly when no device,
#      so the GPU suite cannot "pass" by skipping;
#   2. the GPU test suite (test/gpu/*.test.ts: CUDA vs the float64 reference and the CPU paths);
#   3. the GPU benchmark (bench/surrogate_native_gpu.bench.ts: n = 65,536 and 262,144, pairs/s
#      against the device's FP32 peak), its table also saved to bench/gpu-results.md.
#   4. the CPU-vs-CUDA crossover of the fused op, which sets softKendall's device: 'auto' threshold.
# Needs Node >= 20 and this package installed with its dev dependencies (npm ci), the addon built
# with CUDA (npm ci builds it when nvcc is on PATH; `npx cmake-js rebuild --CDTAUFLOW_CUDA=ON`
# forces a rebuild). Usage: bash bench/gpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."

echo "::: addon and devices"
node -e "
const b = require('node-gyp-build')(process.cwd());
const c = b.buildInfo().cuda;
console.log(JSON.stringify(c, null, 2));
if (!c.compiled) {
  console.error('gpu.sh: this build has no CUDA; rebuild with nvcc on PATH: npx cmake-js rebuild --CDTAUFLOW_CUDA=ON');
  process.exit(2);
}
if (b.cudaDeviceCount() === 0) {
  console.error('gpu.sh: no usable CUDA device: ' + (c.error || 'none found'));
  process.exit(3);
}
"

echo "::: GPU tests"
npx vitest run test/gpu --reporter=verbose

echo "::: GPU benchmark"
npx tsx bench/surrogate_native_gpu.bench.ts | tee bench/gpu-results.md

echo "::: device 'auto' crossover (value for AUTO_CUDA_MIN_PAIRS in src/tfjs/device_choice.ts)"
npx tsx bench/soft_kendall_device.ts | tee -a bench/gpu-results.md
