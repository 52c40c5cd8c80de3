// The scratch arena behind kendallTau / kendallTauAsync: reused across calls and sizes, shared
// correctly by concurrent async calls, bounded by its policy, released on demand. Every result
// is compared with a fresh computation (limit 0: no reuse) and with the O(n^2) definition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kendallTau, kendallTauAsync, releaseScratch, scratchInfo, setScratchPolicy } from '../src/index.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function data(n: number, seed: number, ties: boolean) {
  const r = lcg(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = ties ? Math.floor(r() * 50) : r() - 0.5;
    y[i] = ties ? (x[i] + Math.floor(r() * 20)) % 50 : 0.5 * x[i] + r();
  }
  return { x, y };
}

function naiveDiscordant(x: Float64Array, y: Float64Array): number {
  let d = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) if ((x[i] - x[j]) * (y[i] - y[j]) < 0) d++;
  return d;
}

const fields = (r: ReturnType<typeof kendallTau>) => [
  r.statistic,
  r.pvalue,
  r.concordant,
  r.discordant,
  r.tiesX,
  r.tiesY,
  r.tiesXY,
];

describe('scratch arena', () => {
  let saved: { limitBytes: number; idleMs: number };
  beforeAll(() => {
    const s = scratchInfo();
    saved = { limitBytes: s.limitBytes, idleMs: s.idleMs };
    releaseScratch();
  });
  afterAll(() => {
    setScratchPolicy(saved);
    releaseScratch();
  });

  it('reuses its buffers across calls and sizes, with the same results as fresh buffers', () => {
    // 2 x 16 bytes per row: 1e5 rows = 3.2 MB, above the 256 KiB below which nothing is cached.
    const sizes = [100_000, 30_000, 200_000, 100_000, 20_000];
    const cases = sizes.map((n, k) => ({ n, ...data(n, 7 + k, k % 2 === 1) }));
    setScratchPolicy({ limitBytes: 0 });
    const fresh = cases.map((c) => fields(kendallTau(c.x, c.y)));
    expect(scratchInfo().cachedBytes).toBe(0);

    setScratchPolicy({ limitBytes: 64 << 20, idleMs: 60_000 });
    const before = scratchInfo();
    const reused = cases.map((c) => fields(kendallTau(c.x, c.y)));
    const after = scratchInfo();
    expect(reused).toEqual(fresh);
    // 100k maps a block (4 MiB); 30k reuses it; 200k needs a bigger one; the last two reuse.
    expect(after.mapped - before.mapped).toBe(2);
    expect(after.reused - before.reused).toBe(3);
    expect(after.cachedBytes).toBeGreaterThanOrEqual(2 * 16 * 200_000);
    expect(after.cachedBytes).toBeLessThanOrEqual(64 << 20);
  });

  it('gives exact counts after reuse (against the O(n^2) definition)', () => {
    setScratchPolicy({ limitBytes: 64 << 20 });
    // Fill the cached block with other data, then a small call (plain malloc) and a cached one.
    const big = data(150_000, 3, false);
    kendallTau(big.x, big.y);
    for (const n of [1500, 9000]) {
      const { x, y } = data(n, n, true);
      const r = kendallTau(x, y);
      expect(r.discordant).toBe(naiveDiscordant(x, y));
    }
    const { x, y } = data(200_000, 5, false);
    const expected = fields(kendallTau(x, y));
    kendallTau(big.x, big.y);
    expect(fields(kendallTau(x, y))).toEqual(expected);
  });

  it('serves concurrent async calls correctly (each its own buffers, none shared)', async () => {
    setScratchPolicy({ limitBytes: 256 << 20 });
    const cases = [80_000, 120_000, 80_000, 50_000, 120_000, 200_000].map((n, k) =>
      data(n, 100 + k, k % 3 === 0),
    );
    const expected = cases.map((c) => fields(kendallTau(c.x, c.y)));
    // Twice over: the second round finds blocks cached by the first.
    for (let round = 0; round < 2; round++) {
      const got = await Promise.all(cases.map((c) => kendallTauAsync(c.x, c.y)));
      expect(got.map(fields)).toEqual(expected);
    }
    const s = scratchInfo();
    expect(s.cachedBlocks).toBeLessThanOrEqual(4);
    expect(s.cachedBytes).toBeLessThanOrEqual(256 << 20);
  });

  it('keeps the input copy of an async call apart from the caller (mutation after the call)', async () => {
    const { x, y } = data(100_000, 11, false);
    const expected = fields(kendallTau(x, y));
    const p = kendallTauAsync(x, y);
    x.fill(0);
    expect(fields(await p)).toEqual(expected);
  });

  it('releaseScratch frees the idle buffers and returns their size', () => {
    setScratchPolicy({ limitBytes: 64 << 20 });
    const { x, y } = data(100_000, 1, false);
    kendallTau(x, y);
    const held = scratchInfo().cachedBytes;
    expect(held).toBeGreaterThanOrEqual(2 * 16 * 100_000);
    expect(releaseScratch()).toBe(held);
    expect(scratchInfo().cachedBytes).toBe(0);
    expect(releaseScratch()).toBe(0);
  });

  it('unmaps idle buffers after idleMs', async () => {
    setScratchPolicy({ limitBytes: 64 << 20, idleMs: 50 });
    const { x, y } = data(100_000, 2, false);
    kendallTau(x, y);
    expect(scratchInfo().cachedBytes).toBeGreaterThan(0);
    let left = scratchInfo().cachedBytes;
    for (let i = 0; i < 100 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      left = scratchInfo().cachedBytes;
    }
    expect(left).toBe(0);
    setScratchPolicy({ idleMs: 60_000 });
  });

  it('does not keep a block above the limit, and lowering the limit trims at once', () => {
    setScratchPolicy({ limitBytes: 1 << 20 });
    const { x, y } = data(100_000, 4, false); // 3.2 MB > 1 MiB
    kendallTau(x, y);
    expect(scratchInfo().cachedBytes).toBe(0);
    setScratchPolicy({ limitBytes: 64 << 20 });
    kendallTau(x, y);
    expect(scratchInfo().cachedBytes).toBeGreaterThan(0);
    setScratchPolicy({ limitBytes: 0 });
    expect(scratchInfo().cachedBytes).toBe(0);
  });

  it('accepts a huge idle time as "never" (no overflow of the deadline)', () => {
    setScratchPolicy({ limitBytes: 64 << 20, idleMs: Number.MAX_SAFE_INTEGER });
    const { x, y } = data(100_000, 6, false);
    const r = kendallTau(x, y);
    expect(scratchInfo().cachedBytes).toBeGreaterThan(0);
    expect(fields(kendallTau(x, y))).toEqual(fields(r));
    setScratchPolicy({ idleMs: 60_000 });
  });

  it('rejects bad policies with errors naming the argument', () => {
    expect(() => setScratchPolicy(undefined as never)).toThrow(TypeError);
    expect(() => setScratchPolicy({ limitBytes: -1 })).toThrow(/limitBytes/);
    expect(() => setScratchPolicy({ limitBytes: -1 })).toThrow(RangeError);
    expect(() => setScratchPolicy({ idleMs: 1.5 })).toThrow(/idleMs/);
    expect(() => setScratchPolicy({ idleMs: '5' as never })).toThrow(TypeError);
    expect(() => setScratchPolicy({ limit: 5 } as never)).toThrow(/unknown option/);
  });
});
