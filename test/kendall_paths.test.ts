// The speed paths of the native Kendall count against an independent JS count: continuous data
// (each sort bucket has ~40 varying key bits: the in-cache MSD step), both signs and -0 (the
// branch-free key), and 1, 2 and 3 threads (the parallel top-level inversion partition).
import { afterAll, describe, expect, it } from 'vitest';
import { kendallTau } from '../src/index.js';
import { native } from '../src/native.js';
import { discordantJs } from './helpers/discordant_js.js';

describe('kendallTau speed paths', () => {
  afterAll(() => native().setThreads(0));

  it('counts continuous, both-sign data exactly for 1, 2 and 3 threads', () => {
    let s = 2024;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // 32-bit LCG, exact in JS
      return (s + 0.5) / 2 ** 32;
    };
    const n = 150_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Box-Muller-ish normal-shaped values; every 97th x is -0 or 0.
      const u = Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());
      x[i] = i % 97 === 0 ? (i % 2 ? -0 : 0) : u;
      y[i] = 0.6 * x[i] + 0.8 * (rnd() - 0.5);
    }
    const expected = discordantJs(x, y);
    for (const t of [1, 2, 3]) {
      native().setThreads(t);
      const r = kendallTau(x, y);
      expect(r.discordant, `threads ${t}`).toBe(expected);
      // the zeros are one tie group in x: ceil(150000 / 97) rows
      const zeros = Math.ceil(n / 97);
      expect(r.tiesX, `threads ${t}`).toBe((zeros * (zeros - 1)) / 2);
    }
  });

  it('finds the first NaN and the +Inf/-Inf pair across parallel scan chunks', () => {
    const n = 300_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => n - i);
    for (const t of [1, 2, 3]) {
      native().setThreads(t);
      const yn = y.slice();
      yn[250_000] = NaN;
      yn[160_000] = NaN;
      expect(() => kendallTau(x, yn, { nanPolicy: 'raise' })).toThrow(/y\[160000\]/);
      const xi = x.slice();
      xi[10] = Infinity; // +Inf in the first chunk, -Inf in the last: the sum is NaN
      xi[n - 10] = -Infinity;
      expect(Number.isNaN(kendallTau(xi, y).statistic)).toBe(true);
      expect(() => kendallTau(xi, y, { nanPolicy: 'raise' })).toThrow(RangeError);
      xi[n - 10] = 5;
      expect(kendallTau(xi, y).statistic).toBeLessThan(-0.99);
    }
  });
});
