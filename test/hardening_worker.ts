// worker_threads side of the load test: loads the public API (and so the addon) inside a
// worker, computes Kendall tau on seeded data it is sent, and posts the statistics back.
// Started through an eval wrapper that registers tsx first (see hardening_load.test.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { rng } from './hardening_support.js';

interface Job {
  seed: number;
  sizes: number[];
  /** start one big async call and never wait for it (the worker is terminated under it) */
  abandonBig?: number;
}

const tauflow = (await import('../src/index.js')) as unknown as {
  kendallTau(x: Float64Array, y: Float64Array): { statistic: number };
  kendallTauAsync(x: Float64Array, y: Float64Array): Promise<{ statistic: number }>;
};
const job = workerData as Job;
const data = (n: number, seed: number) => {
  const r = rng(seed);
  const x = Float64Array.from({ length: n }, () => Math.floor(r() * 50));
  const y = Float64Array.from(x, (v) => v + Math.floor(r() * 30));
  return { x, y };
};
if (job.abandonBig) {
  const { x, y } = data(job.abandonBig, job.seed);
  void tauflow.kendallTauAsync(x, y);
  parentPort?.postMessage({ started: true });
} else {
  const results = [];
  for (const [k, n] of job.sizes.entries()) {
    const { x, y } = data(n, job.seed + k);
    const sync = tauflow.kendallTau(x, y).statistic;
    const async_ = (await tauflow.kendallTauAsync(x, y)).statistic;
    results.push({ n, seed: job.seed + k, sync, async: async_ });
  }
  parentPort?.postMessage({ results });
}
