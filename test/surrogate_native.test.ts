// The native fused surrogate (binding.surrogate) against an O(n^2) float64 reference written out
// pair by pair (test/surrogate_native_reference.ts), a float64 finite-difference check, an exact
// tau-b oracle in the hard limit, determinism, degenerate lists and bad input at the binding.
import { afterEach, describe, expect, it } from 'vitest';
import type { NativeSurrogateOptions } from '../binding.js';
import { native } from '../src/native.js';
import {
  exactTauB,
  KINDS,
  makeInput,
  reference,
  referenceList,
  rng,
  type SurrogateOptions,
  WEIGHTINGS,
} from './surrogate_native_reference.js';

const NORMS = ['tau-a', 'tau-b'] as const;

function opts(o: Partial<NativeSurrogateOptions> = {}): NativeSurrogateOptions {
  return {
    surrogate: 'tanh',
    alpha: 2,
    margin: 0.5,
    weighting: 'none',
    normalization: 'tau-b',
    device: 'cpu',
    wantGrad: true,
    ...o,
  };
}

/** Every surrogate x weighting x normalisation (the losses have no normalisation: once each). */
function allCombos(): SurrogateOptions[] {
  const out: SurrogateOptions[] = [];
  for (const surrogate of KINDS)
    for (const weighting of WEIGHTINGS)
      for (const normalization of surrogate === 'ranknet' || surrogate === 'hinge'
        ? (['tau-a'] as const)
        : NORMS)
        out.push({
          surrogate,
          weighting,
          normalization,
          alpha: surrogate === 'hardtanh' ? 3 : 2,
          margin: 0.5,
        });
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let scale = 0;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]));
  let worst = 0;
  let at = -1;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.abs(actual[k] - expected[k]);
    if (!(e <= worst)) {
      worst = e;
      at = k;
    }
  }
  expect(worst, `${what}: worst abs error at [${at}] (scale ${scale})`).toBeLessThanOrEqual(
    tol * Math.max(scale, 1e-3),
  );
}

function run(
  p: Float32Array,
  y: Float32Array,
  w: Float32Array | null,
  batch: number,
  n: number,
  o: SurrogateOptions,
  extra: Partial<NativeSurrogateOptions> = {},
) {
  return native().surrogate(p, y, o.weighting === 'user' ? w : null, batch, n, opts({ ...o, ...extra }));
}

const label = (o: SurrogateOptions) => `${o.surrogate} / ${o.weighting} / ${o.normalization}`;

describe('surrogate (native CPU) against the float64 pair-by-pair reference', () => {
  // n = 37: one ragged tile; n = 300 and 600: several tiles, tie blocks across tile edges, an odd
  // block count (a round-robin dummy).
  const shapes = [
    { batch: 1, n: 37, seed: 1 },
    { batch: 3, n: 37, seed: 2 },
    { batch: 1, n: 300, seed: 3 },
    { batch: 2, n: 600, seed: 4 },
  ];
  for (const o of allCombos()) {
    it(`values and gradients: ${label(o)}`, () => {
      for (const { batch, n, seed } of shapes) {
        const { p, y, w } = makeInput(batch, n, seed);
        const got = run(p, y, w, batch, n, o);
        const want = reference(p, y, o.weighting === 'user' ? w : null, batch, n, o);
        expectClose(got.value, want.value, 2e-6, `${label(o)} B=${batch} n=${n} value`);
        expectClose(got.grad, want.grad, 2e-5, `${label(o)} B=${batch} n=${n} grad`);
      }
    });
  }

  it('wantGrad: false gives the same value and an empty gradient', () => {
    const { p, y, w } = makeInput(2, 300, 5);
    for (const o of allCombos()) {
      const full = run(p, y, w, 2, 300, o);
      const fwd = run(p, y, w, 2, 300, o, { wantGrad: false });
      expect(fwd.grad.length).toBe(0);
      expect(Array.from(fwd.value), label(o)).toEqual(Array.from(full.value));
    }
  });
});

describe("the CPU mirror of the CUDA kernel's order (TAUFLOW_SURROGATE_CPU=rowwise)", () => {
  afterEach(() => {
    delete process.env.TAUFLOW_SURROGATE_CPU;
  });
  // Row-wise visits every (i, j) with general target signs t in {-1, 0, +1}, unlike the tiles.
  for (const o of allCombos()) {
    it(`values and gradients: ${label(o)}`, () => {
      for (const { batch, n, seed } of [
        { batch: 3, n: 37, seed: 6 },
        { batch: 2, n: 600, seed: 7 },
      ]) {
        const { p, y, w } = makeInput(batch, n, seed);
        process.env.TAUFLOW_SURROGATE_CPU = 'rowwise';
        const got = run(p, y, w, batch, n, o);
        delete process.env.TAUFLOW_SURROGATE_CPU;
        const want = reference(p, y, o.weighting === 'user' ? w : null, batch, n, o);
        expectClose(got.value, want.value, 2e-6, `${label(o)} B=${batch} n=${n} value`);
        expectClose(got.grad, want.grad, 2e-5, `${label(o)} B=${batch} n=${n} grad`);
      }
    });
  }
});

