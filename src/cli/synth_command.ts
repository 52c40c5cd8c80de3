// `tauflow synth --out DIR --count N [--size S] [--seed K] [--noise σ]`: writes the synthetic
// visual-search data set to disk in the VSD format, so the real loader path can be run end to end:
//   DIR/images/scene_000000.png …   the scenes (RGB PNG)
//   DIR/scores.csv                  name,score                 (VSD_dataset.csv's format)
//   DIR/split.csv                   name,score,split           (VSD_ideranknet_split.csv's format)
//   DIR/truth.csv                   name,noise_free_score,score,<hardness per factor>,distractors
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import sharp from 'sharp';
import { ceilingTau } from '../train/data/ceiling_tau.js';
import { splitIndices } from '../train/data/splits.js';
import { syntheticScenes } from '../train/data/synthetic_loader.js';
import { HARDNESS_FACTORS } from '../train/data/synthetic_scenes.js';
import { probeWritable } from '../train/write_probe.js';
import { UsageError } from './usage_error.js';

export interface SynthResult {
  out: string;
  count: number;
  size: number;
  seed: number;
  noise: number;
  ceilingTau: number;
  files: { images: string; scores: string; split: string; truth: string };
}

/**
 * Write a synthetic data set to `out` (PNGs + CSVs) and return what was written.
 * @example await writeSynthetic({ out: 'synth', count: 200, size: 32, seed: 1, noise: 0.33 });
 */
export async function writeSynthetic(o: {
  out: string;
  count: number;
  size: number;
  seed: number;
  noise: number;
}): Promise<SynthResult> {
  const all = syntheticScenes({ count: o.count, size: o.size, seed: o.seed, noise: o.noise });
  const imagesDir = join(o.out, 'images');
  await mkdir(imagesDir, { recursive: true });
  const px = o.size * o.size * 3;
  const bytes = Buffer.alloc(px);
  for (let start = 0; start < o.count; start += 256) {
    const idx = Array.from({ length: Math.min(256, o.count - start) }, (_, k) => start + k);
    const batch = all.batchSync(idx);
    for (let k = 0; k < idx.length; k++) {
      for (let i = 0; i < px; i++) bytes[i] = Math.round(255 * batch.images[k * px + i]);
      await sharp(bytes, { raw: { width: o.size, height: o.size, channels: 3 } })
        .png()
        .toFile(join(imagesDir, `${batch.names[k]}.png`));
    }
  }
  const split = splitIndices(o.count, o.seed);
  const label = new Array<string>(o.count);
  for (const k of ['train', 'val', 'test'] as const) for (const i of split[k]) label[i] = k;
  const fmt = (v: number) => v.toFixed(6);
  const scores = ['name,score', ...all.samples.map((s) => `${s.name},${fmt(s.score)}`)];
  const splitRows = [
    'name,score,split',
    ...all.samples.map((s, i) => `${s.name},${fmt(s.score)},${label[i]}`),
  ];
  const truthRows = [
    [
      'name',
      'noise_free_score',
      'score',
      ...HARDNESS_FACTORS.map((f) => `hardness_${f}`),
      'distractors',
    ].join(','),
    ...all.samples.map((s, i) => {
      const spec = all.specs[i];
      return [
        s.name,
        fmt(spec.noiseFreeScore),
        fmt(s.score),
        ...HARDNESS_FACTORS.map((f) => spec.hardness[f].toFixed(4)),
        spec.distractors,
      ].join(',');
    }),
  ];
  const files = {
    images: imagesDir,
    scores: join(o.out, 'scores.csv'),
    split: join(o.out, 'split.csv'),
    truth: join(o.out, 'truth.csv'),
  };
  await writeFile(files.scores, `${scores.join('\n')}\n`);
  await writeFile(files.split, `${splitRows.join('\n')}\n`);
  await writeFile(files.truth, `${truthRows.join('\n')}\n`);
  // The ceiling as the CSV states it (6 decimals), on the same test split the split CSV names.
  const tau = ceilingTau(
    split.test.map((i) => Number(fmt(all.specs[i].noiseFreeScore))),
    split.test.map((i) => Number(fmt(all.samples[i].score))),
  );
  return { ...o, ceilingTau: tau, files };
}

function intFlag(name: string, min: number, max: number) {
  return (value: string) => {
    const v = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || v < min || v > max)
      throw new UsageError(
        `synth: expected an integer in [${min}, ${max}] for --${name} but received "${value}"`,
      );
    return v;
  };
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description(
      'write the synthetic visual-search data set as PNGs plus VSD-format CSVs (scores, split, truth)',
    )
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option('--count <n>', 'number of scenes', intFlag('count', 12, 10_000_000), 2000)
    .option('--size <px>', 'image side in pixels', intFlag('size', 16, 1024), 32)
    .option('--seed <k>', 'seed of the scenes and the split', intFlag('seed', 0, 2 ** 32 - 1), 1)
    .option(
      '--noise <sigma>',
      'label noise σ in latent units (0.33 → ceiling tau ≈ 0.8)',
      (value: string) => {
        const v = Number(value);
        if (!Number.isFinite(v) || v < 0 || v > 10)
          throw new UsageError(`synth: expected a number in [0, 10] for --noise but received "${value}"`);
        return v;
      },
      0.33,
    )
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        out: string;
        count: number;
        size: number;
        seed: number;
        noise: number;
        json?: boolean;
      }) => {
        await ensureOutputDir(opts.out);
        const t0 = performance.now();
        const r = await writeSynthetic(opts);
        const seconds = (performance.now() - t0) / 1000;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ...r, seconds }, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `${[
            `wrote ${r.count} scenes (${r.size}×${r.size}, seed ${r.seed}, noise ${r.noise}) in ${seconds.toFixed(1)} s`,
            `images:  ${r.files.images}`,
            `scores:  ${r.files.scores}   (name,score)`,
            `split:   ${r.files.split}   (name,score,split: 2:1:1)`,
            `truth:   ${r.files.truth}   (noise-free scores and factors)`,
            `ceiling tau (test split, noise-free vs noisy): ${r.ceilingTau.toFixed(4)}`,
          ].join('\n')}\n`,
        );
      },
    );
}

/** --out must be a folder we can create and write to; say so before generating anything. */
async function ensureOutputDir(out: string): Promise<void> {
  try {
    await mkdir(join(out, 'images'), { recursive: true });
    probeWritable(out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`synth: cannot write to --out "${out}" (${code}: ${(err as Error).message})`);
  }
}
