// spearman() against scipy.stats.spearmanr 1.10.1 (fixtures from
// test/fixtures/generate_correlations.py), edge cases, bad input and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from '../src/index.js';
import { native } from '../src/native.js';
import { close, loadCorrelationFixture } from './fixtures/correlations_fixture.js';
import { ALTS, expectPValues, P_ABS, usedLength } from './helpers/correlation_checks.js';
import { lcg } from './helpers/seeded_rng.js';
import { NUMBER_TYPED_ARRAYS } from './helpers/typed_arrays.js';

const fixture = loadCorrelationFixture();

describe('spearman vs scipy.stats.spearmanr (1.10.1 fixtures)', () => {
  it(`covers the fixture (${fixture.spearman.length} inputs, scipy ${fixture.scipy})`, () => {
    expect(fixture.spearman.length).toBeGreaterThan(40);
  });
  for (const c of fixture.spearman) {
    for (const alt of ALTS) {
      const ref = c.results[alt];
      if (!ref) continue;
      it(`${c.name} [n=${c.x.length}, ${c.nanPolicy}, ${alt}]`, () => {
        const opts = { alternative: alt, nanPolicy: c.nanPolicy };
        if (ref.raises) {
          expect(() => spearman(c.x, c.y, opts)).toThrow(RangeError);
          expect(() => spearman(c.x, c.y, opts)).toThrow(/nanPolicy is 'raise'/);
          return;
        }
        const r = spearman(c.x, c.y, opts);
        // statistic to 1e-12 relative (1e-15 absolute near 0)
        expect(
          close(r.statistic, ref.statistic!, 1e-12, 1e-15),
          `statistic ${r.statistic} vs ${ref.statistic}`,
        ).toBe(true);
        // without NaN the rank sums are exact, as numpy's are for n < ~3e5: the same bits as scipy
        if (c.nanPolicy === 'propagate') expect(r.statistic).toBe(ref.statistic);
        // the p-value function at scipy's own statistic: 1e-9 relative
        const pAtRef = native().spearmanPValue(ref.statistic!, usedLength(c), alt);
        expectPValues(pAtRef, r.pvalue, ref);
      });
    }
  }
});

describe('Student t CDF vs scipy.special.stdtr', () => {
  // Worst seen: 4.4e-13 up to df = 1e5; 5.0e-11 at df = 1e7 (stdtr(1e7, -3): scipy's
  // 0.00134990135551858 is right to 16 digits by mpmath; ours is 5e-11 off).
  it(`matches ${fixture.stdtr.length} values (1e-11 relative for df <= 1e5, 1e-10 above)`, () => {
    for (const [df, t, ref] of fixture.stdtr) {
      const got = native().studentTCdf(df, t);
      const tol = df <= 1e5 ? 1e-11 : 1e-10;
      expect(close(got, ref, tol, P_ABS), `stdtr(${df}, ${t}) = ${got} vs ${ref}`).toBe(true);
    }
  });
});