describe('surrogate gradient against float64 central finite differences of the reference', () => {
  for (const o of allCombos()) {
    it(label(o), () => {
      const n = 24;
      const { p, y, w } = makeInput(1, n, 11);
      const got = run(p, y, w, 1, n, o);
      const wRef = o.weighting === 'user' ? w : null;
      const fd = new Float64Array(n);
      const h = 1e-6;
      const q = Float64Array.from(p);
      for (let k = 0; k < n; k++) {
        const x = q[k];
        q[k] = x + h;
        const up = referenceList(q, y, wRef, o).value;
        q[k] = x - h;
        const down = referenceList(q, y, wRef, o).value;
        q[k] = x;
        fd[k] = (up - down) / (2 * h);
      }
      expectClose(got.grad, fd, 1e-4, `${label(o)} grad vs finite differences`);
    });
  }
});

describe('shared pair functions, seen through lists of two', () => {
  // A list (x, 0) with targets (1, 0) under tau-a without weights has value phi(alpha x) and
  // gradient d/dx; B such lists evaluate phi at B points in one call.
  const xs = new Float32Array(4001);
  for (let k = 0; k < xs.length; k++) {
    const u = (k - 2000) / 100; // [-20, 20] in steps of 0.01
    xs[k] = Math.sign(u) * Math.abs(u) ** 1.5; // denser near 0
  }
  xs[2001] = 1e-30;
  xs[1999] = -3e-8;
  const batch = xs.length;
  const p = new Float32Array(2 * batch);
  const y = new Float32Array(2 * batch);
  for (let b = 0; b < batch; b++) {
    p[2 * b] = xs[b];
    y[2 * b] = 1;
  }

  it('tanh_approx (tanh, alpha 1) is within 1e-6 of tanh, absolute and relative; derivative too', () => {
    const r = native().surrogate(p, y, null, batch, 2, opts({ alpha: 1, normalization: 'tau-a' }));
    for (let b = 0; b < batch; b++) {
      const want = Math.tanh(xs[b]);
      const err = Math.abs(r.value[b] - want);
      expect(err, `tanh(${xs[b]})`).toBeLessThanOrEqual(1e-6 * Math.min(1, Math.abs(want)) + 1e-45);
      expect(Math.abs(r.grad[2 * b] - (1 - want * want)), `tanh'(${xs[b]})`).toBeLessThanOrEqual(1e-6);
      expect(r.grad[2 * b + 1] === -r.grad[2 * b]).toBe(true);
    }
  });

  it('logistic is 2 sigma(x) - 1 within 1e-6 (relative), derivative 2 sigma (1 - sigma)', () => {
    const r = native().surrogate(
      p,
      y,
      null,
      batch,
      2,
      opts({ surrogate: 'logistic', alpha: 1, normalization: 'tau-a' }),
    );
    for (let b = 0; b < batch; b++) {
      const want = Math.tanh(xs[b] / 2);
      expect(Math.abs(r.value[b] - want), `logistic(${xs[b]})`).toBeLessThanOrEqual(
        1e-6 * Math.min(1, Math.abs(want)) + 1e-45,
      );
      expect(Math.abs(r.grad[2 * b] - (1 - want * want) / 2)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('ranknet: log(1 + exp(-x)) within 1e-6 relative, derivative -sigma(-x)', () => {
    const r = native().surrogate(p, y, null, batch, 2, opts({ surrogate: 'ranknet', alpha: 1 }));
    for (let b = 0; b < batch; b++) {
      const x = xs[b];
      const want = x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
      // relative 1e-6, except below 1e-37 where |u| > 87 is clamped (see pair_functions.h)
      expect(Math.abs(r.value[b] - want), `softplus(${-x})`).toBeLessThanOrEqual(1e-6 * want + 1e-37);
      const dwant = -1 / (1 + Math.exp(x));
      expect(Math.abs(r.grad[2 * b] - dwant), `sigma(${-x})`).toBeLessThanOrEqual(
        1e-6 * Math.max(1e-30, Math.abs(dwant)) + 1e-37,
      );
    }
  });

  it('hardtanh clips to [-1, 1]; its derivative is 1 strictly inside and 0 on the boundary', () => {
    const edge = new Float32Array([0.5, 0, -0.25, 0, 1, 0, -1, 0, 1.5, 0]);
    const ty = new Float32Array([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    const r = native().surrogate(
      edge,
      ty,
      null,
      5,
      2,
      opts({ surrogate: 'hardtanh', alpha: 1, normalization: 'tau-a' }),
    );
    expect(Array.from(r.value)).toEqual([0.5, -0.25, 1, -1, 1]);
    expect(Array.from(r.grad.filter((_, k) => k % 2 === 0))).toEqual([1, 1, 0, 0, 0]);
  });

  it('hinge: max(0, m - x), derivative -1 where m - x > 0 and 0 at the kink', () => {
    const hp = new Float32Array([0, 0, 0.5, 0, 2, 0, -1, 0]);
    const hy = new Float32Array([1, 0, 1, 0, 1, 0, 1, 0]);
    const r = native().surrogate(hp, hy, null, 4, 2, opts({ surrogate: 'hinge', margin: 0.5 }));
    expect(Array.from(r.value)).toEqual([0.5, 0, 0, 1.5]);
    expect(Array.from(r.grad.filter((_, k) => k % 2 === 0))).toEqual([-1, 0, 0, -1]);
  });
});

describe('hard limit: soft tau-b with a large alpha is exact tau-b, ties included', () => {
  for (const surrogate of ['tanh', 'hardtanh', 'logistic'] as const) {
    it(surrogate, () => {
      const r = rng(21);
      for (const n of [2, 3, 50, 400]) {
        const p = new Float32Array(n);
        const y = new Float32Array(n);
        for (let k = 0; k < n; k++) {
          y[k] = Math.floor(r() * 6); // many ties
          p[k] = Math.round((y[k] + 3 * r()) * 10) / 10; // ties in predictions too
        }
        if (n === 3) y.set([1, 1, 2]);
        const got = native().surrogate(p, y, null, 1, n, opts({ surrogate, alpha: 1e4 }));
        const want = exactTauB(p, y);
        expect(Math.abs(got.value[0] - want), `${surrogate} n=${n}: ${got.value[0]} vs ${want}`).toBeLessThan(
          1e-12,
        );
      }
    });
  }
});

describe('degenerate lists', () => {
  const n = 40;
  const { p, y, w } = makeInput(1, n, 31);
  const flat = new Float32Array(n).fill(3);

  it('all targets tied: every surrogate, weighting and normalisation is NaN with a zero gradient', () => {
    for (const o of allCombos()) {
      const got = run(p, flat, w, 1, n, o);
      expect(got.value[0], label(o)).toBeNaN(); // as exact tau for a constant input
      expect(
        got.grad.every((g) => g === 0),
        label(o),
      ).toBe(true);
    }
  });

  it('constant predictions: tau-b is NaN (as exact tau-b) with a zero gradient; tau-a is 0', () => {
    const b = run(flat, y, w, 1, n, {
      surrogate: 'tanh',
      weighting: 'none',
      normalization: 'tau-b',
      alpha: 1,
      margin: 1,
    });
    expect(b.value[0]).toBeNaN();
    expect(b.grad.every((g) => g === 0)).toBe(true);
    const a = run(flat, y, w, 1, n, {
      surrogate: 'tanh',
      weighting: 'none',
      normalization: 'tau-a',
      alpha: 1,
      margin: 1,
    });
    expect(a.value[0]).toBe(0);
  });

  it('a non-finite prediction makes that list NaN (value and gradient) and leaves the others alone', () => {
    const two = makeInput(2, n, 32);
    two.p[n + 5] = Number.NaN;
    const o: SurrogateOptions = {
      surrogate: 'tanh',
      weighting: 'none',
      normalization: 'tau-b',
      alpha: 1,
      margin: 1,
    };
    const got = run(two.p, two.y, null, 2, n, o);
    expect(got.value[1]).toBeNaN();
    expect(got.grad.subarray(n).every((g) => Number.isNaN(g))).toBe(true);
    const first = run(two.p.slice(0, n), two.y.slice(0, n), null, 1, n, o);
    expect(got.value[0]).toBe(first.value[0]);
    two.p[n + 5] = Number.POSITIVE_INFINITY;
    expect(run(two.p, two.y, null, 2, n, o).value[1]).toBeNaN();
  });
});

describe('more than 2^32 pairs (a 32-bit pair counter would wrap here)', () => {
  it('hinge over n = 92,683 (4,294,968,903 pairs): value and gradient exact', () => {
    // Constant predictions and distinct targets: every pair is active with loss m, so the mean is
    // exactly m, and d/dp_i = -(#{j: y_j < y_i} - #{j: y_j > y_i}) / N = -(2 r_i - (n - 1)) / N
    // for the 0-based target rank r_i. The cheapest surrogate (~1 s of CPU time here).
    const n = 92683;
    const pairs = (n * (n - 1)) / 2;
    expect(pairs).toBeGreaterThan(2 ** 32);
    const p = new Float32Array(n).fill(0.25);
    const y = new Float32Array(n);
    for (let k = 0; k < n; k++) y[k] = (k * 7919) % n; // a permutation of 0..n-1
    const got = native().surrogate(p, y, null, 1, n, opts({ surrogate: 'hinge', margin: 0.5 }));
    expect(got.value[0]).toBe(0.5);
    for (const k of [0, 1, 2, 4000, 46341, n - 1]) {
      const want = -(2 * y[k] - (n - 1)) / pairs;
      expect(Math.abs(got.grad[k] - want), `grad[${k}]`).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-12);
    }
  });
});

describe('determinism', () => {
  afterEach(() => {
    native().setThreads(0);
    delete process.env.TAUFLOW_SIMD;
  });
  const { p, y, w } = makeInput(3, 1500, 41);
  const o: SurrogateOptions = {
    surrogate: 'tanh',
    weighting: 'user',
    normalization: 'tau-b',
    alpha: 2,
    margin: 1,
  };

  it('the same input twice gives bit-identical values and gradients', () => {
    const a = run(p, y, w, 3, 1500, o);
    const b = run(p, y, w, 3, 1500, o);
    expect(Buffer.from(a.value.buffer).equals(Buffer.from(b.value.buffer))).toBe(true);
    expect(Buffer.from(a.grad.buffer).equals(Buffer.from(b.grad.buffer))).toBe(true);
  });

  it('1, 2 and 3 threads give bit-identical results', () => {
    const results = [1, 2, 3].map((t) => {
      expect(native().setThreads(t)).toBe(t);
      return run(p, y, w, 3, 1500, o);
    });
    for (const r of results.slice(1)) {
      expect(Buffer.from(r.value.buffer).equals(Buffer.from(results[0].value.buffer))).toBe(true);
      expect(Buffer.from(r.grad.buffer).equals(Buffer.from(results[0].grad.buffer))).toBe(true);
    }
  });

  it('every instruction-set build of the tiles (TAUFLOW_SIMD) agrees with the reference', () => {
    const small = makeInput(2, 300, 42);
    for (const simd of ['baseline', 'avx2', 'avx512']) {
      process.env.TAUFLOW_SIMD = simd;
      for (const c of allCombos()) {
        const got = run(small.p, small.y, small.w, 2, 300, c);
        const want = reference(small.p, small.y, c.weighting === 'user' ? small.w : null, 2, 300, c);
        expectClose(got.value, want.value, 2e-6, `${simd} ${label(c)} value`);
        expectClose(got.grad, want.grad, 2e-5, `${simd} ${label(c)} grad`);
      }
    }
  });
});

describe('bad input at the binding is an error, never a crash', () => {
  const b = () => native();
  const p = new Float32Array(6);
  const y = new Float32Array([1, 2, 3, 4, 5, 6]);

  it('lengths: pred, target, weights must be batch * n; batch >= 1; n >= 2', () => {
    expect(() => b().surrogate(new Float32Array(5), y, null, 1, 6, opts())).toThrow(
      new RangeError('surrogate: expected length batch * n = 6 for pred but received length 5'),
    );
    expect(() => b().surrogate(p, new Float32Array(7), null, 1, 6, opts())).toThrow(
      /for target but received length 7/,
    );
    expect(() => b().surrogate(p, y, null, 2, 6, opts())).toThrow(RangeError);
    expect(() => b().surrogate(p, y, null, 1, 1, opts())).toThrow(
      new RangeError('surrogate: expected an integer >= 2 for n but received the number 1'),
    );
    expect(() => b().surrogate(p, y, null, 0, 6, opts())).toThrow(/integer >= 1 for batch/);
    expect(() => b().surrogate(p, y, null, 1.5, 6, opts())).toThrow(RangeError);
    expect(() => b().surrogate(p, y, new Float32Array(3), 1, 6, opts({ weighting: 'user' }))).toThrow(
      /for weights but received length 3/,
    );
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ weighting: 'user' }))).toThrow(
      new TypeError('surrogate: expected a Float32Array for weights but received null'),
    );
  });

  it('types: Float32Array only, options an object with known strings', () => {
    expect(() => b().surrogate(new Float64Array(6) as never, y, null, 1, 6, opts())).toThrow(
      new TypeError('surrogate: expected a Float32Array for pred but received a typed array of length 6'),
    );
    expect(() => b().surrogate([1, 2] as never, y, null, 1, 6, opts())).toThrow(TypeError);
    expect(() => b().surrogate(p, y, null, 1, 6, null as never)).toThrow(TypeError);
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ surrogate: 'sigmoid' as never }))).toThrow(
      new TypeError(
        "surrogate: expected one of 'tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge' for options.surrogate but received the string \"sigmoid\"",
      ),
    );
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ weighting: 'pairs' as never }))).toThrow(
      /options\.weighting/,
    );
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ normalization: 'tau-c' as never }))).toThrow(
      /options\.normalization/,
    );
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ device: 'tpu' as never }))).toThrow(
      /options\.device/,
    );
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ alpha: Number.NaN }))).toThrow(/options\.alpha/);
    expect(() => b().surrogate(p, y, null, 1, 6, opts({ wantGrad: 1 as never }))).toThrow(
      /options\.wantGrad/,
    );
    expect(() => (b().surrogate as (...a: unknown[]) => unknown)(p, y)).toThrow(TypeError);
    expect(() => b().surrogate(p, y, new Float32Array(6), 1, 6, opts())).toThrow(/weights/);
  });

  it('an options getter that detaches pred is an error, not a read of freed memory', () => {
    const pd = new Float32Array(6);
    const o = opts();
    Object.defineProperty(o, 'surrogate', {
      get() {
        structuredClone(pd.buffer, { transfer: [pd.buffer] });
        return 'tanh';
      },
    });
    expect(() => b().surrogate(pd, y, null, 1, 6, o)).toThrow(/for pred but received length 0/);
  });

  it('a NaN target is a RangeError naming the index', () => {
    const bad = y.slice();
    bad[4] = Number.NaN;
    expect(() => b().surrogate(p, bad, null, 1, 6, opts())).toThrow(
      new RangeError('surrogate: target[4] is NaN'),
    );
  });

  it.skipIf(native().cudaDeviceCount() > 0)(
    "device 'cuda' without a device: a clear Error (runs only where no CUDA device is present)",
    () => {
      expect(() => b().surrogate(p, y, null, 1, 6, opts({ device: 'cuda' }))).toThrow(
        /^CUDA requested but no CUDA device is available: .+/,
      );
    },
  );
});

