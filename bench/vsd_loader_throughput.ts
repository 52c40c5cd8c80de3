// The VSD loader path end to end on synthetic PNGs: write N scenes with `synth`, pre-scan them,
// then read the training split in batches of 32 twice — cold (decode with sharp) and warm (LRU
// cache) — and report images/s for each next to drawing the same scenes in memory.
// Run: npx tsx bench/vsd_loader_throughput.ts [count=2000] [size=32]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSynthetic } from '../src/cli/synth_command.js';
import { loadSynthetic } from '../src/train/data/synthetic_loader.js';
import type { LabeledImages } from '../src/train/data/types.js';
import { loadVsd } from '../src/train/data/vsd_loader.js';

const count = Number(process.argv[2] ?? 2000);
const size = Number(process.argv[3] ?? 32);
const dir = mkdtempSync(join(tmpdir(), 'tauflow-bench-'));
const secs = (t0: number) => (performance.now() - t0) / 1000;
async function epoch(set: LabeledImages): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < set.samples.length; i += 32)
    await set.batch(Array.from({ length: Math.min(32, set.samples.length - i) }, (_, k) => i + k));
  return set.samples.length / secs(t0);
}
try {
  let t0 = performance.now();
  await writeSynthetic({ out: dir, count, size, seed: 1, noise: 0.33 });
  console.log(`synth: ${count} PNGs of ${size}px written in ${secs(t0).toFixed(2)} s`);
  t0 = performance.now();
  const data = await loadVsd({
    csv: join(dir, 'scores.csv'),
    images: join(dir, 'images'),
    size,
    split: join(dir, 'split.csv'),
  });
  console.log(`loadVsd pre-scan (header check) of ${count} images: ${secs(t0).toFixed(2)} s`);
  console.log(
    `train split, batches of 32: cold ${(await epoch(data.train)).toFixed(0)} img/s, warm ${(await epoch(data.train)).toFixed(0)} img/s`,
  );
  const synth = loadSynthetic({ count, size, seed: 1 });
  console.log(`in-memory synthetic drawing: ${(await epoch(synth.train)).toFixed(0)} img/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
