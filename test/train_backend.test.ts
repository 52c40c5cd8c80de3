// Backend choice: auto falls back to wasm here (tfjs-node is not installable offline) and says why;
// asking for an unavailable backend is a clear error.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chooseBackend } from '../src/train/backend.js';
import { registerWasmTrainingKernels } from '../src/train/kernels/register_wasm_training_kernels.js';

describe('chooseBackend', () => {
  it("auto picks wasm when tfjs-node can't be imported, and says why", async () => {
    const choice = await chooseBackend('auto');
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.reason).toMatch(
      /@tensorflow\/tfjs-node-gpu not installed, @tensorflow\/tfjs-node not installed/,
    );
    expect(choice.reason).toMatch(/training kernels/);
    // the training kernels are in place
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(registerWasmTrainingKernels()).toEqual([]); // idempotent
  });

  it('--backend overrides', async () => {
    expect(await chooseBackend('cpu')).toEqual({ name: 'cpu', reason: 'requested with --backend' });
    expect(tf.getBackend()).toBe('cpu');
    expect((await chooseBackend('wasm')).name).toBe('wasm');
  });

  it('an unavailable tensorflow backend is a clear error naming what to install', async () => {
    await expect(chooseBackend('tensorflow')).rejects.toThrow(
      /backend 'tensorflow' was requested but is unavailable \(@tensorflow\/tfjs-node-gpu not installed; .*\); install @tensorflow\/tfjs-node/,
    );
  });

  it('rejects an unknown name', async () => {
    await expect(chooseBackend('webgl' as never)).rejects.toThrow(
      "chooseBackend: expected one of 'auto', 'tensorflow', 'wasm', 'cpu' for requested but received the string \"webgl\"",
    );
  });
});
