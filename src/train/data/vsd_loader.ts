// VSD-format data from disk: a `name,score` CSV and a folder of images (jpg/png/…), decoded and
// resized with sharp to size×size RGB float32 in [0, 1], read batch by batch through a bounded LRU
// cache. Before anything is trained, a pre-scan resolves every name to a file and reads its header:
// missing and undecodable images are skipped, counted and listed, and the load stops with a clear
// message only when fewer than `minImages` remain.
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import { checkOptions, integerIn, oneOf, rangeError, typeError } from '../../validate.js';
import { ceilingTau } from './ceiling_tau.js';
import { ImageCache } from './image_cache.js';
import { type SplitName, splitFromLabels, splitIndices } from './splits.js';
import type { ImageBatch, LabeledImages, Sample, SkippedImage, SplitData } from './types.js';
import { DataFormatError, readVsdCsv, type VsdRow } from './vsd_csv.js';

export interface VsdOptions {
  /** the scores: a `name,score` CSV, header optional (a third `split` column is used when present) */
  csv: string;
  /** the folder holding the images; a name resolves to NAME, NAME.jpg, NAME.jpeg or NAME.png */
  images: string;
  /** side of the square RGB images the loader yields (default 224) */
  size?: number;
  /** a split CSV (`name,score,split` with train/val/test) to use instead of a seeded 2:1:1 split */
  split?: string;
  /** seed of the 2:1:1 split when no split is given (default 1) */
  seed?: number;
  /** memory for decoded images, in MB, shared by the three splits (default 512) */
  cacheMB?: number;
  /** fewest readable images to go on with (default 12) */
  minImages?: number;
  /** how to make images square: 'fill' stretches (default), 'cover' crops the centre */
  fit?: 'fill' | 'cover';
  /** 'header' (default) reads each image's header in the pre-scan; 'decode' decodes it fully */
  verify?: 'header' | 'decode';
  /** synthetic data written by `tauflow synth`: truth.csv with noise-free scores, for the ceiling tau */
  truth?: string;
}

const KNOWN = [
  'csv',
  'images',
  'size',
  'split',
  'seed',
  'cacheMB',
  'minImages',
  'fit',
  'verify',
  'truth',
] as const;
const EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff'];

/** Images of one split, decoded on demand through the shared cache. */
export class VsdImages implements LabeledImages {
  readonly samples: readonly Sample[];

  constructor(
    readonly size: number,
    samples: readonly Sample[],
    /** the image file of each sample (same order as samples) */
    readonly files: readonly string[],
    private readonly cache: ImageCache,
    private readonly fit: 'fill' | 'cover',
  ) {
    this.samples = samples;
  }

  /** Decode the images at these indices (cached ones are copied from memory), in the order given. */
  async batch(indices: readonly number[]): Promise<ImageBatch> {
    const px = this.size * this.size * 3;
    const images = new Float32Array(indices.length * px);
    const scores = new Float32Array(indices.length);
    const names: string[] = [];
    indices.forEach((idx, k) => {
      if (!Number.isInteger(idx) || idx < 0 || idx >= this.samples.length)
        throw rangeError(
          'VsdImages.batch',
          `indices[${k}]`,
          `an integer in [0, ${this.samples.length - 1}]`,
          idx,
        );
      scores[k] = this.samples[idx].score;
      names.push(this.samples[idx].name);
    });
    await mapLimit(indices, availableParallelism() * 2, async (idx, k) => {
      const file = this.files[idx];
      let pixels = this.cache.get(file);
      if (!pixels) {
        pixels = await decodeImage(file, this.size, this.fit);
        this.cache.set(file, pixels);
      }
      images.set(pixels, k * px);
    });
    return { images, scores, names, count: indices.length };
  }
}

/**
 * Decode one image file to size×size RGB float32 in [0, 1] (HWC), alpha dropped, grey expanded.
 * @example const px = await decodeImage('img/2008_000002.jpg', 224); // Float32Array(224*224*3)
 */
