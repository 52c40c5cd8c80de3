// kendallMatrix against kendallTau on each pair of columns, with the pairwise-complete row
// selection pandas DataFrame.corr(method='kendall') uses (rows where both values are finite,
// NaN below minPeriods, 1 on the diagonal).
import { describe, expect, it } from 'vitest';
import { kendallMatrix, kendallTau } from '../src/index.js';
import { lcg } from './helpers/seeded_rng.js';

/** pandas' per-pair rule, spelled out with kendallTau. */
function pairwise(a: ArrayLike<number>, b: ArrayLike<number>, minPeriods: number) {
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      xa.push(a[i]);
      xb.push(b[i]);
    }
  }
  if (xa.length < minPeriods) return { statistic: Number.NaN, pvalue: Number.NaN, n: xa.length };
  return kendallTau(xa, xb);
}

describe('kendallMatrix', () => {
  it('equals kendallTau on each pairwise-complete column pair (ties, NaN, Inf rows)', () => {
    const rnd = lcg(42);
    const rows = 500;
    const m = 7;
    const columns: Float64Array[] = [];
    for (let k = 0; k < m; k++) {
      const c = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const base = i / rows;
        c[i] = k % 2 ? Math.round((base + rnd()) * 5) : base * (k - 3) + rnd();
        if (rnd() < 0.04 * k) c[i] = Number.NaN;
      }
      columns.push(c);
    }
    columns[3][10] = Infinity; // pandas masks with np.isfinite: Inf rows are dropped too
    columns[5][20] = -Infinity;
    const res = kendallMatrix(columns);
    expect(res.m).toBe(m);
    expect(res.rows).toBe(rows);
    expect(res.values.length).toBe(m * m);
    for (let i = 0; i < m; i++) {
      expect(res.values[i * m + i]).toBe(1);
      expect(res.pvalues[i * m + i]).toBeNaN();
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const ref = pairwise(columns[i], columns[j], 1);
        expect(res.values[i * m + j], `${i},${j}`).toBeCloseTo(ref.statistic, 14);
        expect(res.values[i * m + j]).toBe(res.values[j * m + i]);
        expect(Math.abs(res.pvalues[i * m + j] - ref.pvalue)).toBeLessThanOrEqual(
          1e-12 * ref.pvalue + 1e-300,
        );
        expect(res.counts[i * m + j]).toBe(ref.n);
      }
    }
  });

  it('accepts number[] and typed arrays, and honours minPeriods and variant', () => {
    const cols = [
      [1, 2, 3, 4, Number.NaN],
      Int32Array.from([4, 3, 2, 1, 0]),
      [1, Number.NaN, Number.NaN, 2, 3],
    ];
    const r = kendallMatrix(cols, { minPeriods: 3 });
    expect(r.values[0 * 3 + 1]).toBe(-1);
    // columns 0 and 2 share 2 complete rows (< 3): NaN, as pandas
    expect(r.values[0 * 3 + 2]).toBeNaN();
    expect(r.counts[0 * 3 + 2]).toBe(2);
    expect(r.values[1 * 3 + 2]).toBeCloseTo(-1, 15);
    const c = kendallMatrix(cols, { variant: 'c' });
    expect(c.values[0 * 3 + 1]).toBeCloseTo(
      kendallTau([1, 2, 3, 4], [4, 3, 2, 1], { variant: 'c' }).statistic,
      15,
    );
    // a column with fewer finite values than minPeriods has NaN on the diagonal too
    expect(
      kendallMatrix(
        [
          [1, Number.NaN],
          [1, 2],
        ],
        { minPeriods: 2 },
      ).values[0],
    ).toBeNaN();
  });

  it('a constant column gives NaN off the diagonal and 1 on it (pandas)', () => {
    const r = kendallMatrix([
      [1, 1, 1, 1],
      [1, 2, 3, 4],
    ]);
    expect(Array.from(r.values)).toEqual([1, Number.NaN, Number.NaN, 1]);
  });

  it('handles m = 0 and m = 1', () => {
    expect(kendallMatrix([]).values.length).toBe(0);
    expect(Array.from(kendallMatrix([[3, 1, 2]]).values)).toEqual([1]);
  });

  it('bad input: errors name the column or option', () => {
    expect(() =>
      kendallMatrix([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(
      new RangeError(
        'kendallMatrix: expected a column of length 3 (as columns[0]) for columns[1] but received an array of length 2',
      ),
    );
    expect(() =>
      kendallMatrix([
        [1, 2],
        ['a', 2],
      ]),
    ).toThrow(
      new TypeError('kendallMatrix: expected a number for columns[1][0] but received the string "a"'),
    );
    expect(() => kendallMatrix('ab' as unknown as number[][])).toThrow(
      new TypeError('kendallMatrix: expected an array of columns for columns but received the string "ab"'),
    );
    expect(() => kendallMatrix([[1, 2]], { minPeriods: -1 })).toThrow(
      /an integer in \[0, 9007199254740991\] for options\.minPeriods/,
    );
    expect(() => kendallMatrix([[1, 2]], { nanPolicy: 'omit' } as object)).toThrow(
      /unknown option "nanPolicy"/,
    );
  });
});
