// pearson() against scipy.stats.pearsonr 1.10.1 (fixtures from
// test/fixtures/generate_correlations.py), edge cases, bad input and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearson } from '../src/index.js';
import { native } from '../src/native.js';
import { close, loadCorrelationFixture } from './fixtures/correlations_fixture.js';
import { ALTS, expectPValues, P_ABS, usedLength } from './helpers/correlation_checks.js';

const fixture = loadCorrelationFixture();

describe('pearson vs scipy.stats.pearsonr (1.10.1 fixtures)', () => {
  it(`covers the fixture (${fixture.pearson.length} inputs)`, () => {
    expect(fixture.pearson.length).toBeGreaterThan(40);
  });
  for (const c of fixture.pearson) {
    for (const alt of ALTS) {
      const ref = c.results[alt];
      if (!ref) continue;
      it(`${c.name} [n=${c.x.length}, ${c.nanPolicy}, ${alt}]`, () => {
        const opts = { alternative: alt, nanPolicy: c.nanPolicy };
        if (ref.raises) {
          expect(() => pearson(c.x, c.y, opts)).toThrow(/nanPolicy is 'raise'/);
          return;
        }
        const r = pearson(c.x, c.y, opts);
        expect(
          close(r.statistic, ref.statistic!, 1e-12, 1e-15),
          `statistic ${r.statistic} vs ${ref.statistic}`,
        ).toBe(true);
        const pAtRef = native().pearsonPValue(ref.statistic!, usedLength(c), alt);
        expectPValues(pAtRef, r.pvalue, ref);
      });
    }
  }
});

describe('regularized incomplete beta vs scipy.stats.beta (boost)', () => {
  it(`matches ${fixture.beta.length} cdf and sf values to 1e-11 relative`, () => {
    for (const [a, b, x, cdf, sf] of fixture.beta) {
      const [lower, upper] = native().betaInc(a, b, x);
      expect(close(lower, cdf, 1e-11, P_ABS), `I(${a}, ${b}, ${x}) = ${lower} vs ${cdf}`).toBe(true);
      expect(close(upper, sf, 1e-11, P_ABS), `1 - I(${a}, ${b}, ${x}) = ${upper} vs ${sf}`).toBe(true);
    }
  });
  it('returns NaN outside the domain and exact 0/1 at the ends', () => {
    expect(native().betaInc(-1, 2, 0.5)).toEqual([NaN, NaN]);
    expect(native().betaInc(1, 2, NaN)).toEqual([NaN, NaN]);
    expect(native().betaInc(2, 3, 0)).toEqual([0, 1]);
    expect(native().betaInc(2, 3, 1)).toEqual([1, 0]);
  });
});

