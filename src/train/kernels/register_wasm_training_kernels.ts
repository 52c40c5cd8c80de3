// Registers the kernels tauflow adds to the wasm backend so that every model in
// src/train/models trains there. Found by training each model variant for a step on wasm:
// only Conv2DBackpropFilter is missing (pool grads, batch-norm grads and the rest exist or are
// composed by tfjs-core from kernels that do).
import { getKernel, registerKernel } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasmConfig } from './conv2d_backprop_filter_wasm.js';

const trainingKernels = [conv2dBackpropFilterWasmConfig];

/** Idempotent: registers each kernel once, and never over one the backend already has. */
export function registerWasmTrainingKernels(): string[] {
  const added: string[] = [];
  for (const config of trainingKernels) {
    if (getKernel(config.kernelName, config.backendName)) continue;
    registerKernel(config);
    added.push(config.kernelName);
  }
  return added;
}