export async function decodeImage(
  file: string,
  size: number,
  fit: 'fill' | 'cover' = 'fill',
): Promise<Float32Array> {
  let data: Buffer;
  let channels: number;
  try {
    const out = await sharp(file, { failOn: 'error' })
      .rotate() // honour EXIF orientation
      .resize(size, size, { fit, position: 'centre' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    data = out.data;
    channels = out.info.channels;
  } catch (err) {
    throw new DataFormatError(`decodeImage: cannot decode ${file} (${(err as Error).message})`);
  }
  const n = size * size;
  const pixels = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) pixels[i * 3 + c] = data[i * channels + (channels >= 3 ? c : 0)] / 255;
  }
  return pixels;
}

/** Run fn over items with at most `limit` in flight; rejects with the first error. */
async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Index a folder once: base name without extension (and full name) → file, for fast lookups. */
async function indexFolder(dir: string): Promise<Map<string, string>> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    throw new DataFormatError(
      `loadVsd: cannot read the image folder ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const byName = new Map<string, string>();
  // Preferred extension order decides between NAME.jpg and NAME.png when both exist.
  const rank = (f: string) => {
    const r = EXTENSIONS.indexOf(extname(f).toLowerCase());
    return r < 0 ? EXTENSIONS.length : r;
  };
  for (const f of entries.sort((a, b) => rank(a) - rank(b))) {
    byName.set(f, join(dir, f));
    const ext = extname(f);
    if (ext && EXTENSIONS.includes(ext.toLowerCase())) {
      const base = f.slice(0, -ext.length);
      if (!byName.has(base)) byName.set(base, join(dir, f));
    }
  }
  return byName;
}

async function readSplitLabels(path: string): Promise<Map<string, SplitName>> {
  const csv = await readVsdCsv(path);
  if (!csv.hasSplit)
    throw new DataFormatError(`loadVsd: expected a split column (train/val/test on every row) in ${path}`);
  return new Map(csv.rows.map((r) => [r.name, r.split!]));
}

async function readTruth(path: string): Promise<Map<string, number>> {
  let records: Record<string, string>[];
  try {
    records = parse(await readFile(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new DataFormatError(`loadVsd: cannot read the truth CSV ${path} (${(err as Error).message})`);
  }
  if (!records.length || !('name' in records[0]) || !('noise_free_score' in records[0]))
    throw new DataFormatError(`loadVsd: expected columns name and noise_free_score in ${path}`);
  return new Map(records.map((r) => [r.name, Number(r.noise_free_score)]));
}

/**
 * Load VSD-format data: scores from a CSV, images from a folder, a split, and the list of images
 * that could not be used.
 * @example
 * const data = await loadVsd({ csv: 'VSD_dataset.csv', images: 'JPEGImages', size: 224,
 *                              split: 'VSD_ideranknet_split.csv', cacheMB: 1024 });
 * console.log(data.skipped.length, data.train.samples.length);
 * const batch = await data.train.batch([0, 1, 2, 3]);
 */
export async function loadVsd(options: VsdOptions): Promise<SplitData> {
  const fn = 'loadVsd';
  const o = checkOptions<VsdOptions>(fn, options, KNOWN);
  if (options === undefined) throw typeError(fn, 'options', 'an object with csv and images', options);
  if (typeof o.csv !== 'string' || !o.csv) throw typeError(fn, 'csv', 'a path to a CSV file', o.csv);
  if (typeof o.images !== 'string' || !o.images)
    throw typeError(fn, 'images', 'a path to an image folder', o.images);
  if (o.split !== undefined && (typeof o.split !== 'string' || !o.split))
    throw typeError(fn, 'split', 'a path to a split CSV', o.split);
  if (o.truth !== undefined && (typeof o.truth !== 'string' || !o.truth))
    throw typeError(fn, 'truth', 'a path to a truth CSV', o.truth);
  const size = integerIn(fn, 'size', o.size, 8, 4096, 224);
  const seed = integerIn(fn, 'seed', o.seed, 0, 2 ** 32 - 1, 1);
  const cacheMB = integerIn(fn, 'cacheMB', o.cacheMB, 0, 1 << 20, 512);
  const minImages = integerIn(fn, 'minImages', o.minImages, 3, Number.MAX_SAFE_INTEGER, 12);
  const fit = oneOf(fn, 'fit', o.fit, ['fill', 'cover'] as const, 'fill');
  const verify = oneOf(fn, 'verify', o.verify, ['header', 'decode'] as const, 'header');

  const csv = await readVsdCsv(o.csv);
  const labels = o.split !== undefined ? await readSplitLabels(o.split) : null;
  const folder = await indexFolder(o.images);

  // Pre-scan: resolve and check every image; keep the ones that decode.
  const skipped: SkippedImage[] = [];
  const usable: { row: VsdRow; file: string }[] = [];
  const checks = csv.rows.map((row) => ({ row, file: folder.get(row.name), error: '' }));
  await mapLimit(checks, availableParallelism() * 2, async (c) => {
    if (!c.file) return;
    try {
      if (verify === 'decode') await decodeImage(c.file, size, fit);
      else {
        const meta = await sharp(c.file).metadata();
        if (!meta.width || !meta.height) throw new Error('no image dimensions');
      }
    } catch (err) {
      c.error = (err as Error).message;
    }
  });
  for (const c of checks) {
    if (!c.file)
      skipped.push({
        name: c.row.name,
        reason: `missing: no ${c.row.name}{,${EXTENSIONS.join(',')}} in ${o.images}`,
      });
    else if (c.error) skipped.push({ name: c.row.name, reason: `corrupt: ${c.error}` });
    else usable.push({ row: c.row, file: c.file });
  }
  if (usable.length < minImages) {
    const missing = skipped.filter((s) => s.reason.startsWith('missing')).length;
    const list = skipped
      .slice(0, 3)
      .map((s) => `${s.name} (${s.reason.startsWith('missing') ? 'missing' : s.reason})`)
      .join(', ');
    throw new RangeError(
      `${fn}: expected at least ${minImages} readable images (minImages) but only ${usable.length} of ${csv.rows.length} ` +
        `in ${o.csv} could be read from ${o.images}: ${missing} missing, ${skipped.length - missing} corrupt` +
        `${list ? `; first skipped: ${list}` : ''}` +
        (missing === csv.rows.length
          ? ` (a name resolves to NAME or NAME${EXTENSIONS.join('|NAME')} in that folder)`
          : ''),
    );
  }

  // Split: the split CSV, else a split column in the score CSV, else seeded 2:1:1.
  let groups: { train: number[]; val: number[]; test: number[] };
  let splitNote: string;
  if (labels) {
    const kept: number[] = [];
    const names: SplitName[] = [];
    usable.forEach((u, i) => {
      const l = labels.get(u.row.name);
      if (l) {
        kept.push(i);
        names.push(l);
      }
    });
    const g = splitFromLabels(names);
    groups = {
      train: g.train.map((i) => kept[i]),
      val: g.val.map((i) => kept[i]),
      test: g.test.map((i) => kept[i]),
    };
    splitNote = `split ${o.split}`;
    for (const u of usable)
      if (!labels.has(u.row.name))
        skipped.push({ name: u.row.name, reason: `not in the split CSV ${o.split}` });
  } else if (csv.hasSplit) {
    groups = splitFromLabels(usable.map((u) => u.row.split!));
    splitNote = 'split column';
  } else {
    groups = splitIndices(usable.length, seed);
    splitNote = `seeded 2:1:1 split (seed ${seed})`;
  }
  for (const k of ['train', 'val', 'test'] as const)
    if (groups[k].length === 0)
      throw new RangeError(
        `${fn}: expected images in every split but the ${k} split is empty (${splitNote})`,
      );

  const cache = new ImageCache(cacheMB * 2 ** 20);
  const make = (idx: number[]) =>
    new VsdImages(
      size,
      idx.map((i) => ({ name: usable[i].row.name, score: usable[i].row.score })),
      idx.map((i) => usable[i].file),
      cache,
      fit,
    );
  const data: SplitData = {
    train: make(groups.train),
    val: make(groups.val),
    test: make(groups.test),
    skipped,
    description: `${o.csv} + ${o.images} (${usable.length} images, ${size} px, ${splitNote})`,
  };
  if (o.truth !== undefined) {
    const truth = await readTruth(o.truth);
    const test = data.test.samples.filter((s) => truth.has(s.name));
    if (test.length >= 2)
      data.ceilingTau = ceilingTau(
        test.map((s) => truth.get(s.name)!),
        test.map((s) => s.score),
      );
  }
  return data;
}