describe('regression: dead SIMD lanes of a ragged row end read the next list (fuzz_surrogate find)', () => {
  // List 0 is tame; list 1 holds -2.55e38 and list 2 holds +Inf. The ragged end of list 0's rows
  // computed p_i - p_c on the next lists' values in its dead lanes; with weight 0 but a NaN or
  // infinite difference, ranknet's log-sum term was NaN and list 0's value came back NaN.
  const p = Float32Array.from([
    3.01069412e-26,
    3.01069412e-26,
    3.01069412e-26,
    1.09205057e-5,
    1.09205057e-5,
    1.09205057e-5,
    3.01069412e-26,
    3.92808721e-36,
    -2.55211775e38,
    2.36935552e-38,
    Infinity,
    Infinity,
    Infinity,
    Infinity,
    3.89510526e-40,
  ]);
  const y = Float32Array.from([
    3.01069412e-26,
    3.01069412e-26,
    1.09204748e-5,
    1,
    1,
    1,
    3.01069412e-26,
    0,
    1,
    6.46234854e-27,
    0,
    0,
    Infinity,
    0.100000001,
    Infinity,
  ]);
  for (const surrogate of ['tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge'] as const) {
    it(`${surrogate}: list 0 inside the batch equals list 0 alone`, () => {
      const o = opts({ surrogate, alpha: 256, margin: 1, normalization: 'tau-b' });
      const alone = native().surrogate(p.subarray(0, 5), y.subarray(0, 5), null, 1, 5, o);
      const batched = native().surrogate(p, y, null, 3, 5, o);
      expect(Number.isFinite(alone.value[0])).toBe(true);
      expect(batched.value[0]).toBe(alone.value[0]);
      expect(Array.from(batched.grad.subarray(0, 5))).toEqual(Array.from(alone.grad));
      expect(Number.isNaN(batched.value[2])).toBe(true); // +Inf predictions: NaN, as documented
    });
  }
});
