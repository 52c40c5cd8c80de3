// Registration and the backend-agnostic kernel: kernels for cpu, wasm and tensorflow, a gradient
// registered once, re-registration harmless, and the kernel's write() path that tfjs-node's
// backend (no makeTensorInfo) takes — exercised here with a minimal stand-in backend.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it, vi } from 'vitest';
import { resolveDevice } from '../src/tfjs/device_choice.js';
import {
  AUTO_CUDA_MIN_PAIRS,
  cudaDeviceCount,
  KERNEL_BACKENDS,
  registerAll,
  SOFT_KENDALL_KERNEL,
  softKendall,
} from '../src/tfjs/index.js';
import { softKendallKernelFunc } from '../src/tfjs/soft_kendall_kernel.js';
import { lists } from './tfjs_data.js';

describe('registration', () => {
  it('registers the kernel for cpu, wasm and tensorflow and one gradient', () => {
    expect([...KERNEL_BACKENDS]).toEqual(['cpu', 'wasm', 'tensorflow']);
    for (const backend of KERNEL_BACKENDS) expect(tf.getKernel(SOFT_KENDALL_KERNEL, backend)).toBeDefined();
    expect(tf.getGradient(SOFT_KENDALL_KERNEL)).toBeDefined();
  });

  it('is harmless to run again, or to import a second instance of the module', async () => {
    const warn = vi.spyOn(console, 'warn');
    const kernel = tf.getKernel(SOFT_KENDALL_KERNEL, 'cpu');
    registerAll();
    await import('../src/tfjs/register_all.js?second-instance' as string);
    expect(warn).not.toHaveBeenCalled();
    expect(tf.getKernel(SOFT_KENDALL_KERNEL, 'cpu')).toBe(kernel);
    warn.mockRestore();
    const data = lists(1, 6, 1);
    expect(softKendall(tf.tensor1d(data.pred), tf.tensor1d(data.target)).dataSync()[0]).toBeGreaterThan(0);
  });
});

describe('kernel on a backend without makeTensorInfo (the tfjs-node path)', () => {
  it('reads with readSync and creates outputs with write()', () => {
    const store = new Map<object, { values: Float32Array; shape: number[] }>();
    const backend = {
      readSync: (id: object) => store.get(id)!.values,
      write: (values: Float32Array, shape: number[], dtype: string) => {
        expect(dtype).toBe('float32');
        const id = {};
        store.set(id, { values, shape });
        return id;
      },
    };
    const data = lists(2, 5, 3);
    const info = (values: Float32Array) => ({
      dataId: backend.write(values, [2, 5], 'float32'),
      shape: [2, 5],
      dtype: 'float32' as const,
    });
    const out = softKendallKernelFunc({
      inputs: { yPred: info(data.pred), yTrue: info(data.target) },
      backend: backend as never,
      attrs: {
        surrogate: 'tanh',
        alpha: 3,
        margin: 1,
        weighting: 'none',
        normalization: 'tau-b',
        device: 'cpu',
        wantGrad: true,
      },
    }) as tf.TensorInfo[];
    expect(out.map((o) => o.shape)).toEqual([[2], [2, 5]]);
    const value = store.get(out[0].dataId)!.values;
    const grad = store.get(out[1].dataId)!.values;
    const onCpu = softKendall(tf.tensor2d(data.pred, [2, 5]), tf.tensor2d(data.target, [2, 5]), { alpha: 3 });
    expect(Array.from(value)).toEqual(Array.from(onCpu.dataSync()));
    expect(grad.some((g) => g !== 0)).toBe(true);
  });
});

describe("device 'auto'", () => {
  it('stays on the CPU below AUTO_CUDA_MIN_PAIRS, and without a device at any size', () => {
    expect(AUTO_CUDA_MIN_PAIRS).toBeGreaterThan(0);
    expect(resolveDevice('f', 'auto', 1, 100)).toBe('cpu');
    expect(resolveDevice('f', 'cpu', 1, 1 << 20)).toBe('cpu');
    expect(resolveDevice('f', 'auto', 1, 1 << 20)).toBe(cudaDeviceCount() > 0 ? 'cuda' : 'cpu');
  });
});