describe('spearman edge cases (scipy semantics)', () => {
  it('n = 0 and n = 1 give NaN, n = 2 gives ±(1 - 2^-53) with p NaN', () => {
    expect(spearman([], [])).toEqual({ statistic: NaN, pvalue: NaN });
    expect(spearman([1], [2])).toEqual({ statistic: NaN, pvalue: NaN });
    expect(spearman([1, 2], [2, 3])).toEqual({ statistic: 0.9999999999999999, pvalue: NaN });
    expect(spearman([1, 2], [3, 2])).toEqual({ statistic: -0.9999999999999999, pvalue: NaN });
  });
  it('constant input gives NaN under every policy', () => {
    for (const nanPolicy of ['propagate', 'omit', 'raise'] as const) {
      expect(spearman([3, 3, 3, 3], [1, 2, 3, 4], { nanPolicy })).toEqual({ statistic: NaN, pvalue: NaN });
      expect(spearman([1, 2, 3, 4], [0, 0, 0, 0], { nanPolicy })).toEqual({ statistic: NaN, pvalue: NaN });
    }
  });
  it('omit: NaN pairs dropped, then the same rules (constant / n <= 1 -> NaN)', () => {
    expect(spearman([1, 1, NaN], [1, 2, 3], { nanPolicy: 'omit' })).toEqual({ statistic: NaN, pvalue: NaN });
    expect(spearman([1, NaN, 3], [NaN, 2, 3], { nanPolicy: 'omit' })).toEqual({
      statistic: NaN,
      pvalue: NaN,
    });
    const withNan = spearman([1, NaN, 3, 4, 5], [2, 9, 1, 4, 3], { nanPolicy: 'omit' });
    expect(withNan).toEqual(spearman([1, 3, 4, 5], [2, 1, 4, 3]));
  });
  it("'raise' throws for NaN even when the other input is constant (scipy checks constancy first)", () => {
    expect(() => spearman([1, 1, 1], [1, NaN, 3], { nanPolicy: 'raise' })).toThrow(
      /for y\[1\] but received NaN/,
    );
  });
  it('perfect monotone relation: ±1 up to numpy.corrcoef rounding, bit for bit as scipy', () => {
    // scipy.stats.spearmanr([1,2,3,4,5],[10,20,25,26,100]) -> (0.9999999999999999, 1.4042654220543672e-24)
    const up = spearman([1, 2, 3, 4, 5], [10, 20, 25, 26, 100]);
    expect(up.statistic).toBe(0.9999999999999999);
    expect(up.pvalue).toBeCloseTo(1.4042654220543672e-24, 33);
    expect(spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]).statistic).toBe(-0.9999999999999999);
    // scipy.stats.spearmanr(range(6), range(6)) -> (1.0, 0.0)
    expect(spearman([0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5])).toEqual({ statistic: 1, pvalue: 0 });
  });
  it('±Infinity are ordinary extreme values (also both signs at once)', () => {
    const a = spearman([1, Infinity, 3, -Infinity, 2], [4, 5, 3, 1, 2]);
    const b = spearman([1, 1e300, 3, -1e300, 2], [4, 5, 3, 1, 2]);
    expect(a).toEqual(b);
  });
  it('accepts every numeric typed array and gives the number[] answer', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const y = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];
    const ref = spearman(x, y);
    for (const T of NUMBER_TYPED_ARRAYS) expect(spearman(T.from(x), T.from(y))).toEqual(ref);
    expect(spearman(BigInt64Array.from(x.map(BigInt)), BigUint64Array.from(y.map(BigInt)))).toEqual(ref);
  });
  it('the doc-comment examples (scipy: 0.8207826816681233, p 0.08858700531354381; greater 0.044293502656771906)', () => {
    const r = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
    // statistic bit for bit; p-values to 1e-13 (the last bits depend on long double's width)
    expect(r.statistic).toBe(0.8207826816681233);
    expect(close(r.pvalue, 0.08858700531354388, 1e-13)).toBe(true);
    expect(close(r.pvalue, 0.08858700531354381, 1e-9)).toBe(true);
    const greater = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7], { alternative: 'greater' }).pvalue;
    expect(close(greater, 0.04429350265677194, 1e-13)).toBe(true);
    expect(close(greater, 0.044293502656771906, 1e-9)).toBe(true);
  });
});

describe('spearman bad input', () => {
  it('names the argument in each error', () => {
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(
      new RangeError('spearman: expected x and y of the same length but received 2 and 3'),
    );
    expect(() => spearman('abc' as never, [1])).toThrow(
      new TypeError(
        'spearman: expected an array of numbers or a numeric typed array for x but received the string "abc"',
      ),
    );
    expect(() => spearman([1, 2], [1, '2'] as never)).toThrow(
      new TypeError('spearman: expected a number for y[1] but received the string "2"'),
    );
    expect(() => spearman([1, 2], [1, {}] as never)).toThrow(/for y\[1\] but received an object/);
    expect(() => spearman([1, 2], null as never)).toThrow(/for y but received null/);
    expect(() => spearman([1, 2], [1, 2], { alternative: 'up' } as never)).toThrow(
      new RangeError(
        "spearman: expected one of 'two-sided', 'less', 'greater' for options.alternative but received the string \"up\"",
      ),
    );
    expect(() => spearman([1, 2], [1, 2], { method: 'exact' } as never)).toThrow(/unknown option "method"/);
    expect(() => spearman([1, NaN], [1, 2], { nanPolicy: 'raise' })).toThrow(
      new RangeError(
        "spearman: expected a number that is not NaN (nanPolicy is 'raise') for x[1] but received NaN",
      ),
    );
  });
  it('propagate returns NaN for NaN anywhere', () => {
    expect(spearman([1, 2, 3], [1, NaN, 3])).toEqual({ statistic: NaN, pvalue: NaN });
  });
});

