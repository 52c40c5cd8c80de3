// The addon under load (issue #6): many concurrent async calls, the addon loaded in several
// worker_threads at once (it must be context-aware), and workers terminated with calls in flight.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import * as tauflow from '../src/index.js';
import { rng, runChild, tauBNaive, testDir } from './hardening_support.js';

type TauFn = (x: ArrayLike<number>, y: ArrayLike<number>, o?: object) => { statistic: number };
type TauAsyncFn = (
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  o?: object,
) => Promise<{ statistic: number; pvalue: number }>;
const api = tauflow as unknown as { kendallTau?: TauFn; kendallTauAsync?: TauAsyncFn };
const haveKendall = typeof api.kendallTauAsync === 'function';

function seeded(n: number, seed: number, levels: number) {
  const r = rng(seed);
  const x = Float64Array.from({ length: n }, () => Math.floor(r() * levels));
  const y = Float64Array.from(x, (v) => v + Math.floor(r() * levels) - levels / 3);
  return { x, y };
}

/** Starts a worker running hardening_worker.ts through tsx. */
function startWorker(workerData: unknown): Worker {
  const file = JSON.stringify(`${testDir}/hardening_worker.ts`);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${file}); })`;
  return new Worker(code, { eval: true, workerData });
}

function firstMessage<T>(w: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`worker exited with ${code} before replying`)));
  });
}

describe.skipIf(!haveKendall)('addon under load', () => {
  it('200 concurrent kendallTauAsync calls of mixed sizes give the sync (and O(n^2)) answers', async () => {
    const kendallTau = api.kendallTau as TauFn;
    const sizes = [0, 1, 2, 3, 10, 57, 400, 1500, 20_000, 120_000];
    const r = rng(2026);
    const jobs = Array.from({ length: 200 }, (_v, k) => {
      // Mostly small, a few large: the large ones keep the thread pool busy while small ones finish.
      const n = k % 40 === 39 ? sizes[8 + (k % 2)] : sizes[Math.floor(r() * 8)];
      const variant = (['a', 'b', 'c'] as const)[k % 3];
      return { n, variant, ...seeded(n, 1000 + k, 2 + (k % 17)) };
    });
    const pending = jobs.map((j) => api.kendallTauAsync?.(j.x, j.y, { variant: j.variant }));
    // Sync calls interleaved with the async ones in flight.
    const sync = jobs.map((j) => kendallTau(j.x, j.y, { variant: j.variant }));
    const results = await Promise.all(pending);
    let checkedNaive = 0;
    for (const [k, j] of jobs.entries()) {
      const got = results[k]?.statistic as number;
      expect(
        Object.is(got, sync[k].statistic),
        `job ${k} n=${j.n}: async ${got} vs sync ${sync[k].statistic}`,
      ).toBe(true);
      if (j.variant === 'b' && j.n <= 1500) {
        const want = tauBNaive(j.x, j.y);
        if (Number.isNaN(want)) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(want, 12);
        checkedNaive++;
      }
    }
    expect(checkedNaive).toBeGreaterThan(40);
  });

  it('the same input buffers shared by 50 concurrent calls are not modified', async () => {
    const { x, y } = seeded(5000, 7, 40);
    const xs = x.slice();
    const ys = y.slice();
    const all = await Promise.all(Array.from({ length: 50 }, () => api.kendallTauAsync?.(x, y)));
    for (const res of all) expect(res?.statistic).toBe(all[0]?.statistic);
    expect(x).toEqual(xs);
    expect(y).toEqual(ys);
  });

  it('four worker_threads load the addon at once and compute correct results', async () => {
    const workers = [0, 1, 2, 3].map((w) => startWorker({ seed: 100 * w, sizes: [0, 5, 300, 1200, 30_000] }));
    try {
      const replies = await Promise.all(
        workers.map((w) =>
          firstMessage<{ results: { n: number; seed: number; sync: number; async: number }[] }>(w),
        ),
      );
      for (const reply of replies)
        for (const res of reply.results) {
          expect(Object.is(res.sync, res.async)).toBe(true);
          const { x, y } = (() => {
            const r = rng(res.seed);
            const xx = Float64Array.from({ length: res.n }, () => Math.floor(r() * 50));
            return { x: xx, y: Float64Array.from(xx, (v) => v + Math.floor(r() * 30)) };
          })();
          const main = (api.kendallTau as TauFn)(x, y).statistic;
          expect(Object.is(res.sync, main), `n=${res.n}: worker ${res.sync} vs main ${main}`).toBe(true);
          if (res.n <= 1200 && res.n >= 2) expect(res.sync).toBeCloseTo(tauBNaive(x, y), 12);
        }
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });

  it('terminating workers with an async call in flight does not crash the process', async () => {
    // Regression: the AsyncWorker's completion met a terminating environment, its failed
    // promise resolution threw a C++ Napi::Error out of a libuv callback and the whole process
    // aborted ("terminate called after throwing an instance of 'Napi::Error'"). Run in a child
    // so an abort fails this test instead of killing the test runner.
    const run = await runChild('hardening_terminate_child.ts', [], { timeoutMs: 90_000 });
    expect(run.signal, run.stderr.slice(-1500)).toBeNull();
    expect(run.code, run.stderr.slice(-1500)).toBe(0);
  }, 120_000);
});
