#!/usr/bin/env node
// Exercises every entry point of the native binding — success paths, error paths (thrown
// TypeErrors/RangeErrors must not leak what was allocated before the throw) and the async
// worker — with tiny inputs, so it can run under valgrind or LeakSanitizer. A binding function
// without an exercise here is an error, so new entry points cannot be skipped silently.
//   node scripts/leak_check.mjs [rounds]          (plain run: also reports RSS growth)
//   scripts/leak_check.sh                        (under valgrind; fails on a leak from tauflow)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binding = require(require('node-gyp-build').path(root));
const rounds = Number(process.argv[2] ?? 20);

const f64 = (n) => Float64Array.from({ length: n }, (_v, i) => (i * 37) % 11);
const f32 = (n) => Float32Array.from({ length: n }, (_v, i) => ((i * 37) % 13) / 3);
const sopts = (o = {}) => ({
  surrogate: 'tanh',
  alpha: 1,
  margin: 1,
  weighting: 'none',
  normalization: 'tau-b',
  device: 'cpu',
  wantGrad: true,
  ...o,
});
const throws = (f) => {
  try {
    f();
  } catch {
    return;
  }
  throw new Error(`expected a throw from ${f}`);
};

const exercises = {
  buildInfo: (b) => b.buildInfo(),
  setThreads: (b) => {
    b.setThreads(2);
    b.setThreads(0);
    throws(() => b.setThreads(-1));
  },
  cudaDeviceCount: (b) => b.cudaDeviceCount(),
  spearman: (b) => {
    b.spearman(f64(30), f64(30).reverse(), 'two-sided');
    throws(() => b.spearman(f64(3), f64(4), 'two-sided'));
  },
  pearson: (b) => {
    b.pearson(f64(30), f64(30), 'less');
    throws(() => b.pearson(f64(3), f64(3), 'sideways'));
  },
  averageRanks: (b) => b.averageRanks(f64(40)),
  spearmanPValue: (b) => b.spearmanPValue(0.3, 20, 'greater'),
  pearsonPValue: (b) => b.pearsonPValue(0.3, 20, 'two-sided'),
  betaInc: (b) => b.betaInc(2, 3, 0.4),
  studentTCdf: (b) => b.studentTCdf(5, 1.2),
  kendallTau: (b) => {
    for (const variant of ['a', 'b', 'c']) b.kendallTau(f64(50), f64(50).reverse(), { variant });
    b.kendallTau(f64(10), f64(10), { method: 'exact' }); // exact-with-ties status
    b.kendallTau(Float64Array.of(1, NaN, 3), f64(3), { nanPolicy: 'omit' });
    throws(() => b.kendallTau(f64(3), f64(4), {}));
  },
  kendallTauAsync: async (b) => {
    await Promise.all([
      b.kendallTauAsync(f64(300), f64(300), {}),
      b.kendallTauAsync(f64(5), f64(5), { variant: 'c' }),
    ]);
    throws(() => b.kendallTauAsync(f64(3), f64(4), {}));
  },
  // The scratch arena: a kendallTau big enough to cache its block (>= 256 KiB: starts the idle
  // reaper thread), an async one, a policy change, then releaseScratch(), which unmaps the
  // blocks and joins the reaper (so no thread of ours is alive at exit).
  scratchInfo: (b) => b.scratchInfo(),
  setScratchPolicy: (b) => {
    b.kendallTau(f64(12_000), f64(12_000).reverse(), {});
    b.setScratchPolicy(64 << 20, 30_000);
    throws(() => b.setScratchPolicy(-1, 0));
  },
  releaseScratch: async (b) => {
    b.kendallTau(f64(12_000), f64(12_000), {});
    await b.kendallTauAsync(f64(12_000), f64(12_000).reverse(), {});
    b.releaseScratch();
  },
  kendallMatrix: (b) => {
    b.kendallMatrix([f64(40), f64(40).reverse(), f64(40)], {}, 1);
    throws(() => b.kendallMatrix([f64(4), f64(5)], {}, 1));
  },
  surrogate: (b) => {
    for (const surrogate of ['tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge'])
      for (const weighting of ['none', 'target-diff', 'user'])
        b.surrogate(
          f32(600),
          f32(600),
          weighting === 'user' ? f32(600) : null,
          2,
          300,
          sopts({ surrogate, weighting }),
        );
    b.surrogate(f32(8), f32(8), null, 2, 4, sopts({ wantGrad: false }));
    throws(() => b.surrogate(f32(4), f32(4), null, 9, 9, sopts()));
    throws(() => b.surrogate(f32(4), Float32Array.of(1, NaN, 2, 3), null, 1, 4, sopts()));
    throws(() => b.surrogate(f32(4), f32(4), null, 1, 4, sopts({ device: 'cuda' })));
  },
};

const missing = Object.keys(binding).filter((k) => !(k in exercises));
if (missing.length) {
  console.error(`leak_check: no exercise for binding function(s): ${missing.join(', ')}`);
  process.exit(2);
}
const rssBefore = process.memoryUsage().rss;
for (let r = 0; r < rounds; r++)
  for (const [name, ex] of Object.entries(exercises)) {
    try {
      await ex(binding);
    } catch (err) {
      console.error(`leak_check: ${name} failed: ${err.message}`);
      process.exit(1);
    }
  }
globalThis.gc?.();
const grown = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
console.log(
  `leak_check: ${Object.keys(exercises).length} entry points x ${rounds} rounds ok; RSS grew ${grown.toFixed(1)} MiB`,
);
