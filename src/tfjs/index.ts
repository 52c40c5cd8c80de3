// tauflow/tfjs: the fused Kendall-surrogate op, losses for model.compile and custom loops, and
// an exact Kendall tau metric. Importing this module registers the kernels (cpu, wasm,
// tensorflow) and the gradient; importing it twice is harmless.
export { AUTO_CUDA_MIN_PAIRS, cudaDeviceCount } from './device_choice.js';
export type { DeviceChoice, Normalization, PairWeighting, SurrogateKind } from './kernel_names.js';
export { SoftKendall as SOFT_KENDALL_KERNEL } from './kernel_names.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export { DEFAULT_ALPHA, DEFAULT_MARGIN, type SoftKendallOptions } from './options.js';
export { KERNEL_BACKENDS, registerAll } from './register_all.js';
export { softKendall } from './soft_kendall.js';