describe('pearson edge cases (scipy semantics)', () => {
  it('n = 2: sign(dx) sign(dy) with p = 1; constant -> NaN', () => {
    expect(pearson([1, 2], [2, 3])).toEqual({ statistic: 1, pvalue: 1 });
    expect(pearson([1, 2], [3, 2])).toEqual({ statistic: -1, pvalue: 1 });
    expect(pearson([1, 2], [3, 3])).toEqual({ statistic: NaN, pvalue: NaN });
    expect(pearson([4, 4, 4], [1, 2, 3])).toEqual({ statistic: NaN, pvalue: NaN });
  });
  it('n < 2 is a RangeError (scipy raises), also after omitting NaN pairs', () => {
    expect(() => pearson([], [])).toThrow(
      new RangeError('pearson: expected at least 2 pairs for x and y but received 0'),
    );
    expect(() => pearson([1], [2])).toThrow(/at least 2 pairs for x and y but received 1/);
    expect(() => pearson([1, NaN, 3], [NaN, 2, 3], { nanPolicy: 'omit' })).toThrow(
      new RangeError(
        'pearson: expected at least 2 pairs (after omitting pairs with NaN) for x and y but received 1',
      ),
    );
  });
  it('NaN: propagate -> NaN, omit drops the pair, raise throws', () => {
    expect(pearson([1, 2, NaN, 4], [1, 3, 2, 5])).toEqual({ statistic: NaN, pvalue: NaN });
    expect(pearson([1, 2, NaN, 4], [1, 3, 2, 5], { nanPolicy: 'omit' })).toEqual(
      pearson([1, 2, 4], [1, 3, 5]),
    );
    expect(() => pearson([1, 2, 3], [1, NaN, 2], { nanPolicy: 'raise' })).toThrow(
      new RangeError(
        "pearson: expected a number that is not NaN (nanPolicy is 'raise') for y[1] but received NaN",
      ),
    );
  });
  it('±Infinity is a RangeError naming the element (scipy raises too)', () => {
    expect(() => pearson([1, Infinity, 3], [1, 2, 3])).toThrow(
      new RangeError('pearson: expected a finite number for x[1] but received the number Infinity'),
    );
    expect(() => pearson([1, 2, 3], [1, 2, -Infinity])).toThrow(
      /for y\[2\] but received the number -Infinity/,
    );
  });
  it('the doc-comment examples (scipy: -0.8285038835884277, 0.021280260007523352)', () => {
    const r = pearson([1, 2, 3, 4, 5, 6, 7], [10, 9, 2.5, 6, 4, 3, 2]);
    // statistic bit for bit; p-values to 1e-13 (the last bits depend on long double's width)
    expect(r.statistic).toBe(-0.8285038835884277);
    expect(close(r.pvalue, 0.021280260007523366, 1e-13)).toBe(true);
    expect(close(r.statistic, -0.8285038835884277, 1e-12)).toBe(true);
    expect(close(r.pvalue, 0.021280260007523352, 1e-9)).toBe(true);
    const less = pearson([1, 2, 3, 4, 5, 6, 7], [10, 9, 2.5, 6, 4, 3, 2], { alternative: 'less' });
    expect(close(less.pvalue, 0.010640130003761683, 1e-13)).toBe(true);
  });
  it('accepts numeric typed arrays', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const y = [2, 7, 1, 8, 2, 8, 1, 8];
    const ref = pearson(x, y);
    for (const T of [Float32Array, Int16Array, Uint32Array, Float64Array])
      expect(pearson(T.from(x), T.from(y))).toEqual(ref);
  });
  it('is independent of the thread count (blocked sums in a fixed order)', () => {
    const n = 300_000;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 1e3 + (i % 17));
    const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.11) + x[i] * 1e-4);
    const before = native().setThreads(1);
    const one = pearson(x, y);
    native().setThreads(4);
    const four = pearson(x, y);
    native().setThreads(0);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(four).toEqual(one);
  });
});

const finitePairs = fc
  .integer({ min: 3, max: 50 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
    ),
  );
const spread = (v: number[]) => Math.max(...v) - Math.min(...v) > 1e-3;

describe('pearson properties (fast-check)', () => {
  it('symmetric, in [-1, 1], sign flip under negation, invariant under affine maps', () => {
    fc.assert(
      fc.property(
        finitePairs.filter(([x, y]) => spread(x) && spread(y)),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        ([x, y], a, b) => {
          const r = pearson(x, y).statistic;
          expect(r).toBeGreaterThanOrEqual(-1);
          expect(r).toBeLessThanOrEqual(1);
          expect(Math.abs(pearson(y, x).statistic - r)).toBeLessThan(1e-14);
          expect(
            Math.abs(
              pearson(
                x.map((v) => -v),
                y,
              ).statistic + r,
            ),
          ).toBeLessThan(1e-14);
          expect(
            Math.abs(
              pearson(
                x.map((v) => a * v + b),
                y,
              ).statistic - r,
            ),
          ).toBeLessThan(1e-12);
          expect(
            Math.abs(
              pearson(
                x,
                y.map((v) => -a * v + b),
              ).statistic + r,
            ),
          ).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('less + greater = 1 and two-sided = 2 min(less, greater)', () => {
    fc.assert(
      fc.property(
        finitePairs.filter(([x, y]) => spread(x) && spread(y)),
        ([x, y]) => {
          const two = pearson(x, y).pvalue;
          const less = pearson(x, y, { alternative: 'less' }).pvalue;
          const greater = pearson(x, y, { alternative: 'greater' }).pvalue;
          expect(Math.abs(less + greater - 1)).toBeLessThan(1e-12);
          expect(Math.abs(two - 2 * Math.min(less, greater))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
