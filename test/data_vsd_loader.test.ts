import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { writeSynthetic } from '../src/cli/synth_command.js';
import { ceilingTau } from '../src/train/data/ceiling_tau.js';
import { ImageCache } from '../src/train/data/image_cache.js';
import { syntheticScenes } from '../src/train/data/synthetic_loader.js';
import { parseVsdCsv, readVsdCsv } from '../src/train/data/vsd_csv.js';
import { loadVsd } from '../src/train/data/vsd_loader.js';
import { SHARED_DATA } from './helpers/shared_data.js';

const REAL = SHARED_DATA;
const hasReal = existsSync(join(REAL, 'VSD_dataset.csv'));
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tauflow-data-'));
  await writeSynthetic({ out: dir, count: 40, size: 16, seed: 3, noise: 0.33 });
  // One corrupt image (not an image at all) and one missing image.
  writeFileSync(join(dir, 'images', 'scene_000005.png'), 'this is not a PNG');
  unlinkSync(join(dir, 'images', 'scene_000011.png'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('VSD CSV', () => {
  it('reads name,score with or without a header, and a split column', () => {
    const withHeader = parseVsdCsv('name,score\na,3.5\nb,2.75\n');
    const without = parseVsdCsv('a,3.5\nb,2.75\n');
    expect(withHeader.hasHeader).toBe(true);
    expect(without.hasHeader).toBe(false);
    expect(without.rows).toEqual(withHeader.rows);
    expect(withHeader.rows).toEqual([
      { name: 'a', score: 3.5 },
      { name: 'b', score: 2.75 },
    ]);
    const split = parseVsdCsv('split,score,name\nTrain,3,a\nvalidation,4,b\ntest,5,c\n');
    expect(split.hasSplit).toBe(true);
    expect(split.rows.map((r) => [r.name, r.split])).toEqual([
      ['a', 'train'],
      ['b', 'val'],
      ['c', 'test'],
    ]);
  });

  it('names the line and the problem on bad input', () => {
    expect(() => parseVsdCsv('name,score\na,3\nb,x\n', 'f.csv')).toThrow(
      'parseVsdCsv: expected a finite number for the score on line 3 of f.csv but received the string "x"',
    );
    expect(() => parseVsdCsv('a,3\na,4\n', 'f.csv')).toThrow(
      'name "a" appears twice in f.csv (lines 1 and 2)',
    );
    expect(() => parseVsdCsv('a,3,holdout\n', 'f.csv')).toThrow(
      'expected train, val or test for the split on line 1',
    );
    expect(() => parseVsdCsv('', 'f.csv')).toThrow('f.csv has no rows');
    expect(() => parseVsdCsv('name,value\na,3\n', 'f.csv')).toThrow('expected a score column');
  });

  it.runIf(hasReal)('parses the real VSD CSV: 11,540 rows, scores 2.455–9.628, median 3.22', async () => {
    const { rows, hasHeader } = await readVsdCsv(join(REAL, 'VSD_dataset.csv'));
    expect(hasHeader).toBe(true);
    expect(rows.length).toBe(11540);
    const s = rows.map((r) => r.score).sort((a, b) => a - b);
    expect(s[0]).toBeCloseTo(2.455035, 6);
    expect(s.at(-1)).toBeCloseTo(9.6275, 6);
    expect((s[5769] + s[5770]) / 2).toBeCloseTo(3.22, 6);
    expect(rows[0].name).toBe('2008_000002');
    const split = await readVsdCsv(join(REAL, 'VSD_ideranknet_split.csv'));
    expect(split.hasSplit).toBe(true);
    const counts = { train: 0, val: 0, test: 0 };
    for (const r of split.rows) counts[r.split!]++;
    expect(counts).toEqual({ train: 5770, val: 2885, test: 2885 });
  });
});

describe('loadVsd on scenes written by `tauflow synth`', () => {
  it('skips, counts and lists the corrupt and the missing image', async () => {
    const data = await loadVsd({ csv: join(dir, 'scores.csv'), images: join(dir, 'images'), size: 16 });
    expect(data.skipped.map((s) => s.name).sort()).toEqual(['scene_000005', 'scene_000011']);
    expect(data.skipped.find((s) => s.name === 'scene_000005')!.reason).toMatch(/^corrupt: /);
    expect(data.skipped.find((s) => s.name === 'scene_000011')!.reason).toMatch(/^missing: /);
    const n = data.train.samples.length + data.val.samples.length + data.test.samples.length;
    expect(n).toBe(38);
    expect([data.train.samples.length, data.val.samples.length, data.test.samples.length]).toEqual([
      19, 10, 9,
    ]);
  });

  it('decodes the PNGs back to the generated pixels and scores', async () => {
    const data = await loadVsd({
      csv: join(dir, 'scores.csv'),
      images: join(dir, 'images'),
      size: 16,
      cacheMB: 1,
    });
    const scenes = syntheticScenes({ count: 40, size: 16, seed: 3 });
    const batch = await data.test.batch([0, 1, 2]);
    expect(batch.images.length).toBe(3 * 16 * 16 * 3);
    for (let k = 0; k < 3; k++) {
      const i = scenes.samples.findIndex((s) => s.name === batch.names[k]);
      expect(batch.scores[k]).toBeCloseTo(scenes.samples[i].score, 5);
      const want = scenes.batchSync([i]).images;
      const got = batch.images.subarray(k * 768, (k + 1) * 768);
      let maxDiff = 0;
      for (let p = 0; p < 768; p++) maxDiff = Math.max(maxDiff, Math.abs(got[p] - want[p]));
      expect(maxDiff).toBeLessThanOrEqual(0.5 / 255 + 1e-6); // PNG stores 8 bits
    }
    // a second read (from the cache) gives the same batch
    expect((await data.test.batch([0, 1, 2])).images).toEqual(batch.images);
    // resizing works too: 16 → 24
    const big = await loadVsd({ csv: join(dir, 'scores.csv'), images: join(dir, 'images'), size: 24 });
    expect((await big.train.batch([0])).images.length).toBe(24 * 24 * 3);
  });

  it('respects a split CSV, and a split column in the score CSV', async () => {
    const splitCsv = readFileSync(join(dir, 'split.csv'), 'utf8').trim().split('\n').slice(1);
    const wantTest = splitCsv
      .map((l) => l.split(','))
      .filter((c) => c[2] === 'test' && c[0] !== 'scene_000005' && c[0] !== 'scene_000011')
      .map((c) => c[0]);
    for (const opts of [
      { csv: join(dir, 'scores.csv'), split: join(dir, 'split.csv') },
      { csv: join(dir, 'split.csv') },
    ]) {
      const data = await loadVsd({ ...opts, images: join(dir, 'images'), size: 16, seed: 99 });
      expect(data.test.samples.map((s) => s.name)).toEqual(wantTest);
    }
  });

  it('a truncated image passes the header check but not a full decode; batch() names it', async () => {
    const bad = join(dir, 'trunc');
    await writeSynthetic({ out: bad, count: 16, size: 16, seed: 8, noise: 0.33 });
    const file = join(bad, 'images', 'scene_000002.png');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const opts = { csv: join(bad, 'split.csv'), images: join(bad, 'images'), size: 16, minImages: 3 };
    const strict = await loadVsd({ ...opts, verify: 'decode' });
    expect(strict.skipped.map((s) => s.name)).toEqual(['scene_000002']);
    const lax = await loadVsd(opts);
    expect(lax.skipped).toEqual([]);
    const split = (['train', 'val', 'test'] as const).find((k) =>
      lax[k].samples.some((s) => s.name === 'scene_000002'),
    )!;
    const idx = lax[split].samples.findIndex((s) => s.name === 'scene_000002');
    await expect(lax[split].batch([idx])).rejects.toThrow(/decodeImage: cannot decode .*scene_000002\.png/);
  });

  it('images missing from a split CSV are left out and listed', async () => {
    const partial = join(dir, 'partial_split.csv');
    const lines = readFileSync(join(dir, 'split.csv'), 'utf8').trim().split('\n');
    writeFileSync(partial, `${lines.filter((l) => !l.startsWith('scene_000020,')).join('\n')}\n`);
    const data = await loadVsd({
      csv: join(dir, 'scores.csv'),
      images: join(dir, 'images'),
      size: 16,
      split: partial,
    });
    expect(data.skipped.find((s) => s.name === 'scene_000020')?.reason).toMatch(/not in the split CSV/);
    const all = [...data.train.samples, ...data.val.samples, ...data.test.samples].map((s) => s.name);
    expect(all).not.toContain('scene_000020');
    expect(all).toHaveLength(37);
  });

  it('loads a score CSV without a header, and names with their extension', async () => {
    const lines = readFileSync(join(dir, 'scores.csv'), 'utf8').trim().split('\n').slice(1);
    const bare = join(dir, 'no_header.csv');
    writeFileSync(bare, `${lines.map((l, i) => (i % 2 ? l.replace(',', '.png,') : l)).join('\n')}\n`);
    const a = await loadVsd({ csv: bare, images: join(dir, 'images'), size: 16 });
    const b = await loadVsd({ csv: join(dir, 'scores.csv'), images: join(dir, 'images'), size: 16 });
    expect(a.skipped.length).toBe(2);
    expect(a.train.samples.map((s) => s.score)).toEqual(b.train.samples.map((s) => s.score));
  });

  it('a seed gives the same split, another seed another one', async () => {
    const load = (seed: number) =>
      loadVsd({ csv: join(dir, 'scores.csv'), images: join(dir, 'images'), size: 16, seed });
    const [a, b, c] = await Promise.all([load(1), load(1), load(2)]);
    expect(b.test.samples).toEqual(a.test.samples);
    expect(c.test.samples).not.toEqual(a.test.samples);
  });

  it('reports the ceiling tau from truth.csv', async () => {
    const data = await loadVsd({
      csv: join(dir, 'split.csv'),
      images: join(dir, 'images'),
      size: 16,
      truth: join(dir, 'truth.csv'),
    });
    const truth = new Map(
      readFileSync(join(dir, 'truth.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [c[0], Number(c[1])] as const),
    );
    const want = ceilingTau(
      data.test.samples.map((s) => truth.get(s.name)!),
      data.test.samples.map((s) => s.score),
    );
    expect(data.ceilingTau).toBeCloseTo(want, 12);
    expect(data.ceilingTau).toBeGreaterThan(0);
  });

  it('aborts with a clear message only when too few images remain', async () => {
    await expect(
      loadVsd({ csv: join(dir, 'scores.csv'), images: join(dir, 'images'), size: 16, minImages: 39 }),
    ).rejects.toThrow(
      /loadVsd: expected at least 39 readable images \(minImages\) but only 38 of 40 .* 1 missing, 1 corrupt; first skipped: scene_000005/,
    );
    await expect(loadVsd({ csv: join(dir, 'nope.csv'), images: join(dir, 'images') })).rejects.toThrow(
      /cannot read .*nope\.csv \(ENOENT\)/,
    );
    await expect(loadVsd({ csv: join(dir, 'scores.csv'), images: join(dir, 'no-such-dir') })).rejects.toThrow(
      /cannot read the image folder/,
    );
    await expect(loadVsd({ csv: 3 } as never)).rejects.toThrow(
      'loadVsd: expected a path to a CSV file for csv',
    );
    await expect(loadVsd({ csv: 'a', images: 'b', cacheMB: -1 })).rejects.toThrow(RangeError);
  });
});

describe('ImageCache', () => {
  it('evicts the least recently used entries to stay within its bytes', () => {
    const cache = new ImageCache(3 * 400);
    const img = () => new Float32Array(100); // 400 bytes
    cache.set('a', img());
    cache.set('b', img());
    cache.set('c', img());
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('d', img()); // evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.get('a')).toBeDefined();
    const st = cache.stats();
    expect(st.bytes).toBe(1200);
    expect(st.entries).toBe(3);
    expect(st.evictions).toBe(1);
    cache.set('huge', new Float32Array(1000)); // larger than the cache: not stored, nothing evicted
    expect(cache.stats().entries).toBe(3);
  });
});

describe('tauflow synth', () => {
  it('writes PNGs and the three CSVs end to end, and rejects bad flags with exit code 2', async () => {
    const out = join(dir, 'cli');
    const write = process.stdout.write;
    let printed = '';
    process.stdout.write = ((s: string) => {
      printed += s;
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main([
        'node',
        'tauflow',
        'synth',
        '--out',
        out,
        '--count',
        '24',
        '--size',
        '16',
        '--seed',
        '5',
      ]);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    expect(printed).toMatch(/wrote 24 scenes/);
    expect(printed).toMatch(/ceiling tau/);
    expect(existsSync(join(out, 'images', 'scene_000023.png'))).toBe(true);
    const scores = readFileSync(join(out, 'scores.csv'), 'utf8').trim().split('\n');
    expect(scores[0]).toBe('name,score');
    expect(scores.length).toBe(25);
    expect(readFileSync(join(out, 'split.csv'), 'utf8').split('\n')[0]).toBe('name,score,split');
    expect(readFileSync(join(out, 'truth.csv'), 'utf8').split('\n')[0]).toMatch(
      /^name,noise_free_score,score,/,
    );
    const data = await loadVsd({ csv: join(out, 'scores.csv'), images: join(out, 'images'), size: 16 });
    expect(data.skipped).toEqual([]);

    const err = process.stderr.write;
    let errText = '';
    process.stderr.write = ((s: string) => {
      errText += s;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(['node', 'tauflow', 'synth', '--out', out, '--count', 'ten'])).toBe(2);
      expect(await main(['node', 'tauflow', 'synth', '--count', '10'])).toBe(2);
    } finally {
      process.stderr.write = err;
    }
    expect(errText).toMatch(/expected an integer in \[12, 10000000\] for --count but received "ten"/);
  });
});
