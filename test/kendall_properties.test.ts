// Properties of kendallTau checked with fast-check: exact agreement with the O(n^2) definition
// (written here, independent of the native code) on tie-heavy inputs, symmetry, invariance under
// strictly increasing transforms, and the sign flip under negation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTau } from '../src/index.js';
import { discordantJs } from './helpers/discordant_js.js';
import { lcg } from './helpers/seeded_rng.js';

interface Counts {
  concordant: number;
  discordant: number;
  tiesX: number;
  tiesY: number;
  tiesXY: number;
}

/** The definition: every pair i < j, one at a time. */
function oracleCounts(x: ArrayLike<number>, y: ArrayLike<number>): Counts {
  const c: Counts = { concordant: 0, discordant: 0, tiesX: 0, tiesY: 0, tiesXY: 0 };
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const tx = x[i] === x[j];
      const ty = y[i] === y[j];
      if (tx) c.tiesX++;
      if (ty) c.tiesY++;
      if (tx && ty) c.tiesXY++;
      if (!tx && !ty) {
        if (x[i] < x[j] === y[i] < y[j]) c.concordant++;
        else c.discordant++;
      }
    }
  }
  return c;
}

function oracleTau(x: number[], y: number[], variant: 'a' | 'b' | 'c'): number {
  const n = x.length;
  const c = oracleCounts(x, y);
  const pairs = (n * (n - 1)) / 2;
  if (n < 2 || c.tiesX === pairs || c.tiesY === pairs) return Number.NaN;
  const s = c.concordant - c.discordant;
  if (variant === 'a') return s / pairs;
  if (variant === 'b') return s / Math.sqrt((pairs - c.tiesX) * (pairs - c.tiesY));
  const m = Math.min(new Set(x).size, new Set(y).size);
  return (2 * s) / ((n * n * (m - 1)) / m);
}

// Pairs of equal-length arrays; small integer ranges make ties (in x, in y and joint) common.
const tiedPairs = fc.integer({ min: 0, max: 80 }).chain((n) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
        minLength: n,
        maxLength: n,
      }),
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
        minLength: n,
        maxLength: n,
      }),
    )
    .map(([kx, ky, a, b]) => ({
      // kx, ky = 6 keeps the doubles (few ties); smaller values quantise to k levels.
      x: a.map((v) => (kx === 6 ? v : Math.round((v / 1e6) * kx))),
      y: b.map((v, i) => (ky === 6 ? v + a[i] : Math.round((v / 1e6) * ky + (i % 2)))),
    })),
);

const close = (a: number, b: number) =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('kendallTau properties (fast-check)', () => {
  it('counts equal the O(n^2) definition and tau follows from them', () => {
    fc.assert(
      fc.property(tiedPairs, fc.constantFrom('a', 'b', 'c') as fc.Arbitrary<'a' | 'b' | 'c'>, (d, v) => {
        const r = kendallTau(d.x, d.y, { variant: v });
        const o = oracleCounts(d.x, d.y);
        if (d.x.length >= 2) {
          expect({
            concordant: r.concordant,
            discordant: r.discordant,
            tiesX: r.tiesX,
            tiesY: r.tiesY,
            tiesXY: r.tiesXY,
          }).toEqual(o);
        }
        expect(close(r.statistic, oracleTau(d.x, d.y, v))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is symmetric: tau(x, y) = tau(y, x), same p-value', () => {
    fc.assert(
      fc.property(tiedPairs, (d) => {
        for (const variant of ['a', 'b', 'c'] as const) {
          const a = kendallTau(d.x, d.y, { variant });
          const b = kendallTau(d.y, d.x, { variant });
          expect(close(a.statistic, b.statistic)).toBe(true);
          expect(close(a.pvalue, b.pvalue)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is invariant under strictly increasing transforms of x and y', () => {
    const up1 = (v: number) => v * v * v + 3 * v; // strictly increasing on the reals
    const up2 = (v: number) => Math.atan(v / 1e3) * 7 + 1; // increasing; keeps ties as ties
    fc.assert(
      fc.property(
        tiedPairs.filter((d) => new Set(d.x.map(up2)).size === new Set(d.x).size),
        (d) => {
          const a = kendallTau(d.x, d.y);
          const b = kendallTau(d.x.map(up2), d.y.map(up1));
          expect(b.concordant).toBe(a.concordant);
          expect(b.discordant).toBe(a.discordant);
          expect(close(a.statistic, b.statistic)).toBe(true);
          expect(close(a.pvalue, b.pvalue)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('flips sign when y is negated (and swaps the one-sided p-values)', () => {
    fc.assert(
      fc.property(tiedPairs, (d) => {
        const neg = d.y.map((v) => -v);
        for (const variant of ['a', 'b', 'c'] as const) {
          const a = kendallTau(d.x, d.y, { variant, alternative: 'greater' });
          const b = kendallTau(d.x, neg, { variant, alternative: 'less' });
          expect(close(b.statistic, -a.statistic)).toBe(true);
          expect(close(b.pvalue, a.pvalue)).toBe(true);
          expect(b.concordant).toBe(a.discordant);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with an independent O(n log n) count in JS at n = 200,000 (multi-pass radix paths)', () => {
    // Oracle: JS sort of row indices by (x, y), then merge-sort inversion count of y; ties from
    // runs. Exercises the native MSD + LSD radix sort on wide-range doubles (both signs, -0).
    const rnd = lcg(99);
    const n = 200_000;
    for (const kind of ['wide', 'tied']) {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (kind === 'wide') {
          x[i] = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 6);
          y[i] = x[i] * (rnd() < 0.7 ? 1 : -1) + (rnd() - 0.5) * 1e-3;
        } else {
          x[i] = Math.floor(rnd() * 50) - 25 || -0;
          y[i] = Math.floor(rnd() * 7) - 3;
        }
      }
      const inv = discordantJs(x, y);
      const tiePairs = (v: number[]) => {
        const sorted = [...v].sort((a, b) => a - b);
        let t = 0;
        let run = 1;
        for (let i = 1; i <= n; i++) {
          if (i < n && sorted[i] === sorted[i - 1]) run++;
          else {
            t += (run * (run - 1)) / 2;
            run = 1;
          }
        }
        return t;
      };
      const r = kendallTau(x, y);
      expect(r.discordant, kind).toBe(inv);
      expect(r.tiesX, kind).toBe(tiePairs(Array.from(x)));
      expect(r.tiesY, kind).toBe(tiePairs(Array.from(y)));
    }
  });

  it('does not depend on the thread count (parallel sort and count above 2^16 rows)', async () => {
    const { native } = await import('../src/native.js');
    const n = 300_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const rnd = lcg(12345);
    for (let i = 0; i < n; i++) {
      x[i] = Math.floor(rnd() * 1000);
      y[i] = x[i] + Math.floor(rnd() * 300);
    }
    try {
      const results = [1, 2, 3].map((t) => {
        native().setThreads(t);
        return kendallTau(x, y);
      });
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    } finally {
      native().setThreads(0); // back to the default
    }
  });
});
