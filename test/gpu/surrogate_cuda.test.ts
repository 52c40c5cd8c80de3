// The CUDA surrogate (device: 'cuda') against the CPU paths and the float64 reference. Runs only
// with a CUDA device; elsewhere every case shows as skipped, with the reason in its name.
// One command runs this suite and the GPU benchmark on a GPU machine: bench/gpu.sh.
import { afterEach, describe, expect, it } from 'vitest';
import type { NativeSurrogateOptions } from '../../binding.js';
import { native } from '../../src/native.js';
import {
  exactTauB,
  KINDS,
  makeInput,
  reference,
  rng,
  type SurrogateOptions,
  WEIGHTINGS,
} from '../surrogate_native_reference.js';

const noDevice = native().cudaDeviceCount() === 0;
const gpuIt = it.skipIf(noDevice);
const SKIP = noDevice ? ' (skipped: no CUDA device)' : '';

function combos(): SurrogateOptions[] {
  const out: SurrogateOptions[] = [];
  for (const surrogate of KINDS)
    for (const weighting of WEIGHTINGS)
      for (const normalization of surrogate === 'ranknet' || surrogate === 'hinge'
        ? (['tau-a'] as const)
        : (['tau-a', 'tau-b'] as const))
        out.push({ surrogate, weighting, normalization, alpha: 2, margin: 0.5 });
  return out;
}

function call(
  device: 'cpu' | 'cuda',
  p: Float32Array,
  y: Float32Array,
  w: Float32Array,
  batch: number,
  n: number,
  o: SurrogateOptions,
) {
  const opts: NativeSurrogateOptions = { ...o, device, wantGrad: true };
  return native().surrogate(p, y, o.weighting === 'user' ? w : null, batch, n, opts);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    const d = Math.abs(a[k] - b[k]);
    if (!(d <= m)) m = d;
  }
  return m;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]));
  return m;
}

const label = (o: SurrogateOptions) => `${o.surrogate} / ${o.weighting} / ${o.normalization}`;

describe(`CUDA surrogate${SKIP}`, () => {
  afterEach(() => {
    delete process.env.TAUFLOW_SURROGATE_CPU;
  });

  for (const o of combos()) {
    gpuIt(`matches the float64 reference and the CPU mirror of its order: ${label(o)}${SKIP}`, () => {
      for (const { batch, n, seed } of [
        { batch: 3, n: 37, seed: 1 },
        { batch: 2, n: 600, seed: 2 },
      ]) {
        const { p, y, w } = makeInput(batch, n, seed);
        const gpu = call('cuda', p, y, w, batch, n, o);
        const want = reference(p, y, o.weighting === 'user' ? w : null, batch, n, o);
        expect(maxAbsDiff(gpu.value, want.value), `${label(o)} value`).toBeLessThanOrEqual(
          2e-6 * Math.max(1e-3, maxAbs(want.value)),
        );
        expect(maxAbsDiff(gpu.grad, want.grad), `${label(o)} grad`).toBeLessThanOrEqual(
          2e-5 * Math.max(1e-3, maxAbs(want.grad)),
        );
        process.env.TAUFLOW_SURROGATE_CPU = 'rowwise';
        const mirror = call('cpu', p, y, w, batch, n, o);
        delete process.env.TAUFLOW_SURROGATE_CPU;
        // Same order of float sums; only fused multiply-adds and the final tree may differ.
        expect(maxAbsDiff(gpu.value, mirror.value), `${label(o)} value vs mirror`).toBeLessThanOrEqual(
          1e-6 * Math.max(1e-3, maxAbs(mirror.value)),
        );
        expect(maxAbsDiff(gpu.grad, mirror.grad), `${label(o)} grad vs mirror`).toBeLessThanOrEqual(
          1e-5 * Math.max(1e-3, maxAbs(mirror.grad)),
        );
      }
    });
  }

  gpuIt(`agrees with the tiled CPU path at n = 20,000 and B = 64 x n = 128${SKIP}`, () => {
    for (const [batch, n] of [
      [1, 20000],
      [64, 128],
    ]) {
      const { p, y, w } = makeInput(batch, n, 3);
      for (const o of [combos()[1], combos()[combos().length - 2]]) {
        const gpu = call('cuda', p, y, w, batch, n, o);
        const cpu = call('cpu', p, y, w, batch, n, o);
        expect(maxAbsDiff(gpu.value, cpu.value), `${label(o)} B=${batch} n=${n}`).toBeLessThanOrEqual(
          1e-5 * Math.max(1e-3, maxAbs(cpu.value)),
        );
        expect(maxAbsDiff(gpu.grad, cpu.grad), `${label(o)} B=${batch} n=${n}`).toBeLessThanOrEqual(
          1e-4 * Math.max(1e-3, maxAbs(cpu.grad)),
        );
      }
    }
  });

  gpuIt(`is bit-identical run to run${SKIP}`, () => {
    const { p, y, w } = makeInput(2, 5000, 4);
    const o: SurrogateOptions = {
      surrogate: 'tanh',
      weighting: 'user',
      normalization: 'tau-b',
      alpha: 2,
      margin: 1,
    };
    const a = call('cuda', p, y, w, 2, 5000, o);
    const b = call('cuda', p, y, w, 2, 5000, o);
    expect(Buffer.from(a.value.buffer).equals(Buffer.from(b.value.buffer))).toBe(true);
    expect(Buffer.from(a.grad.buffer).equals(Buffer.from(b.grad.buffer))).toBe(true);
  });

  gpuIt(`hard limit: alpha = 1e4 gives exact tau-b, ties included${SKIP}`, () => {
    const r = rng(5);
    const n = 500;
    const p = new Float32Array(n);
    const y = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      y[k] = Math.floor(r() * 6);
      p[k] = Math.round((y[k] + 3 * r()) * 10) / 10;
    }
    const got = call('cuda', p, y, y, 1, n, {
      surrogate: 'tanh',
      weighting: 'none',
      normalization: 'tau-b',
      alpha: 1e4,
      margin: 1,
    });
    expect(Math.abs(got.value[0] - exactTauB(p, y))).toBeLessThan(1e-12);
  });

  gpuIt(`degenerate lists and more than 65,535 lists (grid slices) match the CPU${SKIP}`, () => {
    const batch = 70000;
    const { p, y, w } = makeInput(batch, 2, 6);
    y[0] = y[1]; // list 0: tied targets
    p[2] = Number.NaN; // list 1: a NaN prediction
    for (const o of [combos()[1], combos()[combos().length - 3]]) {
      const gpu = call('cuda', p, y, w, batch, 2, o);
      const cpu = call('cpu', p, y, w, batch, 2, o);
      expect(Number.isNaN(gpu.value[0])).toBe(Number.isNaN(cpu.value[0]));
      expect(gpu.value[1]).toBeNaN();
      expect(maxAbsDiff(gpu.value.subarray(2), cpu.value.subarray(2))).toBeLessThanOrEqual(1e-6);
      expect(Array.from(gpu.grad.subarray(0, 2))).toEqual(Array.from(cpu.grad.subarray(0, 2)));
    }
  });
});
