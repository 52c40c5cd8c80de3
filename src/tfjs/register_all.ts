// Registers tauflow's kernels and gradients with tfjs. Imported for its effect by the
// 'tauflow/tfjs' entry; registering is keyed by name, so importing this twice (or two copies of
// it) is harmless: an existing registration is left alone instead of tfjs warning about it.
import { getGradient, getKernel, registerGradient, registerKernel } from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradients of its own ops; tfjs-layers' bundle registers all
// of them (into tfjs's global registry, shared by every copy). Import it so that tf.grad and the
// losses work without the app importing layers or the union package first (~80 ms, once).
import '@tensorflow/tfjs-layers';
import { SoftKendall } from './kernel_names.js';
import { softKendallGradConfig } from './soft_kendall_grad.js';
import { softKendallKernelFunc } from './soft_kendall_kernel.js';

/**
 * Backends the kernels are registered for. A registration is only a (kernel, backend) entry in
 * tfjs's table, so 'tensorflow' (tfjs-node / tfjs-node-gpu) is registered even when that package
 * is absent: importing it later, in any order, then just works.
 */
export const KERNEL_BACKENDS = ['cpu', 'wasm', 'tensorflow'] as const;

/** Registers every kernel and gradient that is not registered yet. Safe to call any number of times. */
export function registerAll(): void {
  for (const backendName of KERNEL_BACKENDS) {
    if (getKernel(SoftKendall, backendName) === undefined)
      registerKernel({ kernelName: SoftKendall, backendName, kernelFunc: softKendallKernelFunc });
  }
  if (getGradient(SoftKendall) === undefined) registerGradient(softKendallGradConfig);
}

registerAll();