// Reference ranks in plain JS: sort indices, average tie positions.
function jsAverageRanks(v: number[]): number[] {
  const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  for (let i = 0; i < idx.length; ) {
    let j = i + 1;
    while (j < idx.length && v[idx[j]] === v[idx[i]]) j++;
    for (let k = i; k < j; k++) r[idx[k]] = (i + 1 + j) / 2;
    i = j;
  }
  return r;
}
function jsPearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const tiedPairs = fc
  .integer({ min: 3, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
    ),
  );
const nonConstant = ([x, y]: [number[], number[]]) => new Set(x).size > 1 && new Set(y).size > 1;

describe('spearman properties (fast-check)', () => {
  it('agrees with a plain-JS rank + Pearson oracle on inputs with many ties', () => {
    fc.assert(
      fc.property(tiedPairs.filter(nonConstant), ([x, y]) => {
        const got = spearman(x, y).statistic;
        const want = jsPearson(jsAverageRanks(x), jsAverageRanks(y));
        expect(Math.abs(got - want)).toBeLessThan(1e-12);
      }),
      { numRuns: 200 },
    );
  });
  it('is symmetric, in [-1, 1], flips sign under negation, and less + greater = 1', () => {
    fc.assert(
      fc.property(tiedPairs.filter(nonConstant), ([x, y]) => {
        const r = spearman(x, y);
        expect(Math.abs(spearman(y, x).statistic - r.statistic)).toBeLessThan(1e-15);
        expect(r.statistic).toBeGreaterThanOrEqual(-1);
        expect(r.statistic).toBeLessThanOrEqual(1);
        const negated = spearman(
          x.map((v) => -v),
          y,
        ).statistic;
        expect(negated === -r.statistic).toBe(true); // exact: doubled centred ranks just change sign
        if (x.length > 2) {
          const less = spearman(x, y, { alternative: 'less' }).pvalue;
          const greater = spearman(x, y, { alternative: 'greater' }).pvalue;
          expect(Math.abs(less + greater - 1)).toBeLessThan(1e-12);
          expect(Math.abs(r.pvalue - 2 * Math.min(less, greater))).toBeLessThan(1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('is invariant under strictly increasing transforms of x or y', () => {
    fc.assert(
      fc.property(tiedPairs.filter(nonConstant), ([x, y]) => {
        const r = spearman(x, y);
        expect(
          spearman(
            x.map((v) => Math.exp(v / 7)),
            y,
          ),
        ).toEqual(r);
        expect(
          spearman(
            x,
            y.map((v) => v ** 3 + 0.5),
          ),
        ).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });
});

describe('spearman at scale', () => {
  it('n = 200000 with ties (radix + parallel path) matches the JS oracle', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const rnd = lcg(12345);
    for (let i = 0; i < n; i++) {
      x[i] = Math.floor(rnd() * 1000) - 500;
      y[i] = x[i] * 0.3 + rnd() * 400;
    }
    const want = jsPearson(jsAverageRanks(Array.from(x)), jsAverageRanks(Array.from(y)));
    expect(Math.abs(spearman(x, y).statistic - want)).toBeLessThan(1e-12);
  });
});

describe('averageRanks vs scipy.stats.rankdata', () => {
  it(`matches ${fixture.rankdata.length} inputs exactly (ties, ±0, ±Infinity, n up to 5000)`, () => {
    for (const c of fixture.rankdata) expect(Array.from(averageRanks(c.x))).toEqual(c.ranks);
  });
  it('rejects NaN and names the element', () => {
    expect(() => averageRanks([1, NaN])).toThrow(
      new RangeError('averageRanks: expected a number that is not NaN for x[1] but received NaN'),
    );
  });
  it('skewed keys (dense cluster + far outliers, subnormals, ±0, ±Infinity) take the recursive path correctly', () => {
    let s = 7;
    const rnd = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const x = Array.from({ length: 40_000 }, (_, i) => {
      if (i % 997 === 0) return [1e300, -1e300, Infinity, -Infinity, 5e-324, -5e-324, 0, -0][(i / 997) % 8];
      if (i % 5 === 0) return 0.5;
      return 0.5 + (rnd() - 0.5) * 1e-9;
    });
    expect(Array.from(averageRanks(x))).toEqual(jsAverageRanks(x));
  });
  it('radix path (n >= 4096) equals the JS oracle, with heavy ties and negative values', () => {
    const x = Array.from({ length: 50_000 }, (_, i) => ((i * 7919) % 613) - 300 + (i % 3) * 0.25);
    expect(Array.from(averageRanks(x))).toEqual(jsAverageRanks(x));
  });
});
