// Registers the kernels tauflow adds to the wasm backend so that every model in
// src/train/models trains there, fast. Found by training each model variant for a step on wasm
// and profiling the step (tf.profile, resnet8 at 32 px, batch 32):
//  - Conv2DBackpropFilter: missing on wasm, and tfjs-layers' fused conv gradient needs it.
//  - Conv2DBackpropInput: present but a plain loop (58% of the step); replaced by an XNNPACK
//    Conv2D composition.
//  - the FusedBatchNorm gradient (backend-independent): tfjs-core's tiles a [C] vector to the
//    full activation size before an elementwise multiply (20% of the step on wasm); ours
//    broadcasts, bitwise-equal.
// Pool gradients (MaxPoolGrad, AvgPoolGrad), batch-norm and the rest exist on wasm or are
// composed by tfjs-core from kernels that do; test/wasm_kernels.test.ts checks them against cpu.
import {
  getKernel,
  type KernelConfig,
  registerGradient,
  registerKernel,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasmConfig } from './conv2d_backprop_filter_wasm.js';
import { conv2dBackpropInputWasmConfig } from './conv2d_backprop_input_wasm.js';
import { fusedBatchNormGradConfig } from './fused_batch_norm_grad.js';

const trainingKernels: Array<{ config: KernelConfig; replaces: boolean }> = [
  { config: conv2dBackpropFilterWasmConfig, replaces: false },
  { config: conv2dBackpropInputWasmConfig, replaces: true },
];

let registered = false;

/**
 * Registers tauflow's wasm training kernels (once; later calls do nothing). Returns the names
 * registered by this call.
 *
 * @example
 * registerWasmTrainingKernels(); // ['Conv2DBackpropFilter', 'Conv2DBackpropInput']
 */
export function registerWasmTrainingKernels(): string[] {
  if (registered) return [];
  registered = true;
  const added: string[] = [];
  for (const { config, replaces } of trainingKernels) {
    const existing = getKernel(config.kernelName, config.backendName);
    if (existing && !replaces) continue;
    if (existing) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
    added.push(config.kernelName);
  }
  registerGradient(fusedBatchNormGradConfig);
  added.push('FusedBatchNorm gradient');
  return added;
}
