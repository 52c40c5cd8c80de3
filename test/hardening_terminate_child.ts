// Child process for hardening_load.test.ts: starts worker_threads that each queue a large
// kendallTauAsync and are terminated while it runs (the addon's async completion then meets a
// dying environment), three rounds; then checks the main thread still computes correctly and
// prints "survived". A native abort here kills only this child, and the test reports it.
import { Worker } from 'node:worker_threads';
import { kendallTau, kendallTauAsync } from '../src/index.js';
import { testDir } from './hardening_support.js';

const file = JSON.stringify(`${testDir}/hardening_worker.ts`);
const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${file}); })`;
for (let round = 0; round < 3; round++) {
  const workers = [0, 1, 2].map(
    (w) => new Worker(code, { eval: true, workerData: { seed: w, abandonBig: 400_000 } }),
  );
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve, reject) => {
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  await Promise.all(workers.map((w) => w.terminate()));
}
const x = Float64Array.from({ length: 1000 }, (_v, i) => (i * 7919) % 1000);
const y = Float64Array.from(x, (v, i) => v + (i % 13));
const [a, b] = [kendallTau(x, y).statistic, (await kendallTauAsync(x, y)).statistic];
if (!Object.is(a, b)) throw new Error(`after termination: sync ${a} vs async ${b}`);
console.log('survived');
