// kendallTau at sizes where the implementation matters: the 32-bit overflow threshold of the
// pair counters, the real IDE-RankNet test predictions, and a 1e7-row kendallTauAsync during
// which the event loop must keep running.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kendallTau, kendallTauAsync } from '../src/index.js';
import { SHARED_DATA } from './helpers/shared_data.js';

describe('kendallTau at scale', () => {
  // n(n-1)/2 first exceeds 2^31 - 1 (a signed 32-bit counter) at n = 65,537.
  const n = 65_537;
  const pairs = (n * (n - 1)) / 2;

  it('counts past 2^31 exactly at n = 65,537 (all concordant)', () => {
    expect(pairs).toBeGreaterThan(2 ** 31);
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => 3 * i - 7);
    const r = kendallTau(x, y);
    expect(r.concordant).toBe(2_147_516_416);
    expect(r.concordant).toBe(pairs);
    expect(r.discordant).toBe(0);
    expect(r.statistic).toBe(1);
  });

  it('counts past 2^31 exactly at n = 65,537 (all discordant: inversions)', () => {
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => -i);
    const r = kendallTau(x, y, { variant: 'a' });
    expect(r.discordant).toBe(pairs);
    expect(r.concordant).toBe(0);
    expect(r.statistic).toBe(-1);
  });

  it('counts ties past 2^31 exactly (two tie groups of 32,768 and 32,769 in y)', () => {
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => (i < 32_768 ? 0 : 1));
    const r = kendallTau(x, y);
    const tiesY = (32_768 * 32_767) / 2 + (32_769 * 32_768) / 2;
    expect(r.tiesY).toBe(tiesY);
    expect(r.concordant).toBe(32_768 * 32_769);
    expect(r.concordant + r.discordant + r.tiesX + r.tiesY - r.tiesXY).toBe(pairs);
  });

  it('gives scipy 1.10 values on the real IDE-RankNet test predictions', () => {
    // The package ships a copy of ../shared/data/ideranknet_test_predictions.csv in examples/;
    // where the shared original is present, the copy must be identical to it.
    const copy = readFileSync(
      new URL('../examples/ideranknet_test_predictions.csv', import.meta.url),
      'utf8',
    );
    const shared = join(SHARED_DATA, 'ideranknet_test_predictions.csv');
    if (existsSync(shared)) expect(readFileSync(shared, 'utf8')).toBe(copy);
    const lines = copy.trim().split('\n');
    expect(lines[0]).toBe('target,prediction');
    const target = lines.slice(1).map((l) => Number(l.split(',')[0]));
    const prediction = lines.slice(1).map((l) => Number(l.split(',')[1]));
    expect(target.length).toBe(2885);
    // /usr/bin/python3: stats.kendalltau(target, prediction, variant=...) ->
    //   b 0.44792501499785736 p 4.917943112922506e-284; c 0.447393541912352
    const b = kendallTau(target, prediction);
    expect(b.statistic).toBeCloseTo(0.447925015, 9);
    expect(Math.abs(b.statistic - 0.44792501499785736)).toBeLessThan(1e-12);
    expect(Math.abs(b.pvalue / 4.917943112922506e-284 - 1)).toBeLessThan(1e-9);
    expect(b.tiesX).toBeGreaterThan(0); // targets have ties (1,631 distinct)
    const c = kendallTau(target, prediction, { variant: 'c' });
    expect(c.statistic).toBeCloseTo(0.447393542, 9);
    expect(Math.abs(c.statistic - 0.447393541912352)).toBeLessThan(1e-12);
  });

  it('kendallTauAsync on 1e7 rows keeps the event loop responsive', async () => {
    const size = 10_000_000;
    const x = new Float64Array(size);
    const y = new Float64Array(size);
    let s = 7;
    for (let i = 0; i < size; i++) {
      s = (s * 48271) % 2147483647;
      x[i] = s / 2147483647;
      y[i] = x[i] + ((s % 1000) - 500) / 1000;
    }
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    const promise = kendallTauAsync(x, y);
    const afterCall = performance.now();
    const r = await promise;
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(r.n).toBe(size);
    expect(r.statistic).toBeGreaterThan(0);
    expect(r.concordant + r.discordant + r.tiesX + r.tiesY - r.tiesXY).toBe((size * (size - 1)) / 2);
    // The call itself returns after copying the inputs; the timer keeps firing while the worker
    // sorts and counts (a blocking call would give 0 ticks and one gap as long as the call).
    expect(afterCall - started).toBeLessThan(elapsed);
    expect(ticks).toBeGreaterThanOrEqual(Math.min(5, Math.floor(elapsed / 50)));
    expect(longestGap).toBeLessThan(Math.max(250, elapsed / 2));
  });
});
