// Picks the tfjs backend the trainer runs on. Order: 'tensorflow' (libtensorflow through
// @tensorflow/tfjs-node-gpu or -node, optional peers that cannot be installed offline), else
// 'wasm' (XNNPACK, SIMD; ~100× faster than 'cpu' for training here once tauflow's training kernels
// are registered), else the pure-JS 'cpu'. A requested backend overrides the choice.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { oneOf } from '../validate.js';
import { registerWasmTrainingKernels } from './kernels/register_wasm_training_kernels.js';

export const backendNames = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];

export interface BackendChoice {
  /** the tfjs backend now active: 'tensorflow', 'wasm' or 'cpu' */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** one line saying why, for the run's log */
  reason: string;
}

const require = createRequire(import.meta.url);

/** Tries the tfjs-node packages in order; returns the one that loaded, with failures listed. */
function loadTensorflow(): { pkg?: string; failures: string[] } {
  const failures: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      require(pkg);
      if (tf.findBackend('tensorflow')) return { pkg, failures };
      failures.push(`${pkg} loaded but registered no 'tensorflow' backend`);
    } catch (err) {
      const message = (err as Error).message.split('\n')[0];
      failures.push(
        (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && message.includes(pkg)
          ? `${pkg} not installed`
          : `${pkg}: ${message}`,
      );
    }
  }
  return { failures };
}

async function activate(name: 'tensorflow' | 'wasm' | 'cpu'): Promise<boolean> {
  if (name === 'wasm') registerWasmTrainingKernels();
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Activates a tfjs backend for training and says which and why.
 *
 * @example
 * const { name, reason } = await chooseBackend('auto');
 * console.log(`backend: ${name} (${reason})`); // backend: wasm (@tensorflow/tfjs-node not installed; …)
 */
export async function chooseBackend(requested: BackendName = 'auto'): Promise<BackendChoice> {
  const want = oneOf('chooseBackend', 'requested', requested, backendNames, 'auto');
  if (want === 'tensorflow' || want === 'auto') {
    const { pkg, failures } = loadTensorflow();
    if (pkg && (await activate('tensorflow')))
      return { name: 'tensorflow', reason: `${want === 'auto' ? 'found' : 'requested;'} ${pkg}` };
    if (want === 'tensorflow')
      throw new Error(
        `backend 'tensorflow' was requested but is unavailable (${failures.join('; ')}); ` +
          'install @tensorflow/tfjs-node (CPU) or @tensorflow/tfjs-node-gpu (CUDA 11.2, cuDNN 8.1)',
      );
    if (await activate('wasm'))
      return {
        name: 'wasm',
        reason: `${failures.join(', ')}; wasm with SIMD${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? '' : ' unsupported'} and tauflow's training kernels`,
      };
    await activate('cpu');
    return { name: 'cpu', reason: `${failures.join(', ')}; wasm failed to start; pure-JS cpu (slow)` };
  }
  if (!(await activate(want))) throw new Error(`backend '${want}' failed to start`);
  return { name: want, reason: 'requested with --backend' };
}
