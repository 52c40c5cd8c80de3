// kendallTau's argument handling: accepted array kinds, exact error messages for bad input, and
// scipy 1.10's NaN answers where scipy gives one instead of an error (empty input, n = 1).
// scipy's own behaviour for each was checked with /usr/bin/python3:
//   kendalltau([], [])            -> (nan, nan)
//   kendalltau([1], [2])          -> (nan, nan)
//   kendalltau([1,2,3], [1,2])    -> ValueError (same size)
//   kendalltau([1,2,inf,3], [1,3,2,4]) -> (0.3333333333333334, 0.75): ±inf are ordinary values
//   kendalltau(['a','b'], [1,2])  -> compares strings; we accept numbers only (TypeError)
import { describe, expect, it } from 'vitest';
import { kendallTau, kendallTauAsync } from '../src/index.js';
import { NUMBER_TYPED_ARRAYS } from './helpers/typed_arrays.js';

const X = [3, 1, 4, 1, 5, 9, 2, 6];
const Y = [2, 7, 1, 8, 2, 8, 1, 8];

describe('kendallTau inputs', () => {
  it('accepts number[] and every numeric typed array with the same result', () => {
    const ref = kendallTau(X, Y);
    for (const K of NUMBER_TYPED_ARRAYS) expect(kendallTau(K.from(X), K.from(Y)), K.name).toEqual(ref);
    expect(kendallTau(BigInt64Array.from(X.map(BigInt)), BigUint64Array.from(Y.map(BigInt)))).toEqual(ref);
    expect(kendallTau(new Float64Array(X), Y)).toEqual(ref);
  });

  it('length mismatch is a RangeError naming x and y', () => {
    expect(() => kendallTau([1, 2, 3], [1, 2])).toThrow(
      new RangeError('kendallTau: expected x and y of the same length but received 3 and 2'),
    );
  });

  it('empty input and n = 1 give NaN like scipy', () => {
    for (const [x, y] of [
      [[], []],
      [[1], [2]],
    ]) {
      const r = kendallTau(x, y);
      expect(r.statistic).toBeNaN();
      expect(r.pvalue).toBeNaN();
      expect(r.n).toBe(x.length);
      expect(r.concordant).toBe(0);
    }
  });

  it('non-arrays, strings and objects are TypeErrors naming the argument', () => {
    const bad = (x: unknown, y: unknown) => () => kendallTau(x as number[], y as number[]);
    expect(bad('abc', [1])).toThrow(
      new TypeError(
        'kendallTau: expected an array of numbers or a numeric typed array for x but received the string "abc"',
      ),
    );
    expect(bad([1, 2], { length: 2 })).toThrow(
      new TypeError(
        'kendallTau: expected an array of numbers or a numeric typed array for y but received an object (Object)',
      ),
    );
    expect(bad([1, '2', 3], [1, 2, 3])).toThrow(
      new TypeError('kendallTau: expected a number for x[1] but received the string "2"'),
    );
    expect(bad([1, 2, 3], [1, {}, 3])).toThrow(
      new TypeError('kendallTau: expected a number for y[1] but received an object (Object)'),
    );
    expect(bad([1, null], [1, 2])).toThrow(
      new TypeError('kendallTau: expected a number for x[1] but received null'),
    );
    expect(bad(null, [1])).toThrow(TypeError);
    expect(bad(new DataView(new ArrayBuffer(8)), [1])).toThrow(TypeError);
  });

  it('±Infinity are ordinary (largest / smallest) values, as in scipy', () => {
    const r = kendallTau([1, 2, Infinity, 3], [1, 3, 2, 4]);
    expect(r.statistic).toBeCloseTo(0.3333333333333334, 15);
    expect(r.pvalue).toBeCloseTo(0.75, 15);
    // With omit, once scipy sees "NaN" it masks every non-finite value: only the 0 row is left.
    expect(kendallTau([-Infinity, 0, Infinity], [1, 2, 3], { nanPolicy: 'omit' }).n).toBe(1);
  });

  it("+Infinity with -Infinity counts as NaN (scipy sums to detect NaN); 'raise' says so", () => {
    expect(kendallTau([-Infinity, 0, Infinity], [1, 2, 3]).statistic).toBeNaN();
    expect(() => kendallTau([-Infinity, 0, Infinity], [1, 2, 3], { nanPolicy: 'raise' })).toThrow(
      /for x but received NaN/,
    );
  });

  it('NaN under each policy', () => {
    const x = [1, 2, Number.NaN, 4, 5];
    const y = [2, 1, 3, 5, 4];
    const p = kendallTau(x, y);
    expect(p.statistic).toBeNaN();
    expect(p.concordant).toBeNaN();
    expect(p.n).toBe(5);
    const o = kendallTau(x, y, { nanPolicy: 'omit' });
    expect(o.n).toBe(4);
    expect(o.statistic).toBeCloseTo(kendallTau([1, 2, 4, 5], [2, 1, 5, 4]).statistic, 15);
    expect(() => kendallTau(x, y, { nanPolicy: 'raise' })).toThrow(
      new RangeError(
        "kendallTau: expected a number other than NaN (nanPolicy 'raise') for x[2] but received NaN",
      ),
    );
    expect(() => kendallTau(y, x, { nanPolicy: 'raise' })).toThrow(/for y\[2\]/);
    const allNaN = kendallTau([Number.NaN, Number.NaN, Number.NaN], [1, 2, 3], { nanPolicy: 'omit' });
    expect(allNaN.statistic).toBeNaN();
    expect(allNaN.n).toBe(0);
  });

  it('bad options are errors naming the option', () => {
    expect(() => kendallTau(X, Y, { variant: 'd' as 'a' })).toThrow(
      new RangeError(
        `kendallTau: expected one of 'a', 'b', 'c' for options.variant but received the string "d"`,
      ),
    );
    expect(() => kendallTau(X, Y, { alternative: 'two_sided' as 'less' })).toThrow(
      /for options\.alternative/,
    );
    expect(() => kendallTau(X, Y, { method: 1 as unknown as 'auto' })).toThrow(
      new RangeError(
        "kendallTau: expected one of 'auto', 'exact', 'asymptotic' for options.method but received the number 1",
      ),
    );
    expect(() => kendallTau(X, Y, { nanpolicy: 'omit' } as object)).toThrow(
      new TypeError(
        'kendallTau: unknown option "nanpolicy" (known options: variant, alternative, method, nanPolicy)',
      ),
    );
    expect(() => kendallTau(X, Y, 'b' as unknown as object)).toThrow(
      new TypeError('kendallTau: expected an object for options but received the string "b"'),
    );
  });

  it("method 'exact' with ties is an error, as in scipy", () => {
    expect(() => kendallTau([1, 1, 2], [1, 2, 3], { method: 'exact' })).toThrow(
      new RangeError(
        "kendallTau: expected 'auto' or 'asymptotic' when x or y has ties (the exact null distribution assumes none) for options.method but received the string \"exact\"",
      ),
    );
  });

  it("method 'exact' refuses work beyond its cap instead of hanging", () => {
    const n = 20_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    expect(() => kendallTau(x, y, { method: 'exact' })).toThrow(/n = 20000/);
  });

  it('kendallTauAsync rejects (not throws) with the same messages', async () => {
    const p = kendallTauAsync([1, 2, 3], [1, 2]);
    expect(p).toBeInstanceOf(Promise);
    await expect(p).rejects.toThrow(
      new RangeError('kendallTauAsync: expected x and y of the same length but received 3 and 2'),
    );
    await expect(kendallTauAsync([1, Number.NaN], [1, 2], { nanPolicy: 'raise' })).rejects.toThrow(
      /kendallTauAsync: .* for x\[1\]/,
    );
    await expect(kendallTauAsync('x' as unknown as number[], [1])).rejects.toThrow(TypeError);
  });
});
